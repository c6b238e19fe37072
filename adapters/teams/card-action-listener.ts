/**
 * Card buttons and the preview form (the flag card and form, flag-actions.ts; the call card and form, call-actions.ts), through the `adaptiveCard/action` invoke
 * (Universal Actions). The answer goes back in the invoke response: the refreshed
 * card (so the status updates in place for the person who clicked; the core updates
 * the posted card for everyone), or a message to that person only when nothing
 * changed or they may not act. Teams waits about five seconds: work that takes longer
 * is answered "still working" and finishes afterwards, updating the card then.
 */
import { resolveActor } from '../../src/bot/actor';
import { cardForError } from '../../src/bot/error-sink';
import { loadLetterContext, loadVisibleLetter } from '../../src/bot/letter-context';
import type { LetterActionId, NeutralCard } from '../../src/bot/ports';
import { callCardAction, CALL_VERBS } from './call-actions';
import { flagCardAction, FLAG_VERBS } from './flag-actions';
import { submitPreviewForm } from './preview-submit';
import { BUTTON_USE_CASES } from '../../src/bot/shared-decisions';
import { inUnitOfWork, type BotDeps } from '../../src/bot/deps';
import { refusal, voiceFor, type Message, type Voice } from '../../src/bot/messages/catalogue';
import { viewerCard } from '../../src/bot/views/letter-card';
import { noticeCard } from '../../src/bot/views/notice-card';
import { previewDirectCard } from '../../src/bot/views/preview-cards';
import { channelVoice, personVoice, voiceOfAccount } from '../../src/bot/voices';
import type { PreLetterError } from '../../src/domain/errors';
import { isMirrorThread } from '../../src/domain/schedule';
import { voiceOfReply } from '../shared/turn';
import { errorDetails, type Logger } from '../../src/logger';
import { looseReply } from './inbound';
import { readCardAction, type CardActionRequest } from './inbound-actions';
import { PREVIEW_SUBMIT_VERB, previewFormCard } from './preview-form';
import { ADAPTIVE_CARD_CONTENT_TYPE, plainSentence, REFRESH_VERB, renderAdaptiveCard, type CardElement } from './render';
import { baseConversationId, encodeMessageRef } from './thread-ref';
import { directoryActor, firstTime, tellPrivately, withinBudget, type TurnServices } from './turn';


/** The body of an `adaptiveCard/action` invoke response (Universal Actions). */
export interface CardActionResponse {
  statusCode: 200;
  type: 'application/vnd.microsoft.card.adaptive' | 'application/vnd.microsoft.activity.message';
  value: unknown;
}

/** What a card action ends in: a card that replaces the clicked one, or words for the clicker alone. */
type MessageOutcome = { kind: 'message'; card: NeutralCard };
type Outcome = { kind: 'card'; content: CardElement } | MessageOutcome;

const LETTER_REF = /^PL-\d{4}-\d{4}$/;

function toResponse(outcome: Outcome): CardActionResponse {
  return outcome.kind === 'card'
    ? { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: outcome.content }
    : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: plainSentence(outcome.card) };
}

const message = (v: Voice, words: Message): MessageOutcome => ({ kind: 'message', card: noticeCard('PreLetter', [v.say(words)]) });

/**
 * Why: the clicker's words are looked up only when a message must be worded, in the same
 * unit of work as the action (whose own lookup of the person answers it), never before
 * the invoke budget starts. `known` is the voice once found, for answers that cannot wait.
 */
class ClickerVoice {
  private found?: Promise<Voice>;
  known?: Voice;

  constructor(
    private readonly deps: BotDeps,
    private readonly reply: CardActionRequest['reply'],
  ) {}

  get(): Promise<Voice> {
    this.found ??= voiceOfReply(this.deps, this.reply).then((v) => (this.known = v));
    return this.found;
  }
}
const cardOf = (card: NeutralCard): Outcome => ({ kind: 'card', content: renderAdaptiveCard(card).attachment.content as CardElement });

function letterRefOf(request: CardActionRequest): string {
  const ref = request.data.ref;
  if (typeof ref !== 'string' || !LETTER_REF.test(ref)) throw refusal('invalid-input', { key: 'click.unreadable' }, { field: 'ref' });
  return ref;
}

