/**
 * Bot Framework Emulator mode has no authentication, so it answers only the Emulator on
 * this machine: a request relayed by a proxy or sidecar (forwarding headers, another host
 * name, a browser page of another origin), a connection from another address, or an
 * activity whose serviceUrl is elsewhere is refused with 401 before anything is read,
 * recorded or sent, and nothing ever goes to a serviceUrl outside this machine.
 * All through the real HTTP host and botbuilder's CloudAdapter.
 */
import { encodeThreadRef } from '../../../adapters/teams/thread-ref';
import { previewLetter } from '../../../src/bot/preview-letter';
import { ConnectorFake } from './support/connector-fake';
import { rawPost, relayFrom } from './support/raw-http';
import { recordingLogger, type RecordingLogger } from './support/recording-logger';
import { AAD, TEAMS_CHANNELS, TENANT, teamsUser } from './support/teams-directory';
import { visibleText } from './support/teams-message-view';
import { openTeamsWorld, type TeamsWorld } from './support/teams-world';
import type { TeamsReply } from './support/teams-activities';

const REF = 'PL-2026-0001';
const REFUSED = 'teams emulator mode refused a request that is not from the emulator on this machine';
const PATH = '/api/messages';

describe('Teams emulator mode: only the Emulator on this machine is heard', () => {
  let w: TeamsWorld;
  let log: RecordingLogger;
  let letterBefore: unknown;

  beforeAll(async () => {
    log = recordingLogger();
    w = await openTeamsWorld({ logger: log });
    await previewLetter(w.deps, { actor: teamsUser('mara'), channel: TEAMS_CHANNELS.northwind, type: 'AL', topics: ['content-moderation'], summary: 'Confidential summary.', urgent: false });
    await w.teams.idle();
    letterBefore = await w.harness.store.letters.get(REF);
    expect(letterBefore).toMatchObject({ ref: REF, summary: 'Confidential summary.' });
  });
  afterAll(async () => w.close());
  beforeEach(() => {
    w.fake.clear();
    log.clear();
  });

  /** A personal-chat command from Mara, as the Emulator would relay it. */
  const command = (text: string) => w.send.message({ from: 'mara', text, personal: true });

  async function expectRefusedAndUntouched(reply: TeamsReply, activity: { id: string; conversation: { id: string } }, check: string): Promise<void> {
    expect(reply.status).toBe(401);
    expect(reply.json()).toEqual({ status: 'unauthorized' });
    await w.teams.idle();
    expect(w.fake.calls).toEqual([]);
    expect(await w.harness.store.letters.get(REF)).toEqual(letterBefore);
    expect(log.entries.filter((e) => e.level !== 'debug')).toEqual([{ level: 'warn', message: REFUSED, context: expect.objectContaining({ check }) }]);
    // The refused activity was not recorded: it was never looked at.
    expect(await w.deps.inbound.recordOnce('teams', `message:${activity.conversation.id}:${activity.id}`, new Date())).toBe(true);
  }

  it('answers the local Emulator: `help` in personal chat is answered through the local connector', async () => {
    expect((await w.send.post(command('help'))).status).toBe(200);
    const answer = await w.fake.waitFor(() => w.fake.of('send')[0], 'the help card');
    expect(answer.conversationId).toBe(w.fake.personalChatOf(AAD.mara));
    expect(visibleText(answer)).toContain('PreLetter commands');
  });

  it.each([
    ['X-Forwarded-For', '203.0.113.9'],
    ['Forwarded', 'for=203.0.113.9;proto=https'],
    ['X-Forwarded-Host', 'preletter.example.org'],
    ['X-Forwarded-Proto', 'https'],
    ['X-Real-IP', '203.0.113.9'],
    ['Via', '1.1 proxy.example.org'],
    ['X-Forwarded-Port', '443'],
    ['True-Client-IP', '203.0.113.9'],
  ])('refuses a request carrying %s (a proxy speaks for someone else) with 401 and acts on nothing', async (name, value) => {
    const activity = command(`withdraw ${REF} forged`);
    await expectRefusedAndUntouched(await w.send.post(activity, { headers: { [name]: value } }), activity, 'forwarded');
  });

  it.each([['203.0.113.9'], ['192.168.1.20'], ['::ffff:10.0.0.7'], ['fd00::2']])('refuses a connection from %s with 401 and acts on nothing', async (address) => {
    const relay = await relayFrom(w.host, address);
    try {
      const activity = command(`status ${REF}`);
      await expectRefusedAndUntouched(await rawPost(relay.port, PATH, JSON.stringify(activity), { host: '127.0.0.1' }), activity, 'remote-address');
    } finally {
      await relay.close();
    }
  });

  it('refuses a request addressed to another host name (a proxy passing Host on, or DNS rebinding) with 401', async () => {
    const activity = command(`withdraw ${REF} forged`);
    await expectRefusedAndUntouched(await rawPost(w.host.port, PATH, JSON.stringify(activity), { host: 'preletter.example.org' }), activity, 'host');
  });

  it('refuses a browser request from a page of another origin with 401', async () => {
    const activity = command(`withdraw ${REF} forged`);
    await expectRefusedAndUntouched(await w.send.post(activity, { headers: { origin: 'https://evil.example' } }), activity, 'origin');
  });

  it('refuses an activity whose serviceUrl is https://attacker.example with 401, and sends nothing anywhere', async () => {
    const activity = command(`status ${REF}`);
    activity.serviceUrl = 'https://attacker.example/';
    await expectRefusedAndUntouched(await w.send.post(activity), activity, 'service-url');
  });

  it('sends nothing to a reachable connector at a serviceUrl that is not localhost, 127.0.0.1 or [::1]', async () => {
    const elsewhere = await ConnectorFake.start();
    try {
      const foreign = `http://[::ffff:127.0.0.1]:${elsewhere.port}/`;
      // Control: the stand-in really is reachable at that URL.
      expect((await fetch(`${foreign}v3/conversations`)).status).toBe(404);
      expect(elsewhere.calls).toHaveLength(1);
      elsewhere.clear();
      for (const text of [`status ${REF}`, `withdraw ${REF} forged`, 'help']) {
        const activity = command(text);
        activity.serviceUrl = foreign;
        log.clear();
        await expectRefusedAndUntouched(await w.send.post(activity), activity, 'service-url');
      }
      expect(elsewhere.calls).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('never calls a serviceUrl outside this machine, even one stored in a thread ref from an authenticated run', async () => {
    const threadRef = encodeThreadRef({ conversationId: TEAMS_CHANNELS.northwind.channelId, serviceUrl: 'https://smba.trafficmanager.net/teams/', tenantId: TENANT, rootActivityId: '1772524800001' });
    const card = { title: 'Note', body: [[{ text: 'x' }]], fields: [], buttons: [], tone: 'info' as const };
    await expect(w.deps.platforms.teams!.postInThread(threadRef, card)).rejects.toMatchObject({ code: 'platform' });
    expect(log.entries).toEqual([expect.objectContaining({ level: 'warn', message: 'teams call to a service url outside this machine refused in emulator mode' })]);
    expect(w.fake.calls).toEqual([]);
  });
});
