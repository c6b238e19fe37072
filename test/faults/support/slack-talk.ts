/**
 * Talking to a bot process as Slack does (signed requests to /slack/events), and
 * reading what it said back from the Web API fake: private answers by person, the
 * root cards in a channel by reference, and the thread and direct messages of a card.
 */
import { SLACK_EVENTS_PATH } from '../../../adapters/slack/app';
import { ROOT_METADATA_EVENT } from '../../../adapters/slack/platform';
import type { RecordedApiCall, SlackApiFake } from '../../adapters/slack/support/slack-api-fake';
import { visibleText } from '../../adapters/slack/support/slack-message-view';
import { previewValues, slashCommand, SlackRequests, viewSubmission } from '../../adapters/slack/support/slack-requests';
import { TEST_DIRECTORY } from '../../support/test-directory';
import { SIGNING_SECRET } from './bot-process';

/** Signed requests to the bot process on this port. */
export function slackTo(port: number): SlackRequests {
  return new SlackRequests(`http://127.0.0.1:${port}${SLACK_EVENTS_PATH}`, SIGNING_SECRET);
}

/** The fake knows every person of the test directory (users.info). */
export function addDirectoryUsers(fake: SlackApiFake): void {
  for (const p of TEST_DIRECTORY.people) fake.addUser(p.identities[0]!.userId, p.name);
}

/**
 * Submits the preview form as Slack sends it after the modal (the form's private
 * metadata names the channel); resolves once the bot has acknowledged the submission.
 */
export async function submitPreview(send: SlackRequests, user: string, summary: string, channelId = 'C0NORTH'): Promise<void> {
  const privateMetadata = JSON.stringify({ v: 1, workspaceId: 'T0TEST', channelId, mandateChoice: false });
  const values = previewValues({ type: 'AL', topics: ['content-moderation'], summary });
  const reply = await send.interaction(viewSubmission({ user, privateMetadata, values }));
  if (reply.status !== 200 || reply.text !== '') throw new Error(`the submission was not accepted: ${reply.status} ${reply.text}`);
}

/** Sends `/preletter <text>` as this user in this channel. */
export async function command(send: SlackRequests, user: string, text: string, channelId: string): Promise<void> {
  const reply = await send.command(slashCommand(user, text, channelId));
  if (reply.status !== 200) throw new Error(`the command was not accepted: ${reply.status}`);
}

/**
 * Private answers to one user, in order, with the index of each in fake.calls. Requests made
 * in a channel are answered there (ephemeral), so direct messages (a letter's card for its
 * owner) are not counted as answers.
 */
export function answersTo(fake: SlackApiFake, userId: string): Array<{ index: number; text: string }> {
  return fake.calls.flatMap((call, index) =>
    call.ok && call.method === 'chat.postEphemeral' && call.args.user === userId ? [{ index, text: visibleText(call) }] : [],
  );
}

/** The top-level messages of a channel whose metadata carries this letter's reference. */
export function rootCardsOf(fake: SlackApiFake, channelId: string, ref: string): Array<Record<string, unknown>> {
  return fake.historyOf(channelId).filter((m) => {
    const metadata = m.metadata as { event_type?: string; event_payload?: { ref?: string } } | undefined;
    return metadata?.event_type === ROOT_METADATA_EVENT && metadata.event_payload?.ref === ref;
  });
}

/** Index in fake.calls of the root card's post for this reference (recorded when Slack posted it), or -1. */
export function rootPostIndex(fake: SlackApiFake, channelId: string, ref: string): number {
  return fake.calls.findIndex(
    (c) => c.ok && c.method === 'chat.postMessage' && c.args.channel === channelId && !c.args.thread_ts && JSON.stringify(c.args.metadata ?? {}).includes(`"${ref}"`),
  );
}

/**
 * What a person was told about a letter's card that was false when it was said: "open
 * in this channel" before the card was there, "not in this channel" while it was.
 */
export function falseClaimsAboutCard(fake: SlackApiFake, userId: string, channelId: string, ref: string): string[] {
  const posted = rootPostIndex(fake, channelId, ref);
  return answersTo(fake, userId).flatMap(({ index, text }) => {
    if (!text.includes(ref)) return [];
    const cardThere = posted >= 0 && posted < index;
    const saysThere = /is open in the company's channel/.test(text);
    const saysNotThere = /it is not in this channel|so it is not here/.test(text);
    return (saysThere && !cardThere) || (saysNotThere && cardThere) ? [text] : [];
  });
}

/** Successful posts in the thread of this root card. */
export function threadPosts(fake: SlackApiFake, channelId: string, rootTs: string): RecordedApiCall[] {
  return fake.of('chat.postMessage').filter((c) => c.args.channel === channelId && c.args.thread_ts === rootTs);
}

/** Successful direct messages to one user (whatever they say). */
export function directMessagesTo(fake: SlackApiFake, userId: string): RecordedApiCall[] {
  return fake.of('chat.postMessage').filter((c) => c.args.channel === fake.dmOf(userId));
}

/** Resolves as `promise` does, or rejects naming `what` after `ms` (the timer never outlives it). */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls until `check` returns something truthy (bounded; no fixed sleeps). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
