/**
 * `@PreLetter report` through the real Teams adapter: the record comes back in the person's
 * 1:1 chat with PreLetter whether they asked in a channel or in that chat, and the letter's
 * text is never in it.
 */
import { markSent } from '../../../src/bot/mark-sent';
import { previewLetter } from '../../../src/bot/preview-letter';
import { AAD, TEAMS_CHANNELS, teamsUser } from './support/teams-directory';
import { visibleText } from './support/teams-message-view';
import { openTeamsWorld, type TeamsWorld } from './support/teams-world';

const SECRET = 'Confidential: surveillance export named in the preview.';

describe('Teams: @PreLetter report', () => {
  let w: TeamsWorld;
  beforeAll(async () => {
    w = await openTeamsWorld();
    const { letter } = await previewLetter(w.deps, { actor: teamsUser('mara'), channel: TEAMS_CHANNELS.northwind, type: 'AL', topics: ['content-moderation'], summary: SECRET, urgent: false });
    await markSent(w.deps, { actor: teamsUser('mara'), ref: letter.ref });
    w.harness.clock.advanceDays(61);
  });
  afterAll(async () => w.close());

  it.each([
    ['in the company channel', { channelId: TEAMS_CHANNELS.northwind.channelId }],
    ['in the 1:1 chat', { personal: true }],
  ])('answers a mandate team member who asks %s in their 1:1 chat, naming the overdue letter but never its text', async (_where, where) => {
    await w.teams.idle();
    w.fake.clear();
    expect((await w.send.post(w.send.message({ from: 'mara', text: 'report 2026', ...where }))).status).toBe(200);
    const answer = await w.fake.waitFor(() => w.fake.of('send')[0], 'the private report');
    await w.teams.idle();
    expect(answer.conversationId).toBe(w.fake.personalChatOf(AAD.mara));
    const text = visibleText(answer);
    expect(text).toContain('Letters, flags and calls for input, Thu 1 Jan 2026 to Thu 31 Dec 2026');
    expect(text).toContain('Overdue now: PL-2026-0001.');
    expect(text).toContain('Northwind Social');
    expect(text).not.toContain(SECRET);
    expect(w.fake.of('send')).toHaveLength(1);
  });
});
