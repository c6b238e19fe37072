/**
 * How Slack will read what the adapter sent: every text object in a call, and what
 * in it Slack would turn into a mention, a broadcast or a link. Strict on purpose:
 * markup counts in mrkdwn and in the top-level text; bare `@here` words count
 * unless neutralised; bare URLs count unless the text is verbatim / parse=none.
 */
import type { PlatformDelivery } from '../../../contract/chat-platform-contract';
import type { RecordedApiCall, SlackApiFake } from './slack-api-fake';

/** One text object of a message, as sent. */
export interface SentText {
  type: 'mrkdwn' | 'plain_text' | 'top-level';
  text: string;
  verbatim: boolean;
}

function walk(node: unknown, out: SentText[]): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, out));
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') {
    out.push({ type: o.type, text: o.text, verbatim: o.verbatim === true });
    return;
  }
  for (const value of Object.values(o)) walk(value, out);
}

/** Why: all text objects of a call (blocks of a message, or of a view), plus the top-level text. */
export function sentTexts(call: RecordedApiCall): SentText[] {
  const out: SentText[] = [];
  if (typeof call.args.text === 'string') out.push({ type: 'top-level', text: call.args.text, verbatim: call.args.parse === 'none' });
  walk(call.args.blocks, out);
  walk((call.args.view as { blocks?: unknown } | undefined)?.blocks, out);
  return out;
}

/** Why: button URLs are links too. */
function buttonUrls(node: unknown, out: string[]): void {
  if (Array.isArray(node)) return node.forEach((n) => buttonUrls(n, out));
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (o.type === 'button' && typeof o.url === 'string') out.push(o.url);
  for (const value of Object.values(o)) buttonUrls(value, out);
}

const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;
const BROADCAST_MARKUP = /<!(channel|here|everyone|subteam\^[A-Z0-9]+)(?:\|[^>]*)?>/g;
const BARE_BROADCAST = /(?:^|[^\w\u2060])@(channel|here|everyone)\b/gi;
const LINK_MARKUP = /<((?:https?|mailto):[^|>]+|#C[A-Z0-9]+)(?:\|[^>]*)?>/g;
const BARE_URL = /(?:^|[^<|\w])(https?:\/\/[^\s<>|]+)/g;

function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1]!);
}

/** Why: what Slack would actually notify and link for one call. */
export function analyse(call: RecordedApiCall): { text: string; mentions: string[]; broadcasts: string[]; links: string[] } {
  const texts = sentTexts(call);
  const parsed = texts.filter((t) => t.type !== 'plain_text');
  const links: string[] = [];
  buttonUrls(call.args.blocks, links);
  for (const t of parsed) {
    links.push(...matches(t.text, LINK_MARKUP));
    if (!t.verbatim) links.push(...matches(t.text, BARE_URL));
  }
  return {
    text: texts.map((t) => t.text).join('\n'),
    mentions: parsed.flatMap((t) => matches(t.text, MENTION)),
    broadcasts: parsed.flatMap((t) => [...matches(t.text, BROADCAST_MARKUP), ...matches(t.text, BARE_BROADCAST)]),
    links,
  };
}

/** Why: what a person sees on screen (entities decoded), for readable assertions. */
export function visibleText(call: RecordedApiCall): string {
  return sentTexts(call)
    .map((t) => t.text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\u2060/g, ''))
    .join('\n');
}

/** Why: the contract suite's platform-neutral view of the fake's recorded calls. */
export function slackDeliveries(fake: SlackApiFake): PlatformDelivery[] {
  const out: PlatformDelivery[] = [];
  for (const call of fake.calls.filter((c) => c.ok)) {
    const channel = String(call.args.channel ?? '');
    const seen = analyse(call);
    if (call.method === 'chat.postMessage') {
      const messageId = String(call.result.ts);
      if (channel.startsWith('D')) out.push({ kind: 'direct', conversation: channel, messageId, recipient: `U${channel.slice(1)}`, ...seen });
      else if (call.args.thread_ts) out.push({ kind: 'thread-reply', conversation: channel, messageId, threadId: String(call.args.thread_ts), ...seen });
      else out.push({ kind: 'root', conversation: channel, messageId, ...seen });
    } else if (call.method === 'chat.update') {
      out.push({ kind: 'update', conversation: channel, messageId: String(call.args.ts), ...seen });
    } else if (call.method === 'chat.postEphemeral') {
      const threadId = call.args.thread_ts ? { threadId: String(call.args.thread_ts) } : {};
      out.push({ kind: 'private', conversation: channel, recipient: String(call.args.user), ...threadId, ...seen });
    }
  }
  return out;
}
