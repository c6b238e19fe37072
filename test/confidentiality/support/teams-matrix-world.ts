/**
 * The matrix on Teams: Bot Framework activities into botbuilder's real CloudAdapter
 * (@mentions in a channel, `ack` in a reply chain, Action.Execute clicks on the
 * channel card or in the person's 1:1 chat), and everything the bot sent: calls to the
 * Bot Connector fake (1:1 chats are private to their member, channel posts are for
 * everyone there) and the invoke response of a click (a message is for the clicker
 * only; a refreshed card belongs where the clicked card is). Teams has no App Home:
 * PreLetter's Teams app has no personal tab, and `status` in the 1:1 chat stands in for it.
 */
import { decodeThreadRef } from '../../../adapters/teams/thread-ref';
import { markSent } from '../../../src/bot/mark-sent';
import { previewLetter } from '../../../src/bot/preview-letter';
import type { ConnectorCall } from '../../adapters/teams/support/connector-fake';
import type { TeamsReply } from '../../adapters/teams/support/teams-activities';
import { TEAMS_CHANNELS, TENANT, teamsUser } from '../../adapters/teams/support/teams-directory';
import { activityOf, visibleText } from '../../adapters/teams/support/teams-message-view';
import { openTeamsWorld, type TeamsWorld } from '../../adapters/teams/support/teams-world';
import { COMPANY_NAME, EXTRA_DIRECTORY, LIN, MARKER, MISSING_REF, personOfAccount, UNKNOWN_COMPANY_NAME, type CastMember } from './cast';
import type { MatrixWorld } from './define-matrix';
import type { Audience, Delivery, Handle, MatrixAction } from './matrix';

const NORTHWIND = TEAMS_CHANNELS.northwind.channelId;
const KESTREL = TEAMS_CHANNELS.kestrel.channelId;
const CHANNEL_NAMES: Record<string, string> = { [NORTHWIND]: 'Northwind', [KESTREL]: 'Kestrel' };
const channelName = (id: string) => CHANNEL_NAMES[id] ?? id;
/** A reply chain in Northwind's channel whose root is no letter's card. */
const NOT_A_LETTER_ROOT = '1772524999999';
const PERSONAL = /^a:1personal-(.+)$/;

const VERBS = { 'ack-button': 'acknowledge', 'ack-button-dm': 'acknowledge', 'sent-button': 'mark-sent', 'replied-button': 'record-reply', 'withdraw-button': 'withdraw' } as const;
const COMMANDS = { 'ack-command': 'ack', 'sent-command': 'sent', 'replied-command': 'replied', 'withdraw-command': 'withdraw', 'status-ref': 'status' } as const;

function conversationAudience(conversationId: string): Audience {
  const base = conversationId.split(';')[0]!;
  const chat = PERSONAL.exec(base);
  return chat ? { person: personOfAccount(chat[1]!) } : { channel: channelName(base) };
}

/** Why: every connector call that put something in front of someone, as a delivery. */
export function teamsDeliveries(calls: ConnectorCall[]): Delivery[] {
  return calls.flatMap((call) => {
    const activity = call.ok ? activityOf(call) : undefined;
    if (!activity) return []; // opening a 1:1 chat and member look-ups show nothing
    const audience: Audience =
      call.operation === 'create' ? { channel: channelName(String(call.body?.channelData?.channel?.id)) } : conversationAudience(call.conversationId);
    const shape = JSON.stringify({ operation: call.operation, audience, text: activity.text, attachments: activity.attachments });
    return [{ audience, raw: JSON.stringify(call.body), text: visibleText(call), shape, ...(call.operation === 'update' ? { update: true } : {}) }];
  });
}

/** Why: the HTTP answer to a click is a delivery too: a message for the clicker, or a card where the clicked card is. */
function invokeDelivery(reply: TeamsReply, actor: string, place: string): Delivery[] {
  if (reply.text === '') return [];
  const body = reply.json();
  const card = body?.type === 'application/vnd.microsoft.card.adaptive';
  const audience: Audience = card && !PERSONAL.test(place) ? { channel: channelName(place.split(';')[0]!) } : { person: actor };
  const text = (typeof body?.value === 'string' ? body.value : JSON.stringify(body?.value ?? body)).replace(/\u2060/g, '');
  return [{ audience, raw: reply.text, text, shape: JSON.stringify(body) }];
}

