/**
 * With Teams credentials set, only the Bot Framework may talk to /api/messages. Tokens are
 * built here with node:crypto and the keys are served by a local OpenID stand-in, so
 * botbuilder's real validation runs: every forged, stale or misdirected token is answered
 * exactly 401, logged once at warn with its reason (no token, key or stack anywhere, and
 * nothing written to the console by the SDK), and nothing is recorded or sent. A token
 * whose keys cannot be fetched is not authenticated either: 401, logged at warn.
 */
import { freePort } from '../../../src/store/embedded/launcher';
import { CHANNEL_KID, channelClaims, emulatorClaims, mintToken, newSigningPair, OpenIdFake } from './support/openid-fake';
import { recordingLogger, type RecordingLogger } from './support/recording-logger';
import { AAD, TEAMS_CHANNELS, TENANT } from './support/teams-directory';
import { openTeamsWorld, TEST_APP, type TeamsWorld } from './support/teams-world';

const NORTH = TEAMS_CHANNELS.northwind.channelId;
const REFUSED = 'teams request refused: not authenticated';
const UNAVAILABLE = 'teams request not checked: signing keys unavailable';
const minutes = (n: number) => n * 60;

type Activity = { type: string; id: string; conversation: { id: string }; serviceUrl: string };

describe('Teams with credentials: every authentication failure is 401', () => {
  let w: TeamsWorld;
  let keys: OpenIdFake;
  let log: RecordingLogger;
  let consoleCalls: jest.SpyInstance[];
  const now = () => Math.floor(Date.now() / 1000);

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
    consoleCalls = (['error', 'warn', 'log', 'info'] as const).map((m) => jest.spyOn(console, m).mockImplementation(() => undefined));
  });
  afterEach(() => consoleCalls.forEach((spy) => spy.mockRestore()));

  /** A forged `withdraw` from Mara, in the channel: what an attacker would send. */
  const forged = (): Activity => w.send.message({ from: 'mara', text: 'withdraw PL-2026-0001 forged' });
  const claims = (a: Activity) => channelClaims(TEST_APP.appId, a.serviceUrl, now());

  async function expectRefused(activity: Activity, authorization: string | undefined, reason: string, status = 401, message = REFUSED): Promise<void> {
    const reply = await w.send.post(activity, authorization === undefined ? {} : { authorization });
    expect(reply.status).toBe(status);
    await w.teams.idle();
    expect(w.fake.calls).toEqual([]);
    expect(log.entries).toEqual([{ level: 'warn', message, context: expect.objectContaining(message === REFUSED ? { reason } : { problem: reason }) }]);
    const logged = JSON.stringify(log.entries);
    if (authorization) expect(logged).not.toContain(authorization.slice(7, 40));
    expect(logged).not.toMatch(/BEGIN|stack|at .*\.js/);
    for (const spy of consoleCalls) expect(spy).not.toHaveBeenCalled();
    const dedupe = `${activity.type}:${activity.conversation.id.split(';')[0]}:${activity.id}`;
    expect(await w.deps.inbound.recordOnce('teams', dedupe, new Date())).toBe(true);
  }

  it('accepts a genuine token: botbuilder validates it against the published key and the turn runs', async () => {
    const click = w.send.cardAction({ from: 'stranger', verb: 'acknowledge', data: { ref: 'PL-2026-0001' }, conversationId: `${NORTH};messageid=1`, replyToId: '1' });
    const reply = await w.send.post(click, { authorization: `Bearer ${keys.token(claims(click))}` });
    expect(reply.status).toBe(200);
    expect(reply.json().value).toContain("I don't know your Microsoft Teams account yet");
    // The ids the admin needs: the tenant and the person's Azure AD object id, as the directory file names them.
    expect(reply.json().value).toContain(`give them these ids: Microsoft Teams tenant ${TENANT}, Azure AD object id ${AAD.stranger}.`);
    // Our check and botbuilder's each read the metadata and the keys once.
    const paths = ['/channel/.well-known/openidconfiguration', '/channel/keys'];
    expect(keys.requests).toEqual([...paths, ...paths]);
    expect(log.entries.filter((e) => e.level === 'warn' || e.level === 'error')).toEqual([]);
    for (const spy of consoleCalls) expect(spy).not.toHaveBeenCalled();
  });

  it('refuses a request without an Authorization header', async () => {
    await expectRefused(forged(), undefined, 'missing-header');
  });

  it.each([['Bearer not-a-token'], ['Basic bWFyYTpwYXNzd29yZA=='], ['Bearer a.b.c d']])('refuses a malformed Authorization header (%s)', async (header) => {
    await expectRefused(forged(), header, 'malformed-header');
  });

  it('refuses an HS256 token under the Bot Framework issuer, signed with the published public key as the secret', async () => {
    const a = forged();
    const secret = keys.channelKey.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await expectRefused(a, `Bearer ${mintToken({ kid: CHANNEL_KID }, claims(a), { alg: 'HS256', secret })}`, 'algorithm');
  });

  it('refuses an unsigned token (alg none) under the Bot Framework issuer', async () => {
    const a = forged();
    await expectRefused(a, `Bearer ${mintToken({ kid: CHANNEL_KID }, claims(a), { alg: 'none' })}`, 'algorithm');
  });

  it('refuses a token signed by an unknown key under a known key id', async () => {
    const a = forged();
    const impostor = newSigningPair(CHANNEL_KID);
    await expectRefused(a, `Bearer ${mintToken({ kid: CHANNEL_KID }, claims(a), { alg: 'RS256', key: impostor.privateKey })}`, 'signature');
  });

  it('refuses a token naming a key id that is not published', async () => {
    const a = forged();
    await expectRefused(a, `Bearer ${keys.token(claims(a), { kid: 'no-such-key' })}`, 'unknown-key');
  });

  it('refuses a token that is not valid yet (nbf beyond the 5-minute clock skew)', async () => {
    const a = forged();
    await expectRefused(a, `Bearer ${keys.token({ ...claims(a), nbf: now() + minutes(10) })}`, 'not-yet-valid');
  });

  it('refuses an expired token (beyond the 5-minute clock skew)', async () => {
    const a = forged();
    await expectRefused(a, `Bearer ${keys.token({ ...claims(a), exp: now() - minutes(10) })}`, 'expired');
  });

  it('refuses a genuine-looking token for another bot (wrong audience)', async () => {
    const a = forged();
    await expectRefused(a, `Bearer ${keys.token({ ...claims(a), aud: '11111111-1111-1111-1111-111111111111' })}`, 'audience');
  });

  it('refuses a token from another issuer', async () => {
    const a = forged();
    await expectRefused(a, `Bearer ${keys.token({ ...claims(a), iss: 'https://evil.example' })}`, 'issuer');
  });

  it('refuses a token issued for another serviceUrl than the activity names', async () => {
    const a = forged();
    await expectRefused(a, `Bearer ${keys.token({ ...claims(a), serviceurl: 'https://attacker.example/' })}`, 'service-url');
  });

  it('refuses (401, never 500) a token whose Emulator keys cannot be fetched, and acts on nothing', async () => {
    const a = forged();
    const token = mintToken({ kid: 'emulator-key' }, emulatorClaims(TEST_APP.appId, now()), { alg: 'RS256', key: keys.channelKey.privateKey });
    await expectRefused(a, `Bearer ${token}`, 'TypeError', 401, UNAVAILABLE);
  });
});

describe('Teams with credentials: keys that cannot be fetched', () => {
  it('refuses (401) a request whose channel keys cannot be fetched, logged at warn, and acts on nothing', async () => {
    const dead = await freePort();
    const log = recordingLogger();
    const w = await openTeamsWorld({
      authenticated: true,
      logger: log,
      openIdMetadata: { channel: `http://127.0.0.1:${dead}/channel/.well-known/openidconfiguration`, emulator: `http://127.0.0.1:${dead}/emulator` },
    });
    log.clear();
    try {
      const a = w.send.message({ from: 'mara', text: 'status' });
      const token = mintToken({ kid: CHANNEL_KID }, channelClaims(TEST_APP.appId, a.serviceUrl), { alg: 'RS256', key: newSigningPair(CHANNEL_KID).privateKey });
      const res = await fetch(w.send.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(a) });
      expect(res.status).toBe(401);
      await w.teams.idle();
      expect(w.fake.calls).toEqual([]);
      expect(log.entries).toEqual([{ level: 'warn', message: UNAVAILABLE, context: expect.objectContaining({ problem: 'TypeError' }) }]);
    } finally {
      await w.close();
    }
  });
});