/** Why: the clicker reads what their click did at the top of the card it refreshed, as Slack tells them privately. */
function withConfirmation(card: NeutralCard, confirmation?: NeutralCard): NeutralCard {
  return confirmation ? { ...card, body: [...confirmation.body, ...card.body] } : card;
}

/**
 * Why: a letter's channel card as one person sees it: their own buttons, in their own
 * language (the card is theirs alone), and the refresh that keeps every viewer's view live.
 * Only in the letter's own channel: a card forwarded elsewhere never shows the letter there.
 */
async function viewerOutcome(services: TurnServices, request: CardActionRequest, ref: string, confirmation?: NeutralCard): Promise<Outcome | undefined> {
  const { deps, platform } = services;
  const ctx = await loadLetterContext(deps, ref);
  const channel = baseConversationId(request.place.conversationId);
  if (!ctx.letter.threads.some((t) => t.platform === 'teams' && t.channel.channelId === channel)) return undefined;
  const person = await deps.directory.findPersonByIdentity(request.actor);
  const v = person ? personVoice(deps, person, ctx.company) : channelVoice(ctx);
  const card = withConfirmation(viewerCard(ctx, deps.policy, deps.clock.now(), v, person), confirmation);
  const userIds = await platform.viewerIds(card, request.serviceUrl, request.place.conversationId);
  return { kind: 'card', content: renderAdaptiveCard(card, { userIds, forViewer: true }).attachment.content as CardElement };
}

/**
 * Why: the letter as the clicked card should now show it: the clicker's view in a channel,
 * the routed person's card in a 1:1 chat. That card carries the letter's text, so someone who
 * may act but not read it (a company contact) gets undefined: the caller shows the confirmation.
 */
async function refreshedCard(services: TurnServices, request: CardActionRequest, ref: string, confirmation: NeutralCard): Promise<Outcome | undefined> {
  const { deps, platform } = services;
  if (!request.place.personal) return viewerOutcome(services, request, ref, confirmation);
  const person = await resolveActor(deps, request.actor);
  const { ctx, access } = await loadVisibleLetter(deps, ref, person);
  if (!access.read) return undefined;
  const thread = ctx.letter.threads.find((t) => t.platform === 'teams' && !isMirrorThread(ctx.letter, t));
  const link = thread ? await platform.threadLink(thread.threadRef) : undefined;
  const v = personVoice(deps, person, ctx.company);
  const card = { ...previewDirectCard(ctx, deps.policy, deps.clock.now(), v), ...(link ? { threadLink: { url: link, label: v.t('button.open-thread') } } : {}) };
  return cardOf(withConfirmation(card, confirmation));
}

/** Why: the automatic refresh of a per-person card: read only, so it is neither deduplicated nor recorded. */
async function refreshView(services: TurnServices, request: CardActionRequest, voice: ClickerVoice): Promise<Outcome> {
  const view = await viewerOutcome(services, request, letterRefOf(request));
  return view ?? cardOf(noticeCard('PreLetter', (await voice.get()).t('card.view-elsewhere')));
}

async function button(services: TurnServices, request: CardActionRequest, action: LetterActionId, log: Logger): Promise<Outcome> {
  const ref = letterRefOf(request);
  const outcome = await BUTTON_USE_CASES[action](services.deps, { actor: request.actor, ref });
  log.info({ ref, action, changed: outcome.changed, via: request.via }, 'button handled');
  // An older client's click cannot be answered in place: the posted cards are already updated, so the clicker is told.
  if (request.via === 'submit' && !request.place.personal) return { kind: 'message', card: outcome.reply };
  const card = outcome.changed ? await refreshedCard(services, request, ref, outcome.reply) : undefined;
  if (card) return card;
  return outcome.changed ? cardOf(outcome.reply) : { kind: 'message', card: outcome.reply };
}

async function previewSubmit(services: TurnServices, request: CardActionRequest, voice: ClickerVoice, log: Logger): Promise<Outcome> {
  const submitted = await submitPreviewForm(services, request.actor, request.data, log);
  switch (submitted.kind) {
    case 'mistakes':
      return { kind: 'card', content: previewFormCard(submitted.options, String(request.data.form), submitted.values, submitted.errors) };
    case 'opened':
      return cardOf(submitted.reply);
    case 'not-yours':
      return message(await voice.get(), { key: 'form.not-yours' });
    default:
      return message(await voice.get(), { key: 'form.used' });
  }
}

