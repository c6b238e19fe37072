/**
 * Malformed bodies are refused before any authentication work: too large is 413; nested
 * deeper than 64 levels (checked before JSON.parse builds anything), not JSON, or an
 * activity without `id`, `channelId`, `serviceUrl`, `from.id` or `conversation.id` is 400.
 * Nothing is fetched (not even the signing keys), recorded or sent, and the refusal is
 * one info line. Through the real HTTP host and botbuilder's CloudAdapter.
 */
import { freePort } from '../../../src/store/embedded/launcher';
import { OpenIdFake } from './support/openid-fake';
import { recordingLogger, type RecordingLogger } from './support/recording-logger';
import { openTeamsWorld, type TeamsWorld } from './support/teams-world';

const UNREADABLE = 'teams request refused: unreadable body';

function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** A message activity whose `value` nests arrays so that the whole body is `depth` levels deep. */
function activityOfDepth(base: Record<string, unknown>, depth: number): string {
  return JSON.stringify({ ...base, value: '@' }).replace('"@"', nested(depth - 1));
}

const WITHOUT: Array<[string, (a: any) => void]> = [
  ['id', (a) => delete a.id],
  ['an empty id', (a) => (a.id = '')],
  ['from', (a) => delete a.from],
  ['from.id', (a) => delete a.from.id],
  ['conversation', (a) => delete a.conversation],
  ['conversation.id', (a) => delete a.conversation.id],
  ['channelId', (a) => delete a.channelId],
  ['serviceUrl', (a) => delete a.serviceUrl],
  ['type', (a) => delete a.type],
];

describe('Teams: malformed bodies are refused before authentication', () => {
  let w: TeamsWorld;
  let keys: OpenIdFake;
  let log: RecordingLogger;

  beforeAll(async () => {
    keys = await OpenIdFake.start();
    log = recordingLogger();
    w = await openTeamsWorld({ authenticated: true, logger: log, openIdMetadata: keys.metadataUrls(await freePort()) });
  });
  afterAll(async () => {
    await w.close();
    await keys.close();
  });
  beforeEach(() => {
    w.fake.clear();
    log.clear();
  });

  async function expectUnread(status: number, body: string): Promise<void> {
    log.clear();
    const reply = await w.send.post(undefined, { body, authorization: 'Bearer x.y.z' });
    expect(reply.status).toBe(status);
    await w.teams.idle();
    expect(keys.requests).toEqual([]);
    expect(w.fake.calls).toEqual([]);
    expect(log.entries).toEqual([{ level: 'info', message: UNREADABLE, context: expect.objectContaining({ status }) }]);
  }

  it('refuses 10,000 levels of nesting with 400 before parsing it', async () => {
    await expectUnread(400, nested(10_000));
    await expectUnread(400, activityOfDepth(w.send.message({ from: 'mara', text: 'help' }), 10_000));
  });

  it('refuses 65 levels with 400 and lets 64 levels through to authentication (401)', async () => {
    const message = w.send.message({ from: 'mara', text: 'help' });
    await expectUnread(400, activityOfDepth(message, 65));
    const reply = await w.send.post(undefined, { body: activityOfDepth(message, 64), authorization: 'Bearer x.y.z' });
    expect(reply.status).toBe(401);
  });

  it('does not count brackets inside strings, escaped quotes included', async () => {
    const message = w.send.message({ from: 'mara', text: `\\" ${'[{'.repeat(5000)}` });
    expect((await w.send.post(message, { authorization: 'Bearer x.y.z' })).status).toBe(401);
  });

  it('refuses a body over the size limit with 413, and one that is not JSON or not an object with 400', async () => {
    await expectUnread(413, JSON.stringify(w.send.message({ from: 'mara', text: `status ${'x'.repeat(300 * 1024)}` })));
    await expectUnread(400, '{"type": "message", ');
    await expectUnread(400, '[1, 2]');
    await expectUnread(400, 'null');
  });

  it.each(WITHOUT)('refuses an activity without %s with 400', async (_field, remove) => {
    const message = w.send.message({ from: 'mara', text: 'withdraw PL-2026-0001' });
    remove(message);
    await expectUnread(400, JSON.stringify(message));
  });
});

describe('Teams emulator mode: an activity without its ids is 400, not 200', () => {
  let w: TeamsWorld;
  beforeAll(async () => {
    w = await openTeamsWorld();
  });
  afterAll(async () => w.close());

  it.each(WITHOUT)('refuses an activity without %s with 400 and acts on nothing', async (_field, remove) => {
    w.fake.clear();
    const message = w.send.message({ from: 'mara', text: 'help', personal: true });
    remove(message);
    expect((await w.send.post(message)).status).toBe(400);
    await w.teams.idle();
    expect(w.fake.calls).toEqual([]);
  });
});