/** The activity an action sends, from this person, about this letter (or about nothing that exists). */
function activityFor(w: TeamsWorld, member: CastMember, action: MatrixAction, handle: Handle): { activity: any; place: string } {
  const channel = member.home === 'northwind' ? NORTHWIND : KESTREL;
  const root = handle.threadIds[0]!;
  const mention = (text: string, where = channel, threadRoot?: string) => ({ activity: w.send.message({ from: 'mara', text, channelId: where, threadRoot }), place: where });
  const click = (verb: string, conversationId: string, personal: boolean) => ({
    activity: w.send.cardAction({ from: 'mara', verb, data: { ref: handle.ref }, conversationId, personal, ...(personal ? {} : { replyToId: root }) }),
    place: conversationId,
  });
  switch (action.id) {
    case 'ack-button':
    case 'sent-button':
    case 'replied-button':
    case 'withdraw-button':
      // The click comes from where the person works: the letter's card, or (crafted) their own channel.
      return click(VERBS[action.id], `${channel};messageid=${root}`, false);
    case 'ack-button-dm':
      return click(VERBS[action.id], `a:1personal-${member.teamsAad}`, true);
    case 'ack-command':
    case 'sent-command':
    case 'replied-command':
    case 'withdraw-command':
    case 'status-ref':
      return mention(`${COMMANDS[action.id]} ${handle.ref}`);
    case 'ack-thread':
      return mention('ack', NORTHWIND, root);
    case 'status-list':
      return mention('status');
    case 'status-company':
      return mention(`status ${handle.companyName}`);
    default:
      throw new Error(`Teams has no ${action.id}`);
  }
}

/** Opens a Teams world with Lin added, Lin's own letter to Kestrel, and the shared Northwind letter. */
export async function openTeamsMatrix(): Promise<MatrixWorld> {
  const w = await openTeamsWorld();
  await w.harness.store.directory.apply(EXTRA_DIRECTORY);
  w.fake.addMember(LIN.teamsAad, 'Lin Okafor');
  let letters = 0;
  const fresh = async (markedSent: boolean): Promise<Handle> => {
    letters += 1;
    const summary = `${MARKER}: how the company moderates protest footage (letter ${letters}).`;
    const { letter } = await previewLetter(w.deps, { actor: teamsUser('mara'), channel: TEAMS_CHANNELS.northwind, type: 'AL', topics: ['content-moderation'], summary, urgent: false });
    if (markedSent) await markSent(w.deps, { actor: teamsUser('mara'), ref: letter.ref });
    return { ref: letter.ref, companyName: COMPANY_NAME, threadIds: [decodeThreadRef(letter.threads[0]!.threadRef).rootActivityId] };
  };
  const lin = { platform: 'teams' as const, workspaceId: TENANT, userId: LIN.teamsAad };
  await previewLetter(w.deps, { actor: lin, channel: TEAMS_CHANNELS.kestrel, type: 'OL', topics: ['surveillance'], summary: 'Retention of user data.', urgent: false });
  const shared = await fresh(false);
  return {
    platform: 'Teams',
    boundChannel: 'Northwind',
    shared,
    twin: { ref: MISSING_REF, companyName: UNKNOWN_COMPANY_NAME, threadIds: [NOT_A_LETTER_ROOT] },
    fresh,
    async perform(member, action, handle) {
      const { activity, place } = activityFor(w, member, action, handle);
      activity.from = { ...activity.from, id: `29:1${member.role}`, name: member.label, aadObjectId: member.teamsAad };
      w.fake.clear();
      const reply = await w.send.post(activity);
      await w.teams.idle();
      return [...invokeDelivery(reply, personOfAccount(member.teamsAad), place), ...teamsDeliveries(w.fake.calls)];
    },
    letter: (ref) => w.harness.store.letters.get(ref),
    close: () => w.close(),
  };
}
