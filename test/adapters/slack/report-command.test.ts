/**
 * `/preletter report` through Slack's real receiver: the record comes back privately
 * (chat.postEphemeral to the person who asked, in that channel), nothing is posted for the
 * channel to see, and the letter's text is never in it.
 */
import { markSent } from '../../../src/bot/mark-sent';
import { previewLetter } from '../../../src/bot/preview-letter';
import { NORTHWIND_CHANNEL, USERS } from '../../support/test-directory';
import { visibleText } from './support/slack-message-view';
import { slashCommand } from './support/slack-requests';
import { openSlackWorld, type SlackWorld } from './support/slack-world';

const SECRET = 'Confidential: surveillance export named in the preview.';

describe('Slack: /preletter report', () => {
  let w: SlackWorld;
  beforeAll(async () => {
    w = await openSlackWorld();
    const { letter } = await previewLetter(w.deps, { actor: USERS.mara, channel: NORTHWIND_CHANNEL, type: 'AL', topics: ['content-moderation'], summary: SECRET, urgent: false });
    await markSent(w.deps, { actor: USERS.mara, ref: letter.ref });
    w.harness.clock.advanceDays(61);
  });
  afterAll(async () => w.close());

  it('answers a mandate team member privately with the record, naming the overdue letter but never its text', async () => {
    await w.slack.idle();
    w.fake.clear();
    expect(await w.send.command(slashCommand('U0MARA', 'report', 'C0NORTH'))).toMatchObject({ status: 200, text: '' });
    const answer = await w.fake.waitFor(() => w.fake.of('chat.postEphemeral')[0], 'the private report');
    await w.slack.idle();
    expect(answer.args).toMatchObject({ user: 'U0MARA', channel: 'C0NORTH' });
    const text = visibleText(answer);
    expect(text).toContain('Letters, flags and calls for input, Sun 4 May 2025 to Sun 3 May 2026');
    expect(text).toContain('Overdue now: PL-2026-0001.');
    expect(text).toContain('Northwind Social');
    expect(text).toContain('1 letter · replies: 0 of 1 in time (0%)');
    expect(text).not.toContain(SECRET);
    expect(w.fake.calls.map((c) => c.method)).toEqual(['chat.postEphemeral']);
  });

  it("politely refuses the company's owner, privately", async () => {
    w.fake.clear();
    await w.send.command(slashCommand('U0ANA', 'report', 'C0NORTH'));
    const answer = await w.fake.waitFor(() => w.fake.of('chat.postEphemeral')[0], 'the private refusal');
    expect(answer.args).toMatchObject({ user: 'U0ANA' });
    expect(visibleText(answer)).toContain('Reports are for mandate teams, on their own mandates, and for PreLetter admins.');
  });
});
