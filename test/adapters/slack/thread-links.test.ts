/**
 * Thread permalinks: a message's permalink never changes, so the Slack adapter asks
 * chat.getPermalink once per thread, however many direct messages and status answers
 * link it afterwards; every answer still carries the link.
 */
import { previewLetter } from '../../../src/bot/preview-letter';
import { NORTHWIND_CHANNEL, USERS } from '../../support/test-directory';
import { visibleText } from './support/slack-message-view';
import { slashCommand } from './support/slack-requests';
import { openSlackWorld, type SlackWorld } from './support/slack-world';

describe('Slack: thread links', () => {
  let w: SlackWorld;
  beforeEach(async () => {
    w = await openSlackWorld();
  });
  afterEach(async () => w.close());

  it('asks Slack for a thread permalink once, and links the thread in every direct message and status answer', async () => {
    const { letter } = await previewLetter(w.deps, { actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'AL', topics: ['content-moderation'], summary: 'S.', urgent: false });
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
});
