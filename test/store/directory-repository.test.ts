import type { Company, Directory, Mandate, Person } from '../../src/domain/types';
import type { Store } from '../../src/store';
import { useTestStore } from '../support/db';

const alice: Person = {
  key: 'alice',
  name: 'Alice Rapporteur',
  email: 'alice@example.org',
  timeZone: 'Europe/Zurich',
  locale: 'en',
  identities: [{ platform: 'slack', workspaceId: 'T-UN', userId: 'U-ALICE' }],
  admin: false,
};
const bob: Person = {
  key: 'bob',
  name: 'Bob Owner',
  email: 'bob@acme.example',
  identities: [
    { platform: 'slack', workspaceId: 'T-ACME', userId: 'U-BOB' },
    { platform: 'teams', workspaceId: 'tenant-acme', userId: 'aad-bob' },
  ],
  admin: false,
};
const carol: Person = { key: 'carol', name: 'Carol Backup', email: 'carol@acme.example', identities: [], admin: false };
const dave: Person = { key: 'dave', name: 'Dave Escalation', email: 'dave@acme.example', identities: [], admin: false };
const erin: Person = { key: 'erin', name: 'Erin Urgent', email: 'erin@acme.example', identities: [], admin: false };
const zed: Person = { key: 'zed', name: 'Zed Admin', email: 'zed@un.example', identities: [], admin: true };

const privacy: Mandate = {
  key: 'sr-privacy',
  title: 'Special Rapporteur on the right to privacy',
  timeZone: 'Europe/Zurich',
  team: ['alice', 'zed'],
  topics: ['privacy', 'surveillance'],
};
const expression: Mandate = {
  key: 'sr-expression',
  title: 'Special Rapporteur on freedom of expression',
  timeZone: 'America/New_York',
  team: ['alice'],
  topics: ['content-moderation'],
};

const acme: Company = {
  key: 'acme',
  name: 'Acme Social',
  aliases: ['ACME', 'Acme Inc.'],
  timeZone: 'America/Los_Angeles',
  channels: [
    { platform: 'slack', workspaceId: 'T-ACME', channelId: 'C-SHARED' },
    { platform: 'teams', workspaceId: 'tenant-acme', channelId: '19:abc@thread.tacv2' },
  ],
  defaultContacts: ['bob'],
  escalationContacts: ['dave'],
  urgentLine: ['erin'],
  routes: [{ topics: ['privacy'], owners: ['bob'], backups: ['carol'] }],
};
const globex: Company = {
  key: 'globex',
  name: 'Globex Search',
  aliases: [],
  channels: [{ platform: 'slack', workspaceId: 'T-GLOBEX', channelId: 'C-SHARED' }],
  defaultContacts: ['carol'],
  escalationContacts: [],
  urgentLine: [],
  routes: [],
};

const directory: Directory = {
  people: [zed, bob, alice, erin, dave, carol],
  mandates: [privacy, expression],
  companies: [globex, acme],
};

const byKey = <T extends { key: string }>(items: T[]): T[] => [...items].sort((a, b) => a.key.localeCompare(b.key));

