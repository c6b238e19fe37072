/**
 * What the Slack adapter asks Slack once and keeps: a thread's permalink (a message's
 * permalink never changes), however many direct messages and status answers link it;
 * and a person's direct-message channel, opened again only after a post to it failed.
 */
import { previewLetter } from '../../../src/bot/preview-letter';
import { noticeCard } from '../../../src/bot/views/notice-card';
import { NORTHWIND_CHANNEL, USERS } from '../../support/test-directory';
import { visibleText } from './support/slack-message-view';
import { slashCommand } from './support/slack-requests';
import { openSlackWorld, type SlackWorld } from './support/slack-world';

const preview = (w: SlackWorld) =>
  previewLetter(w.deps, { actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'AL', topics: ['content-moderation'], summary: 'S.', urgent: false });

describe('Slack: lookups asked once', () => {
  let w: SlackWorld;
  beforeEach(async () => {
    w = await openSlackWorld();
  });
  afterEach(async () => w.close());

  it('asks Slack for a thread permalink once, and links the thread in every direct message and status answer', async () => {
    const { letter } = await preview(w);
    const rootTs = letter.threads[0]!.threadRef.split(':').pop()!;
    const link = w.fake.permalink('C0NORTH', rootTs);
    const dms = w.fake.of('chat.postMessage').filter((c) => String(c.args.channel).startsWith('D'));
    expect(dms).toHaveLength(2);
    for (const dm of dms) expect(JSON.stringify(dm.args.blocks)).toContain(link);

    for (let i = 1; i <= 2; i += 1) {
      expect((await w.send.command(slashCommand('U0MARA', 'status'))).status).toBe(200);
      await w.fake.waitFor(() => w.fake.of('chat.postEphemeral').length >= i, `status answer ${i}`);
    }
    for (const answer of w.fake.of('chat.postEphemeral')) expect(visibleText(answer)).toContain(link);
    expect(w.fake.of('chat.getPermalink').map((c) => c.args.message_ts)).toEqual([rootTs]);
  });

  it('opens a person\'s direct-message channel once, and again only after a post to it failed', async () => {
    await preview(w);
    await preview(w);
    expect(w.fake.of('conversations.open').map((c) => c.args.users)).toEqual(['U0ANA', 'U0WEI']);
    const dms = w.fake.of('chat.postMessage').filter((c) => String(c.args.channel).startsWith('D'));
    expect(dms.map((c) => c.args.channel)).toEqual(['D0ANA', 'D0WEI', 'D0ANA', 'D0WEI']);

    w.fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await expect(w.slack.platform.sendDirect(USERS.ana, noticeCard('Note', 'Hello.'))).rejects.toMatchObject({ code: 'platform' });
    await w.slack.platform.sendDirect(USERS.ana, noticeCard('Note', 'Hello again.'));
    expect(w.fake.of('conversations.open').map((c) => c.args.users)).toEqual(['U0ANA', 'U0WEI', 'U0ANA']);
  });
});