async function work(services: TurnServices, clicked: CardActionRequest, voice: ClickerVoice, log: Logger): Promise<Outcome> {
  try {
    // In a channel, an external member of a shared channel is known by their own organisation's tenant.
    const actor = clicked.place.personal ? clicked.actor : await directoryActor(services, clicked.actor, clicked.serviceUrl, clicked.place.conversationId);
    const request = { ...clicked, actor };
    if (request.verb === REFRESH_VERB) return await refreshView(services, request, voice);
    if (!(await firstTime(services, request.dedupeId, log))) return message(await voice.get(), { key: 'click.repeated' });
    if (request.verb === PREVIEW_SUBMIT_VERB) return await previewSubmit(services, request, voice, log);
    if (FLAG_VERBS.has(request.verb)) return await flagCardAction(services, request, () => voice.get(), log);
    if (CALL_VERBS.has(request.verb)) return await callCardAction(services, request, () => voice.get(), log);
    if (Object.hasOwn(BUTTON_USE_CASES, request.verb)) return await button(services, request, request.verb as LetterActionId, log);
    log.info({ verb: request.verb.slice(0, 40) }, 'unknown card action');
    return message(await voice.get(), { key: 'click.unknown-button' });
  } catch (err) {
    return { kind: 'message', card: cardForError(err, log, await voice.get(), 'teams') };
  }
}

/** Why: what Teams could not be told in time is delivered anyway: the card updated, or the words sent privately. */
async function deliverLate(services: TurnServices, request: CardActionRequest, outcome: Outcome, voice: ClickerVoice, log: Logger): Promise<void> {
  try {
    // Only a card of one's own chat is replaced: a channel card's new state is already posted, and a viewer's own view is not for everyone.
    if (outcome.kind === 'card' && request.place.messageId && request.place.personal) {
      const ref = encodeMessageRef({ conversationId: request.place.conversationId, serviceUrl: request.serviceUrl, tenantId: request.tenantId, activityId: request.place.messageId });
      await services.platform.replaceMessage(ref, { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: outcome.content }] });
      return;
    }
    const card = outcome.kind === 'message' ? outcome.card : message(await voice.get(), { key: 'click.done' }).card;
    await tellPrivately(services, request.reply, card, log);
  } catch (err) {
    log.warn({ code: (err as PreLetterError).code, ...errorDetails(err) }, 'late card action answer failed');
  }
}

/**
 * Why: an older Teams client's click (the Action.Submit fallback, a message): the same work
 * as the invoke, answered afterwards: the card it came from replaced, or words in private.
 */
export async function handleSubmittedCard(services: TurnServices, request: CardActionRequest): Promise<void> {
  const log = services.logger.child({ turn: 'card-submit' });
  const scoped: TurnServices = { ...services, deps: inUnitOfWork(services.deps) };
  const voice = new ClickerVoice(scoped.deps, request.reply);
  await deliverLate(scoped, request, await work(scoped, request, voice, log), voice, log);
}

/** Why: the invoke turn; always returns a response body Teams accepts, within the invoke budget. */
export async function handleCardAction(services: TurnServices, body: unknown): Promise<CardActionResponse> {
  const log = services.logger.child({ turn: 'card-action' });
  let request: CardActionRequest;
  try {
    request = readCardAction(body);
  } catch (err) {
    const loose = looseReply(body);
    const v = await voiceOfAccount(services.deps, loose?.user, loose?.locale);
    return toResponse({ kind: 'message', card: cardForError(err, log, v, 'teams') });
  }
  // One unit of work for the click: the action's lookups also answer whose words to use.
  const scoped: TurnServices = { ...services, deps: inUnitOfWork(services.deps) };
  const voice = new ClickerVoice(scoped.deps, request.reply);
  const running = work(scoped, request, voice, log);
  const first = await withinBudget(running, services.settings.invokeBudgetMs);
  if (first) return toResponse(first);
  log.warn({ budgetMs: services.settings.invokeBudgetMs }, 'card action answered before its work finished');
  services.tracker.track(running.then((outcome) => deliverLate(scoped, request, outcome, voice, log)));
  // The budget is spent: no lookup now. The clicker's own voice if the action found it, else their client's language.
  return toResponse(message(voice.known ?? voiceFor({ locale: request.reply.locale, zone: services.deps.policy.defaultTimeZone }), { key: 'click.working' }));
}
