/**
 * The turn contract's Teams subject: Bot Framework activities posted to the app's
 * /api/messages route, where botbuilder's CloudAdapter (Emulator-mode credentials) hands
 * them to PreLetter; the Bot Connector fake records what PreLetter made Teams show, and
 * the real store is behind it. What a person was told is read from the invoke response
 * of their click (a card replacing the clicked one, or a message to them alone) and from
 * what was sent to their 1:1 chat with the bot during the turn.
 */
import { PREVIEW_SUBMIT_VERB } from '../../../adapters/teams/preview-form';
import { commandText } from '../../../adapters/teams/render';
import { decodeThreadRef } from '../../../adapters/teams/thread-ref';
import type { PreviewField } from '../../../src/bot/preview-form';
import type { ActionId, Segment } from '../../../src/bot/ports';
import type { ConnectorCall } from '../../adapters/teams/support/connector-fake';
import type { TeamsReply } from '../../adapters/teams/support/teams-activities';
import { AAD, type TeamsPerson } from '../../adapters/teams/support/teams-directory';
import { cardOf, teamsDeliveries, verbsOf, visibleText } from '../../adapters/teams/support/teams-message-view';
import { openTeamsWorld, type TeamsWorld } from '../../adapters/teams/support/teams-world';
import type { FormAnswer, FormValues, OpenedForm, TurnAnswer, TurnSubject } from '../turn-contract';

type Json = Record<string, any>;

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';

/** Why: Teams card text sets a command in bold (`**@PreLetter ack PL-…**`); a person reads the words, so the bold marks go. */
function asRead(text: string): string {
  return text.replace(/\*\*(@PreLetter\b[^*]*)\*\*/g, '$1');
}

/** The words of an Adaptive Card, read as the message view reads a card PreLetter sent. */
function cardWords(card: Json): string {
  const sent = { operation: 'send', body: { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD, content: card }] } } as unknown as ConnectorCall;
  return asRead(visibleText(sent));
}

/** The preview form (first shown, or shown again with problems) is the card whose button submits it. */
function isFormCard(card: Json): boolean {
  return ((card.actions ?? []) as Json[]).some((a) => a.verb === PREVIEW_SUBMIT_VERB);
}

/** Why: the problem written under each field of a form shown again (a red line `Label: problem` after the field's input). */
function problemsOf(card: Json): Partial<Record<PreviewField, string>> {
  const problems: Partial<Record<PreviewField, string>> = {};
  let field: { id: PreviewField; label: string } | undefined;
  for (const element of card.body as Json[]) {
    if (typeof element.id === 'string' && typeof element.label === 'string') field = { id: element.id as PreviewField, label: element.label };
    else if (element.type === 'TextBlock' && element.color === 'Attention' && element.size === 'Small' && field) {
      const line = String(element.text).replace(/\u2060/g, '');
      expect(line.startsWith(`${field.label}: `)).toBe(true);
      problems[field.id] = line.slice(field.label.length + 2);
    }
  }
  return problems;
}

/** The form Teams showed: its signed token, the message it is in, and each topic's choice value by title. */
interface TeamsForm {
  person: TeamsPerson;
  token: string;
  activityId: string;
  topicValues: Map<string, string>;
}

