/**
 * The matrix on Slack: signed requests into Bolt's real HTTP receiver (slash commands,
 * button clicks, thread replies, App Home), and every call the bot made to the Slack
 * Web API fake turned into deliveries: ephemerals and response_url posts to the person
 * who acted, direct messages and Home views to whom they name, channel posts to all.
 */
import { decodeMessageRef } from '../../../adapters/slack/thread-ref';
import { markSent } from '../../../src/bot/mark-sent';
import { previewLetter } from '../../../src/bot/preview-letter';
import type { RecordedApiCall } from '../../adapters/slack/support/slack-api-fake';
import { visibleText } from '../../adapters/slack/support/slack-message-view';
import { buttonClick, freshId, homeOpened, slashCommand, threadReply, type SlackReply } from '../../adapters/slack/support/slack-requests';
import { openSlackWorld, type SlackWorld } from '../../adapters/slack/support/slack-world';
import { KESTREL_CHANNEL, NORTHWIND_CHANNEL, slackUser, USERS } from '../../support/test-directory';
import { COMPANY_NAME, EXTRA_DIRECTORY, LIN, MARKER, MISSING_REF, personOfAccount, UNKNOWN_COMPANY_NAME, type CastMember } from './cast';
import type { MatrixWorld } from './define-matrix';
import type { Audience, Delivery, Handle, MatrixAction } from './matrix';

const CHANNEL_NAMES: Record<string, string> = { C0NORTH: 'Northwind', C0KESTREL: 'Kestrel' };
const channelName = (id: string) => CHANNEL_NAMES[id] ?? id;
/** A thread in Northwind's channel that is no letter's. */
const NOT_A_LETTER_TS = '1772524999.000999';

const BUTTONS = { 'ack-button': 'acknowledge', 'sent-button': 'mark-sent', 'replied-button': 'record-reply', 'withdraw-button': 'withdraw' } as const;
const COMMANDS = { 'ack-command': 'ack', 'sent-command': 'sent', 'replied-command': 'replied', 'withdraw-command': 'withdraw', 'status-ref': 'status' } as const;

function audienceOf(call: RecordedApiCall, actor: string): Audience | undefined {
  const channel = String(call.args.channel ?? '');
  switch (call.method) {
    case 'chat.postEphemeral':
      return { person: personOfAccount(String(call.args.user)) };
    case 'chat.postMessage':
    case 'chat.update':
      // Direct messages (and updates of them: an owner's copy of the card) are in the D-channel
      // the fake opened for a user: D + the user id without its U.
      return channel.startsWith('D') ? { person: personOfAccount(`U${channel.slice(1)}`) } : { channel: channelName(channel) };
    case 'views.publish':
      return { person: personOfAccount(String(call.args.user_id)) };
    case 'response_url':
    case 'views.open':
      return { person: actor };
    default:
      return undefined; // look-ups (users.info, conversations.open, chat.getPermalink) show nothing to anyone
  }
}

/** Why: every successful call that put something in front of someone, as a delivery. */
export function slackDeliveries(calls: RecordedApiCall[], actor: string): Delivery[] {
  return calls.flatMap((call) => {
    const audience = call.ok ? audienceOf(call, actor) : undefined;
    if (!audience) return [];
    const { channel, user, thread_ts, text, blocks, view } = call.args;
    const shape = JSON.stringify({ method: call.method, channel, user, thread_ts, text, blocks, view });
    return [{ audience, raw: JSON.stringify(call.args), text: visibleText(call), shape, ...(call.method === 'chat.update' ? { update: true } : {}) }];
  });
}

async function request(w: SlackWorld, member: CastMember, action: MatrixAction, handle: Handle): Promise<SlackReply> {
  const user = member.slackUser;
  const place = member.home === 'northwind' ? 'C0NORTH' : 'C0KESTREL';
  const rootTs = handle.threadIds[0]!;
  const responseUrl = w.fake.responseUrl(freshId('matrix-'));
  const command = (text: string) => w.send.command(slashCommand(user, text, place, responseUrl));
  switch (action.id) {
    case 'ack-button':
    case 'sent-button':
    case 'replied-button':
    case 'withdraw-button':
      // The click comes from where the person works: the letter's card, or (crafted) their own channel.
      return w.send.interaction(buttonClick({ user, action: BUTTONS[action.id], ref: handle.ref, channel: place, messageTs: rootTs, responseUrl }));
    case 'ack-command':
    case 'sent-command':
    case 'replied-command':
    case 'withdraw-command':
    case 'status-ref':
      return command(`${COMMANDS[action.id]} ${handle.ref}`);
    case 'ack-thread':
      return w.send.event(threadReply({ user, text: 'ack', threadTs: rootTs, channel: 'C0NORTH' }));
    case 'status-list':
      return command('status');
    case 'status-company':
      return command(`status ${handle.companyName}`);
    case 'home':
      return w.send.event(homeOpened(user));
    default:
      throw new Error(`Slack has no ${action.id}`);
  }
}

function handleOf(ref: string, rootMessageRef: string): Handle {
  return { ref, companyName: COMPANY_NAME, threadIds: [decodeMessageRef(rootMessageRef).ts] };
}

/** Opens a Slack world with Lin added, Lin's own letter to Kestrel, and the shared Northwind letter. */
export async function openSlackMatrix(): Promise<MatrixWorld> {
  const w = await openSlackWorld();
  await w.harness.store.directory.apply(EXTRA_DIRECTORY);
  w.fake.addUser(LIN.slackUser, 'Lin Okafor');
  let letters = 0;
  const fresh = async (markedSent: boolean): Promise<Handle> => {
    letters += 1;
    const summary = `${MARKER}: how the company moderates protest footage (letter ${letters}).`;
    const { letter } = await previewLetter(w.deps, { actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'AL', topics: ['content-moderation'], summary, urgent: false });
    if (markedSent) await markSent(w.deps, { actor: USERS.mara, ref: letter.ref });
    return handleOf(letter.ref, letter.threads[0]!.rootMessageRef);
  };
  await previewLetter(w.deps, { actor: slackUser(LIN.slackUser), channel: KESTREL_CHANNEL, type: 'OL', topics: ['surveillance'], summary: 'Retention of user data.', urgent: false });
  const shared = await fresh(false);
  return {
    platform: 'Slack',
    boundChannel: 'Northwind',
    shared,
    twin: { ref: MISSING_REF, companyName: UNKNOWN_COMPANY_NAME, threadIds: [NOT_A_LETTER_TS] },
    fresh,
    async perform(member, action, handle) {
      w.fake.clear();
      const reply = await request(w, member, action, handle);
      await w.slack.idle();
      const actor = personOfAccount(member.slackUser);
      // Bolt acks with an empty body; anything in it would be an answer too.
      const inResponse = reply.text === '' ? [] : [{ audience: { person: actor }, raw: reply.text, text: reply.text, shape: reply.text }];
      return [...inResponse, ...slackDeliveries(w.fake.calls, actor)];
    },
    letter: (ref) => w.harness.store.letters.get(ref),
    close: () => w.close(),
  };
}