describe('directory repository', () => {
  let store!: Store;
  useTestStore((opened) => (store = opened));

  it('reports an empty directory before anything is imported', async () => {
    expect(await store.directory.isEmpty()).toBe(true);
    expect(await store.directory.exportAll()).toEqual({ people: [], mandates: [], companies: [] });
  });

  it('imports every document and exports them sorted by key in the same shape', async () => {
    const counts = await store.directory.apply(directory);
    expect(counts).toEqual({ people: 6, mandates: 2, companies: 2 });
    expect(await store.directory.isEmpty()).toBe(false);

    const exported = await store.directory.exportAll();
    expect(exported).toStrictEqual({
      people: byKey(directory.people),
      mandates: byKey(directory.mandates),
      companies: byKey(directory.companies),
    });
  });

  it('round-trips: importing an export changes nothing and creates no duplicates', async () => {
    const first = await store.directory.exportAll();
    await store.directory.apply(first);
    expect(await store.directory.exportAll()).toStrictEqual(first);
  });

  it('updates documents in place by key and keeps documents that the new file leaves out', async () => {
    const renamed: Company = { ...globex, name: 'Globex Renamed', aliases: ['GLX'] };
    await store.directory.apply({ people: [], mandates: [], companies: [renamed] });
    const exported = await store.directory.exportAll();
    expect(exported.companies.map((c) => c.key)).toEqual(['acme', 'globex']);
    expect(exported.companies[1]).toEqual(renamed);
    expect(await store.directory.findCompanyByName('glx')).toMatchObject({ key: 'globex' });
    expect(await store.directory.findCompanyByName('Globex Search')).toBeNull();
    expect(exported.people).toHaveLength(6);
    await store.directory.apply({ people: [], mandates: [], companies: [globex] });
  });

  it('fills defaults for a person without identities or admin flag', async () => {
    const bare = { key: 'newbie', name: 'New Person', email: 'new@example.org' } as Person;
    await store.directory.apply({ people: [bare], mandates: [], companies: [] });
    expect(await store.directory.getPerson('newbie')).toStrictEqual({ ...bare, identities: [], admin: false });
  });

  it('returns plain domain objects without _id, __v or lookup keys', async () => {
    const person = await store.directory.getPerson('bob');
    const company = await store.directory.getCompany('acme');
    expect(Object.keys(person!).sort()).toEqual(['admin', 'email', 'identities', 'key', 'name']);
    expect(company).toStrictEqual(acme);
    expect(company).not.toHaveProperty('channelKeys');
    expect(company!.channels[0]).not.toHaveProperty('_id');
  });

  it('finds a person by platform and user id, whichever workspace a shared channel reports them from', async () => {
    const d = store.directory;
    expect(await d.findPersonByIdentity({ platform: 'teams', workspaceId: 'tenant-acme', userId: 'aad-bob' })).toEqual(bob);
    expect(await d.findPersonByIdentity({ platform: 'slack', workspaceId: 'T-ACME', userId: 'U-BOB' })).toEqual(bob);
    expect(await d.findPersonByIdentity({ platform: 'slack', workspaceId: 'T-HOST', userId: 'U-BOB' })).toEqual(bob);
    expect(await d.findPersonByIdentity({ platform: 'teams', workspaceId: 'T-ACME', userId: 'U-BOB' })).toBeNull();
    expect(await d.findPersonByIdentity({ platform: 'slack', workspaceId: 'T-ACME', userId: 'U-NOBODY' })).toBeNull();
  });

  it('gets one person, and several in the order asked for, skipping unknown keys', async () => {
    expect(await store.directory.getPerson('alice')).toEqual(alice);
    expect(await store.directory.getPerson('nobody')).toBeNull();
    const people = await store.directory.getPeople(['dave', 'nobody', 'alice', 'dave']);
    expect(people.map((p) => p.key)).toEqual(['dave', 'alice']);
    expect(await store.directory.getPeople([])).toEqual([]);
  });

  it('gets a mandate and lists the mandates whose team includes a person', async () => {
    expect(await store.directory.getMandate('sr-privacy')).toEqual(privacy);
    expect(await store.directory.getMandate('sr-none')).toBeNull();
    expect((await store.directory.mandatesOfPerson('alice')).map((m) => m.key)).toEqual(['sr-expression', 'sr-privacy']);
    expect((await store.directory.mandatesOfPerson('zed')).map((m) => m.key)).toEqual(['sr-privacy']);
    expect(await store.directory.mandatesOfPerson('bob')).toEqual([]);
  });

  it('finds the company bound to a channel only on the exact platform, workspace and channel', async () => {
    const d = store.directory;
    expect(await d.findCompanyByChannel({ platform: 'slack', workspaceId: 'T-ACME', channelId: 'C-SHARED' })).toEqual(acme);
    expect(await d.findCompanyByChannel({ platform: 'slack', workspaceId: 'T-GLOBEX', channelId: 'C-SHARED' })).toMatchObject({
      key: 'globex',
    });
    expect(
      await d.findCompanyByChannel({ platform: 'teams', workspaceId: 'tenant-acme', channelId: '19:abc@thread.tacv2' }),
    ).toMatchObject({ key: 'acme' });
    expect(await d.findCompanyByChannel({ platform: 'slack', workspaceId: 'T-OTHER', channelId: 'C-SHARED' })).toBeNull();
    expect(await d.findCompanyByChannel({ platform: 'teams', workspaceId: 'T-ACME', channelId: 'C-SHARED' })).toBeNull();
    expect(await d.findCompanyByChannel({ platform: 'slack', workspaceId: 'T-ACME', channelId: 'C-OTHER' })).toBeNull();
  });

  it('lists the companies that name a person as contact, escalation, urgent line, owner or backup', async () => {
    const keysOf = async (person: string) => (await store.directory.companiesOfPerson(person)).map((c) => c.key);
    expect(await keysOf('bob')).toEqual(['acme']);
    expect(await keysOf('carol')).toEqual(['acme', 'globex']);
    expect(await keysOf('dave')).toEqual(['acme']);
    expect(await keysOf('erin')).toEqual(['acme']);
    expect(await keysOf('alice')).toEqual([]);
  });

  it('finds a company by key, name or alias regardless of case and surrounding spaces', async () => {
    for (const name of ['acme', 'ACME SOCIAL', '  acme inc.  ', 'Acme']) {
      expect(await store.directory.findCompanyByName(name)).toMatchObject({ key: 'acme' });
    }
    expect(await store.directory.findCompanyByName('Acme Incorporated')).toBeNull();
    expect(await store.directory.findCompanyByName('   ')).toBeNull();
  });

  it('gets a company by key and lists only admins', async () => {
    expect(await store.directory.getCompany('globex')).toEqual(globex);
    expect(await store.directory.getCompany('initech')).toBeNull();
    expect((await store.directory.listAdmins()).map((p) => p.key)).toEqual(['zed']);
  });

  it('lists every mandate by key, as stored, for routing flags by topic', async () => {
    expect(await store.directory.listMandates()).toEqual([expression, privacy]);
  });

  it('lists every company by key, as stored, for routing calls for input by topic', async () => {
    const companies = await store.directory.listCompanies();
    expect(companies.map((c) => c.key)).toEqual([...companies.map((c) => c.key)].sort());
    expect(companies).toContainEqual(globex);
  });
});

