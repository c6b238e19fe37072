/**
 * `report` through the shared command path, against the real store: a mandate team member
 * gets their own mandates' record of letters, flags and calls for input, an admin every
 * mandate's (and the flags no mandate covered), anyone else a polite refusal; the answer is in
 * the reader's language and zone, Slack or Teams alike, and never holds a letter's, a flag's
 * or a call's text.
 */
import { handleCommand } from '../../src/bot/handle-command';
import { report } from '../../src/bot/report';
import type { NeutralCard } from '../../src/bot/ports';
import type { Flag } from '../../src/domain/flag';
import type { Letter, Person, PlatformIdentity } from '../../src/domain/types';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { reportCall } from '../support/report-fixtures';
import { cardText } from '../support/recording-platform';
import { englishOf } from '../support/words';
import { USERS } from '../support/test-directory';

const SECRET = 'Confidential: content moderation of protest footage.';

/** A letter of the test directory with the facts a test names, each a date in UTC. */
function letter(ref: string, companyKey: string, mandateKey: string, facts: Partial<Record<'previewed' | 'acknowledged' | 'formalSent' | 'replied', string>>): Letter {
  const fact = (key: keyof typeof facts) => (facts[key] ? { [key]: { at: new Date(facts[key]!), by: key === 'acknowledged' ? 'ana' : 'mara' } } : {});
  return {
    ref,
    type: 'AL',
    urgent: false,
    mandateKey,
    companyKey,
    topics: ['content-moderation'],
    summary: SECRET,
    routing: { owners: ['ana'], backups: [], escalation: [], unrouted: false, matchedTopics: ['content-moderation'] },
    previewed: { at: new Date(facts.previewed!), by: 'mara' },
    ...fact('acknowledged'),
    ...fact('formalSent'),
    ...fact('replied'),
    threads: [],
    audit: [{ at: new Date(facts.previewed!), by: 'mara', action: 'previewed' }],
  };
}

/** A flag Northwind or Kestrel raised, to the mandates named (none: to the admins), acknowledged by Mara when a date is given. */
function flag(ref: string, companyKey: string, mandateKeys: string[], raised: string, acknowledged?: string): Flag {
  return {
    ref,
    companyKey,
    topics: ['surveillance'],
    summary: SECRET,
    urgent: false,
    routing: { mandateKeys, toAdmins: mandateKeys.length === 0, matchedTopics: [] },
    raised: { at: new Date(raised), by: 'ana' },
    ...(acknowledged ? { acknowledged: { at: new Date(acknowledged), by: 'mara', mandateKey: mandateKeys[0]! } } : {}),
    threads: [],
  };
}

const PIA_TEAMS: PlatformIdentity = { platform: 'teams', workspaceId: '72f988bf-86f1-41af-91ab-2d7cd011db47', userId: '5b6f0c1e-8d2a-4c3b-9e7f-1a2b3c4d5e6f' };
const PIA: Person = {
  key: 'pia',
  name: 'Pia Lund',
  email: 'pia@example.org',
  timeZone: 'America/New_York',
  locale: 'fr',
  identities: [{ platform: 'slack', workspaceId: 'T0TEST', userId: 'U0PIA' }, PIA_TEAMS],
  admin: false,
};

