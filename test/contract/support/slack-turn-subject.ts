/**
 * The turn contract's Slack subject: signed requests into Bolt's HTTP receiver (slash
 * commands, Events API messages and mentions, block_actions, view_submission), the Slack
 * Web API fake recording what PreLetter made Slack show, and the real store behind it.
 * What a person was told is read from the fake: ephemerals to them, their direct
 * messages and response_url posts made during the turn, as Slack would display them.
 */
import { PREVIEW_BLOCKS } from '../../../adapters/slack/preview-modal';
import { decodeThreadRef } from '../../../adapters/slack/thread-ref';
import type { PreviewField } from '../../../src/bot/preview-form';
import type { ActionId } from '../../../src/bot/ports';
import { TEST_DIRECTORY } from '../../support/test-directory';
import { segmentsText } from '../../support/words';
import type { RecordedApiCall } from '../../adapters/slack/support/slack-api-fake';
import { slackDeliveries, visibleText } from '../../adapters/slack/support/slack-message-view';
import { buttonClick, freshId, mention, previewValues, slashCommand, threadReply, viewSubmission, type SlackReply } from '../../adapters/slack/support/slack-requests';
import { openSlackWorld, type SlackWorld } from '../../adapters/slack/support/slack-world';
import type { FormAnswer, FormValues, OpenedForm, Person, TurnAnswer, TurnSubject } from '../turn-contract';

const CHANNEL = 'C0NORTH';

/** Slack user ids by person: the directory's, and one it does not know. */
function userIdOf(person: Person): string {
  if (person === 'stranger') return 'U0NOBODY';
  const p = TEST_DIRECTORY.people.find((x) => x.key === person);
  const id = p?.identities.find((i) => i.platform === 'slack')?.userId;
  if (!id) throw new Error(`${person} has no Slack account in the test directory`);
  return id;
}

/** The modal Slack opened: its id and hash name a submission, as Slack sends them back. */
interface SlackForm {
  userId: string;
  viewId: string;
  hash: string;
  privateMetadata: string;
}

const FIELD_OF_BLOCK = new Map(Object.entries(PREVIEW_BLOCKS).map(([field, block]) => [block, field as PreviewField]));

