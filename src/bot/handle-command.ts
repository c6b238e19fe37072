/**
 * Turns the text of a `/preletter …` command (Slack) or a message to the bot
 * (Teams) into a use case call. Parsing errors become a sentence naming the field.
 */
import { isCallRef } from '../domain/call';
import { isFlagRef } from '../domain/flag';
import { parseCommand } from '../domain/command';
import type { ChannelBinding, PlatformIdentity } from '../domain/types';
import { acknowledge } from './acknowledge';
import { acknowledgeFlag } from './acknowledge-flag';
import { callStatus } from './call-status';
import { inUnitOfWork, type BotDeps } from './deps';
import { flagFormOptions, type FlagFormOptions } from './flag-form';
import { help } from './help';
import { markSent } from './mark-sent';
import { refusal } from './messages/catalogue';
import type { NeutralCard } from './ports';
import { previewFormOptions, type PreviewFormOptions } from './preview-letter';
import { callFormOptions, type CallFormOptions } from './publish-call';
import { recordReply } from './record-reply';
import { report } from './report';
import { status } from './status';
import { voiceOfAccount } from './voices';
import { withdraw } from './withdraw';

/** A command either answers with a card, or asks the adapter to show a form: the preview's, the flag's, or the call for input's. */
export type CommandOutcome =
  | { kind: 'reply'; card: NeutralCard }
  | { kind: 'preview-form'; options: PreviewFormOptions }
  | { kind: 'flag-form'; options: FlagFormOptions }
  | { kind: 'call-form'; options: CallFormOptions };

/** A command as an adapter received it: who, what they typed, and where (if in a channel). */
export interface CommandRequest {
  actor: PlatformIdentity;
  text: string;
  channel?: ChannelBinding;
}

/** Parses and runs one command; throws PreLetterError for anything the person must fix. */
export async function handleCommand(base: BotDeps, request: CommandRequest): Promise<CommandOutcome> {
  const deps = inUnitOfWork(base);
  const parsed = parseCommand(request.text);
  if (!parsed.ok) throw refusal('invalid-input', parsed.problem, { field: parsed.field });
  const command = parsed.command;
  const reply = (card: NeutralCard): CommandOutcome => ({ kind: 'reply', card });
  const { actor } = request;
  switch (command.name) {
    case 'help':
      return reply(help(await voiceOfAccount(deps, actor)));
    case 'preview':
      if (!request.channel) throw refusal('not-bound', { key: 'command.preview-here' });
      return { kind: 'preview-form', options: await previewFormOptions(deps, actor, request.channel) };
    case 'flag':
      return { kind: 'flag-form', options: await flagFormOptions(deps, actor, request.channel) };
    case 'call':
      return { kind: 'call-form', options: await callFormOptions(deps, actor) };
    case 'status':
      if (command.ref && isCallRef(command.ref)) return reply(await callStatus(deps, { actor, ref: command.ref, ...(request.channel ? { channel: request.channel } : {}) }));
      return reply(await status(deps, { actor, ref: command.ref, company: command.company }));
    case 'ack':
      return reply((isFlagRef(command.ref) ? await acknowledgeFlag(deps, { actor, ref: command.ref }) : await acknowledge(deps, { actor, ref: command.ref })).reply);
    case 'sent':
      return reply((await markSent(deps, { actor, ref: command.ref, officialSymbol: command.officialSymbol })).reply);
    case 'replied':
      return reply((await recordReply(deps, { actor, ref: command.ref })).reply);
    case 'withdraw':
      return reply((await withdraw(deps, { actor, ref: command.ref, reason: command.reason })).reply);
    case 'report':
      return reply(await report(deps, { actor, ...(command.period ? { period: command.period } : {}) }));
  }
}
