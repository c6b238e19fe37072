/**
 * Installing PreLetter for oneself in Teams, through the real HTTP route and botbuilder
 * adapter with the Bot Connector fake. Teams announces a personal install with a
 * `conversationUpdate` (the bot among `membersAdded`) and an `installationUpdate`
 * (`action: add`), in the documented shapes of test/fixtures/teams. The person gets one
 * welcome card in that personal chat, in their language; someone the directory does not
 * know also gets the ids to give an admin. Nothing is ever posted in a channel for it.
 */
import { randomUUID } from 'node:crypto';
import { fixture } from './support/teams-activities';
import { AAD, TEAMS_DIRECTORY, TENANT, type TeamsPerson } from './support/teams-directory';
import { visibleText } from './support/teams-message-view';
import { openTeamsWorld, type TeamsWorld } from './support/teams-world';

/** Azure AD object ids nobody in the test directory has. */
const STRANGERS = { french: AAD.stranger, silent: 'a0000000-0000-4000-8000-0000000000fe' };

const personalChat = (aad: string) => `a:1personal-${aad}`;

/** The documented personal-install activity from `name`, from the person with this AAD id, addressed to the fake. */
function personal(w: TeamsWorld, name: 'conversation-update-personal-install' | 'installation-update-personal-add', aad: string, locale?: string): any {
  const a = fixture(name);
  a.id = `f:${randomUUID()}`;
  a.serviceUrl = w.send.serviceUrl;
  a.from = { ...a.from, id: `29:1${aad}`, aadObjectId: aad };
  a.conversation.id = personalChat(aad);
  if (a.membersAdded) a.membersAdded[1] = { id: `29:1${aad}`, aadObjectId: aad };
  if (locale) {
    a.locale = locale;
    if (a.entities) a.entities[0].locale = locale;
  }
  return a;
}

const installedBy = (person: TeamsPerson) => AAD[person];

describe('Teams: installed by one person', () => {
  let w: TeamsWorld;
  beforeAll(async () => {
    w = await openTeamsWorld();
  });
  afterAll(async () => w.close());
  beforeEach(() => w.fake.clear());

  /** Posts the activities as Teams would, each answered 200, then waits for the work after the answers. */
  async function deliver(...activities: unknown[]): Promise<void> {
    for (const activity of activities) expect((await w.send.post(activity)).status).toBe(200);
    await w.teams.idle();
  }

  it('welcomes a known person in their personal chat, in English: what PreLetter is and what to type next', async () => {
    await deliver(personal(w, 'conversation-update-personal-install', installedBy('mara')));
    expect(w.fake.calls.map((c) => [c.operation, c.conversationId])).toEqual([['send', personalChat(AAD.mara)]]);
    const text = visibleText(w.fake.calls[0]!);
    expect(text).toContain('Welcome to PreLetter');
    expect(text).toContain('PreLetter helps UN Special Procedures mandate holders preview formal letters to companies');
    expect(text).toMatch(/In this chat you can type .*status.* to see your letters/);
    expect(text).not.toContain('Azure AD object id');
  });

  it('welcomes once when Teams repeats the activity and also announces the install as an installationUpdate', async () => {
    const joined = personal(w, 'conversation-update-personal-install', installedBy('tom'));
    await deliver(joined, joined, personal(w, 'installation-update-personal-add', installedBy('tom')), joined);
    expect(w.fake.of('send').map((c) => c.conversationId)).toEqual([personalChat(AAD.tom)]);
    expect(visibleText(w.fake.of('send')[0]!)).toContain('Welcome to PreLetter');
  });

  it('welcomes a person in their directory language, French, whatever language their Teams client uses', async () => {
    const ana = TEAMS_DIRECTORY.people.find((p) => p.key === 'ana')!;
    await w.harness.store.directory.apply({ people: [{ ...ana, locale: 'fr' }], mandates: [], companies: [] });
    await deliver(personal(w, 'installation-update-personal-add', installedBy('ana'), 'en-US'));
    const [welcome] = w.fake.of('send');
    expect(welcome!.conversationId).toBe(personalChat(AAD.ana));
    expect(visibleText(welcome!)).toContain('Bienvenue dans PreLetter');
    expect(visibleText(welcome!)).toContain('titulaires de mandat');
    expect(visibleText(welcome!)).not.toContain('Welcome');
    expect(visibleText(welcome!)).not.toContain('Azure AD');
  });

  it('welcomes someone the directory does not know in their Teams client’s language, with the ids to give an admin', async () => {
    await deliver(personal(w, 'installation-update-personal-add', STRANGERS.french, 'fr-FR'));
    const [welcome] = w.fake.of('send');
    expect(welcome!.conversationId).toBe(personalChat(STRANGERS.french));
    const text = visibleText(welcome!);
    expect(text).toContain('Bienvenue dans PreLetter');
    expect(text).toContain(`locataire Microsoft Teams ${TENANT}, identifiant d’objet Azure AD ${STRANGERS.french}`);
  });

  it('welcomes a stranger whose client names no language in English, with their ids', async () => {
    await deliver(personal(w, 'conversation-update-personal-install', STRANGERS.silent));
    const [welcome] = w.fake.of('send');
    expect(welcome!.conversationId).toBe(personalChat(STRANGERS.silent));
    expect(visibleText(welcome!)).toContain('Welcome to PreLetter');
    expect(visibleText(welcome!)).toContain(`Microsoft Teams tenant ${TENANT}, Azure AD object id ${STRANGERS.silent}`);
  });

  it('posts no welcome anywhere when the app is installed in a team: only the binding card, in the General channel', async () => {
    const team = fixture('installation-update-team-add');
    team.serviceUrl = w.send.serviceUrl;
    await deliver(team, w.send.install());
    expect(w.fake.calls.map((c) => c.operation)).toEqual(['send']);
    expect(w.fake.calls[0]!.conversationId).toBe('19:un-team-general@thread.tacv2');
    expect(visibleText(w.fake.calls[0]!)).not.toContain('Welcome');
  });

  it('says nothing when the app is removed, or when a person already welcomed installs it again soon after', async () => {
    const removed = personal(w, 'installation-update-personal-add', installedBy('wei'));
    removed.action = 'remove';
    await deliver(removed, personal(w, 'conversation-update-personal-install', installedBy('mara')));
    expect(w.fake.calls).toEqual([]);
  });
});