describe('directory claims kept by the database', () => {
  let store!: Store;
  useTestStore((opened) => (store = opened));

  it('refuses to give an account to a second person or a channel to a second company, naming both, and writes no document', async () => {
    await store.directory.apply(directory);
    const thief: Person = { ...erin, name: 'Erin Renamed', identities: [{ platform: 'slack', workspaceId: 'T-ELSEWHERE', userId: 'U-BOB' }] };
    const poacher: Company = { ...globex, name: 'Globex Renamed', channels: [...globex.channels, acme.channels[0]!] };
    await expect(store.directory.apply({ people: [thief], mandates: [], companies: [poacher] })).rejects.toMatchObject({
      code: 'conflict',
      userMessage: expect.stringMatching(/the account slack:U-BOB already belongs to bob, not erin.*the channel slack:T-ACME:C-SHARED already belongs to acme, not globex/),
    });
    expect(await store.directory.getPerson('erin')).toEqual(erin);
    expect(await store.directory.getCompany('globex')).toEqual(globex);
    expect((await store.directory.findPersonByIdentity({ platform: 'slack', workspaceId: 'T-ACME', userId: 'U-BOB' }))?.key).toBe('bob');
    expect((await store.directory.findCompanyByChannel(acme.channels[0]!))?.key).toBe('acme');
  });

  it('moves an account from one person to another when one file gives it up and the other takes it', async () => {
    await store.directory.apply(directory);
    const bobWithout: Person = { ...bob, identities: bob.identities.filter((i) => i.userId !== 'U-BOB') };
    const erinWith: Person = { ...erin, identities: [{ platform: 'slack', workspaceId: 'T-ACME', userId: 'U-BOB' }] };
    await store.directory.apply({ people: [erinWith, bobWithout], mandates: [], companies: [] });
    expect((await store.directory.findPersonByIdentity({ platform: 'slack', workspaceId: 'T-ACME', userId: 'U-BOB' }))?.key).toBe('erin');
    expect((await store.directory.findPersonByIdentity({ platform: 'teams', workspaceId: 'tenant-acme', userId: 'aad-bob' }))?.key).toBe('bob');
  });
});
