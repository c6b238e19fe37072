/**
 * A recording test double of the ChatPlatform port, for use-case tests: it keeps
 * every call in order and can be told to fail, so tests assert what people saw.
 */
import type { ChatPlatform, NeutralCard, NeutralUser, PostedRoot } from '../../src/bot/ports';
import { segmentsText } from './words';
import type { Clock } from '../../src/domain/clock';
import { PreLetterError } from '../../src/domain/errors';
import type { ChannelBinding, Platform, PlatformIdentity } from '../../src/domain/types';

/** One recorded call: the port method, what it was asked to post where, and when (by the injected clock). */
export type RecordedCall = { at?: Date } & (
  | { method: 'postRoot'; channel: ChannelBinding; card: NeutralCard; threadRef: string; marker?: string }
  | { method: 'postInThread'; threadRef: string; card: NeutralCard }
  | { method: 'updateMessage'; messageRef: string; card: NeutralCard }
  | { method: 'sendDirect'; user: PlatformIdentity; card: NeutralCard }
  | { method: 'replyPrivately'; target: string; user: PlatformIdentity; card: NeutralCard }
);

/** The text a person would read on a card, mentions as @name, for plain assertions. */
export function cardText(card: NeutralCard): string {
  const body = card.body.map((line) => segmentsText(line)).join('\n');
  const fields = card.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
  return [card.title, body, fields, card.footer ?? ''].join('\n');
}

/** Records calls; `failOn` makes a method throw a platform error, as a real API outage would. */
export class RecordingPlatform implements ChatPlatform {
  readonly calls: RecordedCall[] = [];
  readonly failOn = new Set<RecordedCall['method']>();
  /** Absent, as on a platform that cannot look back; a test sets it to play one that can. */
  findRoot?: ChatPlatform['findRoot'];
  private seq = 0;

  constructor(
    readonly platform: Platform = 'slack',
    private readonly clock?: Clock,
  ) {}

  private record(call: RecordedCall): void {
    this.calls.push({ ...call, at: this.clock?.now() });
  }

  private check(method: RecordedCall['method']): void {
    if (this.failOn.has(method)) throw new PreLetterError('platform', 'The chat platform refused the request.', { method });
  }

  async postRoot(channel: ChannelBinding, card: NeutralCard, marker?: string): Promise<PostedRoot> {
    this.check('postRoot');
    const threadRef = `thread-${++this.seq}`;
    this.record({ method: 'postRoot', channel, card, threadRef, ...(marker ? { marker } : {}) });
    return { threadRef, messageRef: `root-of-${threadRef}` };
  }

  async postInThread(threadRef: string, card: NeutralCard): Promise<string> {
    this.check('postInThread');
    this.record({ method: 'postInThread', threadRef, card });
    return `msg-${++this.seq}`;
  }

  async updateMessage(messageRef: string, card: NeutralCard): Promise<void> {
    this.check('updateMessage');
    this.record({ method: 'updateMessage', messageRef, card });
  }

  async sendDirect(user: PlatformIdentity, card: NeutralCard): Promise<string> {
    this.check('sendDirect');
    this.record({ method: 'sendDirect', user, card });
    return `dm-${++this.seq}`;
  }

  async replyPrivately(target: string, user: PlatformIdentity, card: NeutralCard): Promise<void> {
    this.check('replyPrivately');
    this.record({ method: 'replyPrivately', target, user, card });
  }

  async resolveUser(user: PlatformIdentity): Promise<NeutralUser> {
    return { identity: user, displayName: user.userId };
  }

  async threadLink(threadRef: string): Promise<string | undefined> {
    return `https://chat.example/${threadRef}`;
  }

  /** Calls of one method, typed. */
  of<M extends RecordedCall['method']>(method: M): Extract<RecordedCall, { method: M }>[] {
    return this.calls.filter((c): c is Extract<RecordedCall, { method: M }> => c.method === method);
  }
}