export async function openSlackTurnSubject(): Promise<TurnSubject> {
  const w: SlackWorld = await openSlackWorld();
  const forms = new Map<string, SlackForm>();
  let again: (() => Promise<unknown>) | undefined;
  let againFor: string | undefined;

  /** What this person alone was shown by the calls from `from` on. */
  function toldSince(from: number, userId: string): string[] {
    return w.fake.calls
      .slice(from)
      .filter((c) => c.ok)
      .filter(
        (c) =>
          (c.method === 'chat.postEphemeral' && c.args.user === userId) ||
          (c.method === 'chat.postMessage' && c.args.channel === w.fake.dmOf(userId)) ||
          c.method === 'response_url',
      )
      .map((c) => visibleText(c));
  }

  function formOpenedSince(from: number, person: Person): OpenedForm | undefined {
    const call: RecordedApiCall | undefined = w.fake.calls.slice(from).find((c) => c.ok && c.method === 'views.open');
    if (!call) return undefined;
    const view = call.args.view as { private_metadata: string; blocks: any[] };
    const opened = call.result.view as { id: string; hash: string };
    const block = (id: string) => view.blocks.find((b) => b.block_id === id);
    const key = opened.id;
    forms.set(key, { userId: userIdOf(person), viewId: opened.id, hash: opened.hash, privateMetadata: view.private_metadata });
    return {
      person,
      types: block(PREVIEW_BLOCKS.type).element.options.map((o: any) => o.value),
      topics: block(PREVIEW_BLOCKS.topics).element.options.map((o: any) => o.text.text),
      asksForMandate: block(PREVIEW_BLOCKS.mandate) !== undefined,
      key,
    };
  }

  /** Sends, remembers how to send the same again, and waits until every turn it started is done. */
  async function turn(person: Person, send: () => Promise<SlackReply[]>): Promise<{ from: number; replies: SlackReply[] }> {
    const from = w.fake.calls.length;
    again = send;
    againFor = userIdOf(person);
    const replies = await send();
    for (const reply of replies) expect(reply.status).toBe(200);
    await w.slack.idle();
    return { from, replies };
  }

  async function threadOf(ref: string): Promise<{ channelId: string; threadTs: string }> {
    const letter = await w.harness.store.letters.get(ref);
    const thread = letter?.threads.find((t) => t.platform === 'slack');
    if (!thread) throw new Error(`${ref} has no Slack thread`);
    return decodeThreadRef(thread.threadRef);
  }

  return {
    platform: 'slack',
    async command(person, text): Promise<TurnAnswer> {
      const user = userIdOf(person);
      const body = slashCommand(user, text, CHANNEL, w.fake.responseUrl(freshId('cmd')));
      const { from } = await turn(person, async () => [await w.send.command(body)]);
      const form = formOpenedSince(from, person);
      return { told: toldSince(from, user), ...(form ? { form } : {}) };
    },

    async replyInThread(person, ref, text, options = {}): Promise<TurnAnswer> {
      const user = userIdOf(person);
      const { channelId, threadTs } = await threadOf(ref);
      // Slack sends a message that mentions the app twice: as an app_mention and as a channel message.
      const said = options.toTheBot ? `<@${w.fake.botUserId}> ${text}` : text;
      const events = [
        ...(options.toTheBot ? [mention({ user, text: said, channel: channelId, threadTs })] : []),
        threadReply({ user, text: said, threadTs, channel: channelId }),
      ];
      let delivery = 0;
      const { from } = await turn(person, async () => {
        delivery += 1;
        const retry = delivery > 1 ? { headers: { 'x-slack-retry-num': String(delivery - 1), 'x-slack-retry-reason': 'http_timeout' } } : undefined;
        return Promise.all(events.map((e) => w.send.event(e, retry)));
      });
      return { told: toldSince(from, user) };
    },

    async click(person, action: ActionId, ref): Promise<TurnAnswer> {
      const user = userIdOf(person);
      const { channelId, threadTs } = await threadOf(ref);
      const body = buttonClick({ user, action, ref, channel: channelId, messageTs: threadTs, responseUrl: w.fake.responseUrl(freshId('click')) });
      const { from, replies } = await turn(person, async () => [await w.send.interaction(body)]);
      expect(replies[0]!.text).toBe('');
      return { told: toldSince(from, user) };
    },

    async submitForm(opened: OpenedForm, values: FormValues): Promise<FormAnswer> {
      const form = forms.get(opened.key);
      if (!form) throw new Error(`no Slack form ${opened.key}`);
      const body = viewSubmission({
        user: form.userId,
        privateMetadata: form.privateMetadata,
        viewId: form.viewId,
        hash: form.hash,
        values: previewValues({ type: values.type, topics: values.topics, summary: values.summary, date: values.expectedDate ?? null, urgent: values.urgent }),
      });
      const { from, replies } = await turn(opened.person, async () => [await w.send.interaction(body)]);
      const reply = replies[0]!;
      const told = toldSince(from, form.userId);
      if (reply.text === '') return { told };
      const answer = reply.json() as { response_action: string; errors: Record<string, string> };
      expect(answer.response_action).toBe('errors');
      const problems = Object.fromEntries(Object.entries(answer.errors).map(([block, problem]) => [FIELD_OF_BLOCK.get(block) ?? block, problem]));
      return { told, problems };
    },

    async deliverAgain(): Promise<TurnAnswer> {
      if (!again || !againFor) throw new Error('nothing was delivered yet');
      const from = w.fake.calls.length;
      await again();
      await w.slack.idle();
      return { told: toldSince(from, againFor) };
    },

    paragraph: segmentsText,

    async letter(ref) {
      const letter = await w.harness.store.letters.get(ref);
      if (!letter) throw new Error(`no letter ${ref}`);
      return letter;
    },
    async refs() {
      return (await w.harness.store.letters.list({ scopes: ['all'], limit: 100 })).map((l) => l.ref).sort();
    },
    now: () => w.harness.clock.now(),
    deliveries: () => slackDeliveries(w.fake),
    differences: {
      // adapters/slack/preview-modal.ts: Slack returns only options it showed; previewLetter refuses a topic gone since, after the modal closed.
      unofferedTopic: 'refusal',
      // adapters/slack/turn.ts runRequestTurn: a request seen before is not acted on, and not answered.
      repeatedClick: 'nothing',
      // adapters/slack/preview-modal.ts handlePreviewSubmission: the modal closes; a view id + hash seen before is not acted on, and not answered.
      repeatedForm: 'nothing',
    },
    close: () => w.close(),
  };
}
