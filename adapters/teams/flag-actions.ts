/**
 * What people do on flag cards in Teams, through the `adaptiveCard/action` invoke (or an
 * older client's Action.Submit fallback): submit the flag form shown in their personal chat,
 * and press Acknowledge on a flag's card. The Acknowledge button has the same effect and the
 * same refusals as `ack FL-…`: the core updates every posted copy of the card (and the copy
 * pressed in a personal chat); the person who pressed is told in words, in place.
 */
import { isFlagRef } from '../../src/domain/flag';
import { acknowledgeFlag } from '../../src/bot/acknowledge-flag';
import { refusal, type Voice } from '../../src/bot/messages/catalogue';
import type { FlagActionId, NeutralCard } from '../../src/bot/ports';
import { noticeCard } from '../../src/bot/views/notice-card';
import type { Logger } from '../../src/logger';
import { FLAG_SUBMIT_VERB, flagFormCard } from './flag-form';
import { submitFlagForm } from './flag-submit';
import type { CardActionRequest } from './inbound-actions';
import { renderAdaptiveCard, type CardElement } from './render';
import { encodeMessageRef } from './thread-ref';
import type { TurnServices } from './turn';

/** The flag card's button, as its Action.Execute verb. */
export const FLAG_ACK_VERB: FlagActionId = 'acknowledge-flag';

/** The verbs this module answers. */
export const FLAG_VERBS: ReadonlySet<string> = new Set([FLAG_SUBMIT_VERB, FLAG_ACK_VERB]);

/** What a flag card action ends in: a card that replaces the clicked one, or words for the clicker alone. */
export type FlagActionOutcome = { kind: 'card'; content: CardElement } | { kind: 'message'; card: NeutralCard };


function flagRefOf(request: CardActionRequest): string {
  const ref = request.data.ref;
  if (typeof ref !== 'string' || !isFlagRef(ref)) throw refusal('invalid-input', { key: 'click.unreadable' }, { field: 'ref' });
  return ref;
}

async function acknowledge(services: TurnServices, request: CardActionRequest, log: Logger): Promise<FlagActionOutcome> {
  const ref = flagRefOf(request);
  const { place } = request;
  // The copy in a personal chat is the presser's own: the core updates it with the posted ones.
  const copy = place.personal && place.messageId ? encodeMessageRef({ conversationId: place.conversationId, serviceUrl: request.serviceUrl, tenantId: request.tenantId, activityId: place.messageId }) : undefined;
  const outcome = await acknowledgeFlag(services.deps, { actor: request.actor, ref, ...(copy ? { copy } : {}) });
  log.info({ ref, changed: outcome.changed, via: request.via }, 'flag button handled');
  return { kind: 'message', card: outcome.reply };
}

async function submit(services: TurnServices, request: CardActionRequest, voice: () => Promise<Voice>, log: Logger): Promise<FlagActionOutcome> {
  const submitted = await submitFlagForm(services, request.actor, request.data, log);
  switch (submitted.kind) {
    case 'mistakes':
      return { kind: 'card', content: flagFormCard(submitted.options, String(request.data.form), submitted.values, submitted.errors) };
    case 'raised':
      return { kind: 'card', content: renderAdaptiveCard(submitted.reply).attachment.content as CardElement };
    case 'not-yours':
      return { kind: 'message', card: noticeCard('PreLetter', [(await voice()).say({ key: 'flag.not-yours' })]) };
    default:
      return { kind: 'message', card: noticeCard('PreLetter', [(await voice()).say({ key: 'flag.used' })]) };
  }
}

/** Why: one flag card action, already recorded as seen; refusals are the caller's to word. */
export function flagCardAction(services: TurnServices, request: CardActionRequest, voice: () => Promise<Voice>, log: Logger): Promise<FlagActionOutcome> {
  return request.verb === FLAG_ACK_VERB ? acknowledge(services, request, log) : submit(services, request, voice, log);
}
