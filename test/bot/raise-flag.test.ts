/** Raising a flag through the core, on the real database, with a recording platform for Slack. */
import { raiseFlag } from '../../src/bot/raise-flag';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { KESTREL_CHANNEL, NORTHWIND_CHANNEL, TEST_DIRECTORY, USERS } from '../support/test-directory';
import { segmentsText } from '../support/words';

const MANDATE_CHANNEL = { platform: 'slack' as const, workspaceId: 'T0TEST', channelId: 'C0MANDATE' };

describe('raising a flag', () => {
  let h: BotHarness;
  beforeEach(async () => {
    h = await openBotHarness();
  });
  afterEach(async () => h.close());

  const raise = (user: keyof typeof USERS, overrides: Partial<Parameters<typeof raiseFlag>[1]> = {}) =>
    raiseFlag(h.deps, { actor: USERS[user], channel: NORTHWIND_CHANNEL, topics: ['surveillance'], summary: 'Police asked for protesters’ data.', urgent: false, ...overrides });

  it('sends a company’s flag to each member of the mandate team that covers its topic, and tells the person where it went', async () => {
    const { flag, reply } = await raise('ana');
    expect(flag).toMatchObject({ ref: 'FL-2026-0001', companyKey: 'northwind', routing: { mandateKeys: ['sr-expression'], toAdmins: false } });
    expect(reply.body.map(segmentsText).join(" ")).toContain('FL-2026-0001 is with Special Rapporteur on freedom of opinion and expression.');
    const dms = h.slack.calls.filter((c) => c.method === 'sendDirect');
    expect(dms.map((c) => (c as { user: { userId: string } }).user.userId)).toEqual(['U0MARA', 'U0TOM']);
    expect(await h.store.flags.get('FL-2026-0001')).toMatchObject({ summary: 'Police asked for protesters’ data.', raised: { by: 'ana' } });
  });

  it('posts the flag in the mandate’s own channel when it has one, and keeps the thread', async () => {
    await h.store.directory.apply({ ...TEST_DIRECTORY, mandates: TEST_DIRECTORY.mandates.map((m) => ({ ...m, channel: MANDATE_CHANNEL })) });
    const { flag } = await raise('ana');
    const roots = h.slack.calls.filter((c) => c.method === 'postRoot');
    expect(roots.map((c) => (c as { channel: { channelId: string } }).channel.channelId)).toEqual(['C0MANDATE']);
    expect(flag.threads.map((t) => t.channel.channelId)).toEqual(['C0MANDATE']);
    expect(h.slack.calls.filter((c) => c.method === 'sendDirect')).toEqual([]);
  });

  it('sends a flag no mandate covers to the admins', async () => {
    const { flag, reply } = await raise('ana', { topics: ['elections'] });
    expect(flag.routing).toEqual({ mandateKeys: [], toAdmins: true, matchedTopics: [] });
    expect(reply.body.map(segmentsText).join(" ")).toContain('went to the PreLetter admins');
    expect(h.slack.calls.filter((c) => c.method === 'sendDirect').map((c) => (c as { user: { userId: string } }).user.userId)).toEqual(['U0ROOT']);
  });

  it('refuses someone the company does not list, a mandate team member included, and writes nothing', async () => {
    await expect(raise('kai')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(raise('mara')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(raise('kai', { channel: KESTREL_CHANNEL, topics: [] })).rejects.toMatchObject({ code: 'invalid-input', context: { field: 'topics' } });
    await expect(raise('ana', { summary: '  ' })).rejects.toMatchObject({ code: 'invalid-input', context: { field: 'summary' } });
    expect(await h.store.flags.get('FL-2026-0001')).toBeNull();
    expect(h.slack.calls).toEqual([]);
  });
});

