/**
 * The directory each instance remembers, checked against the database once per unit
 * of work: counted on the wire (the counting relay of the bench), with a second store
 * on its own connection standing in for another instance or the directory CLI.
 */
import { openStore, type Store } from '../../src/store';
import { WireCounter } from '../bench/wire-count';
import { closeTestStore, openTestStore, testServerUri, uniqueDbName } from '../support/db';
import { silentLogger } from '../support/silent-logger';
import { TEST_DIRECTORY, USERS } from '../support/test-directory';

describe('the directory remembered per instance', () => {
  const dbName = uniqueDbName('directory_cache');
  let other: Store;
  let counter: WireCounter;
  let store: Store;

  beforeAll(async () => {
    other = await openTestStore(dbName);
    await other.directory.apply(TEST_DIRECTORY);
    counter = await WireCounter.start(Number(new URL(testServerUri()).port));
    store = await openStore({ uri: counter.uri, dbName, logger: silentLogger });
  });
  afterAll(async () => {
    await store.close();
    await counter.close();
    await closeTestStore(other);
  });

  const commands = () => counter.commands.map((c) => `${c.name} ${c.collection}`);

  it('reads the import token once per unit of work, and each entry once while the token stays the same', async () => {
    counter.reset();
    const unit = store.directory.unitOfWork();
    const mara = await unit.findPersonByIdentity(USERS.mara);
    await unit.findPersonByIdentity(USERS.mara);
    await unit.getPerson(mara!.key);
    await unit.getPerson(mara!.key);
    expect(commands()).toEqual(['find meta', 'find accounts', 'find people']);

    counter.reset();
    const next = store.directory.unitOfWork();
    expect((await next.findPersonByIdentity(USERS.mara))?.key).toBe(mara!.key);
    expect((await next.getPerson(mara!.key))?.name).toBe(mara!.name);
    expect(commands()).toEqual(['find meta']);
  });

  it('reads nothing for a unit of work that looks nothing up (a help answer), so none is left reading when it ends', async () => {
    counter.reset();
    store.directory.unitOfWork();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(commands()).toEqual([]);
  });

  it('sees an import made through another connection in its next unit of work', async () => {
    const before = await store.directory.unitOfWork().findPersonByIdentity(USERS.mara);
    const renamed = { ...TEST_DIRECTORY, people: TEST_DIRECTORY.people.map((p) => (p.key === before!.key ? { ...p, name: 'Mara Renamed' } : p)) };
    await other.directory.apply(renamed);
    expect((await store.directory.unitOfWork().findPersonByIdentity(USERS.mara))?.name).toBe('Mara Renamed');
  });

  it('does not keep an unknown account, so a person added later is known at once', async () => {
    const stranger = { ...USERS.mara, userId: 'U0NOBODY' };
    counter.reset();
    const unit = store.directory.unitOfWork();
    expect(await unit.findPersonByIdentity(stranger)).toBeNull();
    expect(await unit.findPersonByIdentity(stranger)).toBeNull();
    expect(commands().filter((c) => c === 'find accounts')).toHaveLength(2);
  });

  it('hands out entries nobody can change, since every unit of work of the instance shares them', async () => {
    const person = await store.directory.unitOfWork().findPersonByIdentity(USERS.mara);
    expect(() => {
      (person as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    expect(() => (person!.identities as unknown[]).push({})).toThrow(TypeError);
  });

  it('forgets what it read when its database is dropped', async () => {
    const dropped = await openStore({ uri: testServerUri(), dbName: uniqueDbName('directory_cache_drop'), logger: silentLogger });
    try {
      await dropped.directory.apply(TEST_DIRECTORY);
      expect(await dropped.directory.findPersonByIdentity(USERS.mara)).not.toBeNull();
      await dropped.dropDatabase();
      expect(await dropped.directory.findPersonByIdentity(USERS.mara)).toBeNull();
    } finally {
      await dropped.dropDatabase();
      await dropped.close();
    }
  });
});
