/**
 * Two Teams instances on one database server, each its own OS process
 * (instance-worker.ts) with its own connection and HTTP host, running the real Teams
 * app in Emulator mode against local Bot Connector fakes: what one instance hears,
 * the other knows, because it is in the database and nowhere else.
 */
import { ConnectorFake } from '../../adapters/teams/support/connector-fake';
import { TeamsRequests } from '../../adapters/teams/support/teams-activities';
import { TEAMS_CHANNELS, TEAMS_DIRECTORY } from '../../adapters/teams/support/teams-directory';
import { visibleText } from '../../adapters/teams/support/teams-message-view';
import type { Store } from '../../../src/store';
import { closeTestStore, openTestStore, uniqueDbName } from '../../support/db';
import { InstanceProcess } from './instances';

const STRANGER = "I don't know your Microsoft Teams account yet";

describe('two Teams instances on one database, each its own process', () => {
  let store: Store;
  let fallback: ConnectorFake;
  let a: InstanceProcess;
  let b: InstanceProcess;
  beforeAll(async () => {
    const dbName = uniqueDbName('teams_instances');
    store = await openTestStore(dbName);
    fallback = await ConnectorFake.start();
    const clock = '2026-03-03T09:00:00Z';
    [a, b] = await Promise.all(
      ['teams-a', 'teams-b'].map((instanceId) => InstanceProcess.start({ dbName, instanceId, role: 'teams', clock, fallbackServiceUrl: fallback.serviceUrl })),
    );
    expect(new Set([process.pid, a.pid, b.pid]).size).toBe(3);
  }, 30_000);
  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await fallback.close();
    await closeTestStore(store);
  });

  const postRoot = (p: InstanceProcess) =>
    p.send({ cmd: 'post-root', channel: TEAMS_CHANNELS.northwind, title: 'Cross-instance post' }, (e) => e.event === 'posted' || e.event === 'post-failed');
  /** An activity from the tenant, as the Bot Connector at `connector` sends it to instance `p`: the bot added to a team. */
  const hearFrom = async (p: InstanceProcess, connector: ConnectorFake) => {
    const send = new TeamsRequests(p.url, connector.serviceUrl);
    expect((await send.post(send.install())).status).toBe(200);
  };

  it('lets an instance post to a tenant whose service URL only the other instance heard, and the newest URL wins', async () => {
    const heard = await ConnectorFake.start();
    const later = await ConnectorFake.start();
    try {
      // Before any instance heard from the tenant, a post goes to the fallback.
      expect((await postRoot(b)).event).toBe('posted');
      expect(fallback.of('create')).toHaveLength(1);

      // Instance A hears from the tenant through its own HTTP host, and answers there.
      await hearFrom(a, heard);
      await heard.waitFor(() => heard.of('send').length > 0, "A's welcome notice");

      // Instance B never heard from it, yet posts where A heard it.
      expect((await postRoot(b)).event).toBe('posted');
      expect(heard.of('create').map((c) => c.body?.channelData?.channel?.id)).toEqual([TEAMS_CHANNELS.northwind.channelId]);
      expect(fallback.of('create')).toHaveLength(1);

      // The tenant then reaches B at another URL: A's next post uses the newer one.
      await hearFrom(b, later);
      expect((await postRoot(a)).event).toBe('posted');
      expect(later.of('create')).toHaveLength(1);
      expect(heard.of('create')).toHaveLength(1);
      expect(fallback.of('create')).toHaveLength(1);
    } finally {
      await Promise.all([heard.close(), later.close()]);
    }
  });

  it('answers the next request in one instance from a directory the other instance just imported', async () => {
    const connector = await ConnectorFake.start();
    try {
      const toB = new TeamsRequests(b.url, connector.serviceUrl);
      const askStatus = async () => {
        const before = connector.of('send').length;
        expect((await toB.post(toB.message({ from: 'mara', text: 'status', personal: true }))).status).toBe(200);
        return visibleText(await connector.waitFor(() => connector.of('send')[before], 'the answer to status'));
      };
      expect(await askStatus()).toContain(STRANGER);
      expect((await a.send({ cmd: 'import', directory: TEAMS_DIRECTORY }, (e) => e.event === 'imported')).event).toBe('imported');
      const answer = await askStatus();
      expect(answer).not.toContain(STRANGER);
      expect(answer).toMatch(/letter/i);
    } finally {
      await connector.close();
    }
  });
});