export async function openTeamsTurnSubject(): Promise<TurnSubject> {
  const w: TeamsWorld = await openTeamsWorld();
  const forms = new Map<string, TeamsForm>();
  let again: (() => Promise<TeamsReply>) | undefined;
  let againFor: TeamsPerson | undefined;

  const chatOf = (person: TeamsPerson) => w.fake.personalChatOf(AAD[person]);
  const sentToSince = (from: number, person: TeamsPerson) => w.fake.calls.slice(from).filter((c) => c.ok && c.operation === 'send' && c.conversationId === chatOf(person));
  const isForm = (c: ConnectorCall) => verbsOf(c).includes(PREVIEW_SUBMIT_VERB);

  /** What this person alone was shown: the invoke's answer, if any, then what reached their 1:1 chat (the form aside). */
  function toldSince(from: number, person: TeamsPerson, invoke?: TeamsReply): string[] {
    const told: string[] = [];
    if (invoke) {
      const answer = invoke.json() as { statusCode: number; type: string; value: unknown };
      expect(answer.statusCode).toBe(200);
      if (answer.type === MESSAGE) told.push(String(answer.value));
      else if (!isFormCard(answer.value as Json)) told.push(cardWords(answer.value as Json));
    }
    told.push(...sentToSince(from, person).filter((c) => !isForm(c)).map((c) => asRead(visibleText(c))));
    return told;
  }

  function formOpenedSince(from: number, person: TeamsPerson): OpenedForm | undefined {
    const call = sentToSince(from, person).find(isForm);
    if (!call) return undefined;
    const card = cardOf(call);
    const input = (id: string): Json | undefined => (card.body as Json[]).find((b) => b.id === id);
    const topics: Json[] = input('topics')?.choices ?? [];
    const key = `form-${forms.size + 1}`;
    forms.set(key, { person, token: card.actions[0].data.form, activityId: call.activityId!, topicValues: new Map(topics.map((c) => [c.title, c.value])) });
    return {
      person,
      types: (input('type')?.choices ?? []).map((c: Json) => c.value),
      topics: topics.map((c) => c.title),
      asksForMandate: input('mandate') !== undefined,
      key,
    };
  }

  /** Posts, remembers how to post the same activity again, and waits until every turn it started is done. */
  async function turn(person: TeamsPerson, activity: unknown): Promise<{ from: number; reply: TeamsReply }> {
    const from = w.fake.calls.length;
    again = () => w.send.post(activity);
    againFor = person;
    const reply = await w.send.post(activity);
    expect(reply.status).toBe(200);
    await w.teams.idle();
    return { from, reply };
  }

  async function rootOf(ref: string): Promise<{ conversationId: string; rootActivityId: string }> {
    const letter = await w.harness.store.letters.get(ref);
    const thread = letter?.threads.find((t) => t.platform === 'teams');
    if (!thread) throw new Error(`${ref} has no Teams thread`);
    return decodeThreadRef(thread.threadRef);
  }

  return {
    platform: 'teams',
    async command(person, text): Promise<TurnAnswer> {
      const { from } = await turn(person, w.send.message({ from: person, text }));
      const form = formOpenedSince(from, person);
      return { told: toldSince(from, person), ...(form ? { form } : {}) };
    },

    async replyInThread(person, ref, text, options = {}): Promise<TurnAnswer> {
      const root = await rootOf(ref);
      const activity = w.send.message({ from: person, text, channelId: root.conversationId, threadRoot: root.rootActivityId, mention: options.toTheBot ?? false });
      const { from } = await turn(person, activity);
      return { told: toldSince(from, person) };
    },

    async click(person, action: ActionId, ref): Promise<TurnAnswer> {
      const root = await rootOf(ref);
      const activity = w.send.cardAction({
        from: person,
        verb: action,
        data: { ref },
        conversationId: `${root.conversationId};messageid=${root.rootActivityId}`,
        replyToId: root.rootActivityId,
      });
      const { from, reply } = await turn(person, activity);
      return { told: toldSince(from, person, reply) };
    },

    async submitForm(opened: OpenedForm, values: FormValues): Promise<FormAnswer> {
      const form = forms.get(opened.key);
      if (!form) throw new Error(`no Teams form ${opened.key}`);
      // As the Teams client merges the inputs into the action's data: every value a string, topics by their choice values.
      const data: Json = {
        form: form.token,
        ...(values.type !== undefined ? { type: values.type } : {}),
        topics: (values.topics ?? []).map((t) => form.topicValues.get(t) ?? t).join(','),
        ...(values.summary !== undefined ? { summary: values.summary } : {}),
        ...(values.expectedDate !== undefined ? { expectedDate: values.expectedDate } : {}),
        urgent: values.urgent ? 'true' : 'false',
      };
      const activity = w.send.cardAction({ from: form.person, verb: PREVIEW_SUBMIT_VERB, data, conversationId: chatOf(form.person), replyToId: form.activityId, personal: true });
      const { from, reply } = await turn(form.person, activity);
      const told = toldSince(from, form.person, reply);
      const answer = reply.json() as { type: string; value: Json };
      return answer.type === ADAPTIVE_CARD && isFormCard(answer.value) ? { told, problems: problemsOf(answer.value) } : { told };
    },

    async deliverAgain(): Promise<TurnAnswer> {
      if (!again || !againFor) throw new Error('nothing was delivered yet');
      const from = w.fake.calls.length;
      const reply = await again();
      expect(reply.status).toBe(200);
      await w.teams.idle();
      const invoke = reply.text.trim().startsWith('{') ? reply : undefined;
      return { told: toldSince(from, againFor, invoke) };
    },

    /** A paragraph as Teams shows it: commands as a Teams person types them (`@PreLetter ack PL-…`), mentions as names. */
    paragraph(segments: Segment[]): string {
      return segments.map((s) => ('text' in s ? s.text : 'command' in s ? commandText(s.command) : s.name)).join('');
    },

    async letter(ref) {
      const letter = await w.harness.store.letters.get(ref);
      if (!letter) throw new Error(`no letter ${ref}`);
      return letter;
    },
    async refs() {
      return (await w.harness.store.letters.list({ scopes: ['all'], limit: 100 })).map((l) => l.ref).sort();
    },
    now: () => w.harness.clock.now(),
    deliveries: () => teamsDeliveries(w.fake),
    differences: {
      // src/bot/preview-form.ts checkPreviewForm(offeredTopics): the Teams form is read against what the directory offers now.
      unofferedTopic: 'field',
      // adapters/teams/card-action-listener.ts work(): an invoke seen before is answered with click.repeated.
      repeatedClick: { key: 'click.repeated' },
      // adapters/teams/card-action-listener.ts previewSubmit(): a form whose nonce was used is answered with form.used.
      repeatedForm: { key: 'form.used' },
    },
    close: () => w.close(),
  };
}
