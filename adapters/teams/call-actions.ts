/**
 * What people do on call-for-input cards in Teams, through the `adaptiveCard/action` invoke
 * (or an older client's Action.Submit fallback): submit the call form shown in their personal
 * chat, and press an answer button on a company's card ("we will contribute", "submitted",
 * "not for us"). An answer has the same effect and refusals wherever it is pressed: the core
 * updates the company's card and tells the mandate team; the presser is told in words, privately.
 */
import { isCallRef } from '../../src/domain/call';
import { answerCall, CALL_BUTTON_ANSWERS } from '../../src/bot/answer-call';
import { refusal, type Voice } from '../../src/bot/messages/catalogue';
import type { CallActionId, NeutralCard } from '../../src/bot/ports';
import { noticeCard } from '../../src/bot/views/notice-card';
import type { Logger } from '../../src/logger';
import { CALL_SUBMIT_VERB, callFormCard } from './call-form';
import { submitCallForm } from './call-submit';
import type { CardActionRequest } from './inbound-actions';
import { renderAdaptiveCard, type CardElement } from './render';
import { baseConversationId } from './thread-ref';
import type { TurnServices } from './turn';

/** The verbs this module answers: the chat form's submit, and the call card's answer buttons (their Action.Execute verbs are the core's action ids). */
export const CALL_VERBS: ReadonlySet<string> = new Set([CALL_SUBMIT_VERB, ...Object.keys(CALL_BUTTON_ANSWERS)]);

/** What a call card action ends in: a card that replaces the clicked one, or words for the clicker alone. */
export type CallActionOutcome = { kind: 'card'; content: CardElement } | { kind: 'message'; card: NeutralCard };


function callRefOf(request: CardActionRequest): string {
  const ref = request.data.ref;
  if (typeof ref !== 'string' || !isCallRef(ref)) throw refusal('invalid-input', { key: 'click.unreadable' }, { field: 'ref' });
  return ref;
}

async function answer(services: TurnServices, request: CardActionRequest, action: CallActionId, log: Logger): Promise<CallActionOutcome> {
  const ref = callRefOf(request);
  const { place } = request;
  // A card in a channel answers for that channel's company; a copy in personal chat for the presser's.
  const channel = place.personal ? undefined : { platform: 'teams' as const, workspaceId: request.tenantId, channelId: baseConversationId(place.conversationId) };
  const outcome = await answerCall(services.deps, { actor: request.actor, ref, answer: CALL_BUTTON_ANSWERS[action], ...(channel ? { channel } : {}) });
  log.info({ ref, action, changed: outcome.changed, via: request.via }, 'call button handled');
  return { kind: 'message', card: outcome.reply };
}

async function submit(services: TurnServices, request: CardActionRequest, voice: () => Promise<Voice>, log: Logger): Promise<CallActionOutcome> {
  const submitted = await submitCallForm(services, request.actor, request.data, log);
  switch (submitted.kind) {
    case 'mistakes':
      return { kind: 'card', content: callFormCard(submitted.options, String(request.data.form), submitted.values, submitted.errors) };
    case 'published':
      return { kind: 'card', content: renderAdaptiveCard(submitted.reply).attachment.content as CardElement };
    case 'not-yours':
      return { kind: 'message', card: noticeCard('PreLetter', [(await voice()).say({ key: 'call.not-yours' })]) };
    default:
      return { kind: 'message', card: noticeCard('PreLetter', [(await voice()).say({ key: 'call.used' })]) };
  }
}

/** Why: one call card action, already recorded as seen; refusals are the caller's to word. */
export function callCardAction(services: TurnServices, request: CardActionRequest, voice: () => Promise<Voice>, log: Logger): Promise<CallActionOutcome> {
  return request.verb === CALL_SUBMIT_VERB ? submit(services, request, voice, log) : answer(services, request, request.verb as CallActionId, log);
}