describe('the report command', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await openBotHarness(); // Tuesday 3 March 2026, 09:00 in Geneva
    await h.store.directory.apply({
      people: [PIA],
      mandates: [{ key: 'sr-privacy', title: 'Special Rapporteur on the right to privacy', timeZone: 'Europe/Zurich', team: ['pia'], topics: ['privacy'] }],
      companies: [],
    });
    for (const l of [
      letter('PL-2024-0001', 'northwind', 'sr-expression', { previewed: '2024-06-01T09:00:00Z', formalSent: '2024-06-05T09:00:00Z' }),
      letter('PL-2025-0001', 'northwind', 'sr-expression', { previewed: '2025-10-01T09:00:00Z', acknowledged: '2025-10-02T09:00:00Z', formalSent: '2025-10-10T09:00:00Z', replied: '2025-11-20T09:00:00Z' }),
      letter('PL-2025-0002', 'kestrel', 'sr-expression', { previewed: '2025-11-01T09:00:00Z', formalSent: '2025-11-05T09:00:00Z' }),
      letter('PL-2026-0001', 'northwind', 'sr-expression', { previewed: '2026-01-15T09:00:00Z', acknowledged: '2026-01-16T09:00:00Z' }),
      letter('PL-2026-0002', 'kestrel', 'sr-privacy', { previewed: '2026-02-01T09:00:00Z', formalSent: '2026-02-02T09:00:00Z' }),
      letter('PL-2026-0003', 'kestrel', 'sr-privacy', { previewed: '2026-03-01T02:00:00Z', acknowledged: '2026-03-01T13:00:00Z', formalSent: '2026-03-02T09:00:00Z', replied: '2026-03-02T21:00:00Z' }),
    ]) {
      await h.store.letters.create(l);
    }
    // Raised on Mondays at 10:00 in Geneva: the admins are told the next Monday at 09:00.
    for (const f of [
      flag('FL-2026-0001', 'northwind', ['sr-expression', 'sr-privacy'], '2026-02-02T09:00:00Z', '2026-02-03T09:00:00Z'),
      flag('FL-2026-0002', 'kestrel', ['sr-expression'], '2026-02-09T09:00:00Z'),
      flag('FL-2026-0003', 'kestrel', [], '2026-02-16T09:00:00Z'),
    ]) {
      await h.store.flags.create(f);
    }
    // A call of each mandate: Northwind submitted in two days and Kestrel never answered; Kestrel declined the other the next day.
    for (const c of [
      reportCall('CI-2026-0001', '2026-01-12T09:00:00Z', '2026-02-12', { northwind: [['submitted', '2026-01-14T09:00:00Z']], kestrel: [] }),
      reportCall('CI-2026-0002', '2026-02-02T09:00:00Z', '2026-02-27', { kestrel: [['declined', '2026-02-03T09:00:00Z']] }, { mandateKey: 'sr-privacy' }),
    ]) {
      await h.store.calls.create({ ...c, title: SECRET });
    }
  });
  afterAll(async () => h.close());

  const answer = async (actor: PlatformIdentity, text = 'report'): Promise<NeutralCard> => {
    const outcome = await handleCommand(h.deps, { actor, text });
    if (outcome.kind !== 'reply') throw new Error(`expected a reply, got ${outcome.kind}`);
    return outcome.card;
  };

  it("gives a mandate team member their own mandate's record of the last twelve months, per company, with what is overdue, awaiting or unanswered now", async () => {
    const card = await answer(USERS.mara);
    expect(card.title).toBe('Letters, flags and calls for input, Tue 4 Mar 2025 to Tue 3 Mar 2026');
    expect(card.tone).toBe('warning');
    expect(cardText(card).split('\n')).toEqual([
      'Letters, flags and calls for input, Tue 4 Mar 2025 to Tue 3 Mar 2026',
      'Mandate: Special Rapporteur on freedom of opinion and expression.',
      'Overdue now: PL-2024-0001, PL-2025-0002.',
      'Flags still unacknowledged after the admins were told: FL-2026-0002.',
      "Calls for input past their deadline with a company's answer missing: CI-2026-0001.",
      'Total: 3 letters · replies: 1 of 2 in time (50%) · median days to acknowledge 1, to reply 41 · 2 overdue now; ' +
        '2 flags · acknowledged in time: 1 of 2 (50%) · median days to acknowledge 1 · 1 awaiting now; ' +
        '1 call for input to 2 companies · answered by the deadline: 1 of 2 (50%) · 1 submitted, 0 declined · median days to answer 2 · 1 unanswered now',
      'Kestrel Cloud: 1 letter · replies: 0 of 1 in time (0%) · median days to acknowledge –, to reply – · 1 overdue now; ' +
        '1 flag · acknowledged in time: 0 of 1 (0%) · median days to acknowledge – · 1 awaiting now; ' +
        '1 call for input · answered by the deadline: 0 of 1 (0%) · 0 submitted, 0 declined · median days to answer – · 1 unanswered now',
      'Northwind Social: 2 letters · replies: 1 of 1 in time (100%) · median days to acknowledge 1, to reply 41 · 1 overdue now; ' +
        '1 flag · acknowledged in time: 1 of 1 (100%) · median days to acknowledge 1 · 0 awaiting now; ' +
        '1 call for input · answered by the deadline: 1 of 1 (100%) · 1 submitted, 0 declined · median days to answer 2 · 0 unanswered now',
      'Figures count the letters previewed in the period; a reply is in time when it is recorded within the 60-day period. Overdue now counts every letter, whenever it was previewed. Days begin at midnight in Europe/Zurich. ' +
        'A flag is acknowledged in time when someone acknowledges it before the admins are told (5 business days after it was raised, 8 hours when urgent); awaiting now counts every flag past that point without an acknowledgement, whenever it was raised. A flag counts under each mandate it went to. ' +
        "A company answers a call for input in time when its first answer comes by the end of the deadline day; unanswered now counts every call still open past its deadline that a company has not answered, whenever it was published. A call counts under its mandate and under each company it went to, there with that company's answer only.",
    ]);
  });

  it("shows a mandate team only the flags routed to its mandates and its own mandates' calls, and no row of another mandate", async () => {
    const mara = cardText(await answer(USERS.mara));
    expect(mara).not.toContain('FL-2026-0003');
    expect(mara).not.toContain('CI-2026-0002');
    expect(mara).not.toContain('1 declined');
    expect(mara).not.toContain('Special Rapporteur on the right to privacy');
    const pia = cardText(await answer(PIA_TEAMS, 'report 2026-02'));
    expect(pia).not.toContain('FL-2026-0002');
    expect(pia).not.toContain('CI-2026-0001');
    expect(pia).toContain('Total: 2 lettres');
    expect(pia).toContain('; 1 signalement · réception accusée dans le délai : 1 sur 1 (100%)');
    expect(pia).toContain('Northwind Social: 1 signalement · réception accusée dans le délai : 1 sur 1 (100%) · délai médian d’accusé de réception en jours : 1 · 0 en attente à ce jour');
  });

  it('gives an admin every mandate, per company and then per mandate, with the flags no mandate covered and every call', async () => {
    const text = cardText(await answer(USERS.root));
    expect(text).toContain('Every mandate.');
    expect(text).toContain('Flags still unacknowledged after the admins were told: FL-2026-0002, FL-2026-0003.');
    expect(text).toContain('Total: 5 letters · replies: 2 of 3 in time (67%)');
    expect(text).toContain('; 3 flags · acknowledged in time: 1 of 3 (33%) · median days to acknowledge 1 · 2 awaiting now');
    expect(text).toContain('Kestrel Cloud: 3 letters');
    expect(text).toContain(
      'Special Rapporteur on the right to privacy: 2 letters · replies: 1 of 1 in time (100%) · median days to acknowledge 0.5, to reply 0.5 · 0 overdue now; 1 flag · acknowledged in time: 1 of 1 (100%)',
    );
    expect(text).toContain('Special Rapporteur on freedom of opinion and expression: 3 letters');
    expect(text).toContain('; 2 calls for input to 3 companies · answered by the deadline: 2 of 3 (67%) · 1 submitted, 1 declined · median days to answer 1.5 · 1 unanswered now');
    expect(text).toContain('; 1 call for input to 1 company · answered by the deadline: 1 of 1 (100%) · 0 submitted, 1 declined · median days to answer 1 · 0 unanswered now');
    expect(text).toContain('; 2 calls for input · answered by the deadline: 1 of 2 (50%) · 0 submitted, 1 declined · median days to answer 1 · 1 unanswered now');
  });

  it('answers in the reader’s language and zone, through a Teams account as through Slack', async () => {
    const viaTeams = await answer(PIA_TEAMS, 'report 2026-02');
    const viaSlack = await answer({ platform: 'slack', workspaceId: 'T0TEST', userId: 'U0PIA' }, 'report 2026-02');
    expect(viaTeams).toEqual(viaSlack);
    expect(cardText(viaTeams).split('\n')).toEqual([
      'Lettres, signalements et appels à contributions, du dim. 1 févr. 2026 au sam. 28 févr. 2026',
      'Mandat : Special Rapporteur on the right to privacy.',
      'Total: 2 lettres · réponses : 1 sur 1 dans le délai (100%) · délai médian en jours : accusé de réception 0,5, réponse 0,5 · 0 en retard à ce jour; ' +
        '1 signalement · réception accusée dans le délai : 1 sur 1 (100%) · délai médian d’accusé de réception en jours : 1 · 0 en attente à ce jour; ' +
        '1 appel à contributions à 1 entreprise · réponses avant l’échéance : 1 sur 1 (100%) · contributions envoyées : 0, refus : 1 · délai médian de réponse en jours : 1 · 0 sans réponse à ce jour',
      'Kestrel Cloud: 2 lettres · réponses : 1 sur 1 dans le délai (100%) · délai médian en jours : accusé de réception 0,5, réponse 0,5 · 0 en retard à ce jour; ' +
        '1 appel à contributions · réponses avant l’échéance : 1 sur 1 (100%) · contributions envoyées : 0, refus : 1 · délai médian de réponse en jours : 1 · 0 sans réponse à ce jour',
      'Northwind Social: 1 signalement · réception accusée dans le délai : 1 sur 1 (100%) · délai médian d’accusé de réception en jours : 1 · 0 en attente à ce jour',
      'Les chiffres portent sur les lettres dont l’aperçu a été présenté pendant la période ; une réponse est dans le délai si elle est enregistrée dans le délai de 60 jours. « En retard à ce jour » compte toutes les lettres, quelle que soit la date de leur aperçu. Les jours commencent à minuit, heure de America/New_York. ' +
        'La réception d’un signalement est accusée dans le délai si elle l’est avant que l’administration de PreLetter soit alertée (5 jours ouvrables après le signalement, 8 heures s’il est urgent) ; « en attente à ce jour » compte tous les signalements sans accusé de réception au-delà de ce moment, quelle que soit leur date. Un signalement compte pour chaque mandat auquel il a été adressé. ' +
        'Une entreprise répond dans le délai à un appel à contributions si sa première réponse arrive au plus tard à la fin du jour de l’échéance ; « sans réponse à ce jour » compte tous les appels encore ouverts, échéance passée, auxquels une entreprise n’a pas répondu, quelle que soit leur date. Un appel compte pour son mandat et pour chaque entreprise à laquelle il a été adressé, avec la seule réponse de cette entreprise.',
    ]);
  });

  it('counts days from midnight where the reader is: 02:00 in UTC on 1 March is still 28 February in New York', async () => {
    const inNewYork = await report(h.deps, { actor: PIA_TEAMS, period: { first: '2026-02-28', last: '2026-02-28' } });
    expect(cardText(inNewYork)).toContain('Total: 1 lettre');
    const inGeneva = await answer(USERS.root, 'report 2026-02-28');
    expect(cardText(inGeneva)).toContain('Total: 0 letters');
  });

  it('never shows a letter’s, a flag’s or a call’s text, only counts, company names and references', async () => {
    for (const actor of [USERS.mara, USERS.tom, USERS.root, PIA_TEAMS]) {
      expect(JSON.stringify(await answer(actor))).not.toContain(SECRET);
    }
  });

  it('politely refuses a company’s people and tells a stranger how to be known', async () => {
    for (const actor of [USERS.ana, USERS.dana, USERS.kai]) {
      const refused = await handleCommand(h.deps, { actor, text: 'report' }).catch((err: unknown) => err);
      expect(refused).toMatchObject({ code: 'forbidden' });
      expect(englishOf(refused)).toBe(
        'Reports are for mandate teams, on their own mandates, and for PreLetter admins. If you support a mandate, ask your PreLetter admin to add you to its team.',
      );
    }
    await expect(handleCommand(h.deps, { actor: USERS.stranger, text: 'report' })).rejects.toMatchObject({ code: 'forbidden', userMessage: expect.stringContaining("I don't know your Slack account yet") });
  });

  it('refuses words that name no period, quoting them and showing the forms it takes', async () => {
    const refused = await handleCommand(h.deps, { actor: USERS.mara, text: 'report last quarter' }).catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'invalid-input' });
    expect(englishOf(refused)).toBe('"last quarter" is not a period: give a year (2025), a month (2026-03), or a first and a last day (2026-01-01 2026-03-31).');
  });

  it('lists the report command in help, with its period words', async () => {
    const help = cardText(await answer(USERS.ana, 'help'));
    expect(help).toContain('`/preletter report [period]`: Who answered in time (letters, flags, calls for input), per company and mandate');
  });
});
