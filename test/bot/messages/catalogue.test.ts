import { CATALOGUES, ENGLISH, voiceFor, type Catalogue, type MessageKey } from '../../../src/bot/messages/catalogue';
import { LANGUAGES, languageOf } from '../../../src/bot/messages/format';
import { plainOf } from '../../../src/bot/messages/text';
import { COMMAND_NAMES } from '../../../src/domain/command';
import { wordsOf } from '../../support/words';

/** Values that fill every catalogue entry's arguments, so each entry can be worded and read. */
const SAMPLE: Record<string, unknown> = {
  ref: 'PL-2026-0007',
  company: 'Northwind',
  mandate: 'Special Rapporteur on freedom of expression',
  name: 'Ana Ruiz',
  names: ['Ana Ruiz', 'Li Wei'],
  owners: [{ text: 'Ana Ruiz' }],
  people: [{ text: 'Ana Ruiz' }],
  topics: ['privacy', 'content moderation'],
  type: 'AL',
  status: 'awaiting-ack',
  action: 'acknowledge',
  platform: 'teams',
  days: 3,
  zone: 'Europe/Zurich',
  at: new Date('2026-03-03T10:00:00Z'),
  deadline: new Date('2026-05-03T21:59:59Z'),
  reminded: [{ name: 'Li Wei', at: new Date('2026-03-04T08:00:00Z') }],
  urgent: true,
  reminder: true,
  to: 'person',
  count: 2,
  field: 'summary',
  max: 1500,
  length: 1600,
  word: 'stauts',
  guess: 'status',
  extra: 'now',
  typed: 'PL-26-7',
  workspaceId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  userId: '29f1e1a2-3a7b-4f36-9b52-6d2a6f3c8e10',
  title: 'PL-2026-0007 · preview',
  symbol: 'AL OTH 12/2026',
  reason: 'sent through another channel',
  unknown: 'surveillance',
  // The report's figures and period (report-en.ts).
  first: '2025-03-04',
  last: '2026-03-03',
  mandates: ['Special Rapporteur on freedom of expression'],
  refs: ['PL-2026-0003', 'PL-2026-0009'],
  more: 1,
  window: 60,
  previewed: 3,
  inTime: 2,
  due: 3,
  share: 0.667,
  ack: 1.5,
  reply: 38,
  overdue: 1,
  // Calls for input (call-en.ts).
  answer: 'contribute',
  answered: 1,
  link: 'https://www.ohchr.org/en/calls-for-input/2026/elections',
  // The flags' figures in the report, and the flag clocks' hours.
  raised: 4,
  awaiting: 1,
  hours: 8,
  // A flag's reminders (flag-clock-en.ts): whom they mention, and since when the flag waits.
  who: [{ text: 'Mara Quell' }],
  since: new Date('2026-03-03T08:00:00Z'),
};

const KEYS = Object.keys(CATALOGUES.en) as MessageKey[];

/** Entries whose `action` is a recorded event rather than an action on a letter. */
const EVENT_SAMPLE = { ...SAMPLE, action: 'acknowledged' };

function worded(language: (typeof LANGUAGES)[number], key: MessageKey): string {
  const args = key === 'letter.event' ? EVENT_SAMPLE : /^(help|command)\./.test(key) ? { ...SAMPLE, name: 'ack' } : SAMPLE;
  return plainOf(voiceFor({ locale: language, zone: 'Europe/Zurich' }).t(key, args as never) as string);
}

/** Keys whose words are rightly the same in another language: names, ids and words shared by English and French. */
const SAME_AS_ENGLISH: Partial<Record<MessageKey, Array<'fr' | 'es'>>> = {
  'platform.name': ['fr', 'es'],
  'label.type': ['fr'],
  'card.fact': ['fr', 'es'],
  'timeline.title': [],
  'report.total-label': ['fr', 'es'],
};

describe('the message catalogue', () => {
  it('has every key in every language, and no key that English lacks', () => {
    for (const language of LANGUAGES) {
      const catalogue: Catalogue = CATALOGUES[language];
      expect(Object.keys(catalogue).sort()).toEqual([...KEYS].sort());
    }
  });

  it('words every entry in every language as non-empty text', () => {
    for (const language of LANGUAGES) {
      for (const key of KEYS) expect([language, key, worded(language, key).trim().length > 0]).toEqual([language, key, true]);
    }
  });

  it('has French and Spanish written for people, not copied from English', () => {
    for (const language of ['fr', 'es'] as const) {
      const copied = KEYS.filter((key) => worded(language, key) === worded('en', key) && !(SAME_AS_ENGLISH[key] ?? []).includes(language));
      expect([language, copied]).toEqual([language, []]);
    }
  });

  it('writes French elisions with the typographic apostrophe throughout, as the rest of the French text does', () => {
    const straight = KEYS.filter((key) => /\p{L}'\p{L}/u.test(worded('fr', key).replace(/SAMPLE-[^ ]*/g, '')));
    expect(straight).toEqual([]);
  });

  it("names letters in the UN's own terms in each language", () => {
    const type = (language: string, t: 'UA' | 'AL' | 'OL') => voiceFor({ locale: language, zone: 'UTC' }).t('letter.type', { type: t });
    expect([type('en', 'AL'), type('en', 'UA')]).toEqual(['Allegation letter', 'Urgent appeal']);
    expect([type('fr', 'AL'), type('fr', 'UA')]).toEqual(['Lettre d’allégation', 'Appel urgent']);
    expect([type('es', 'AL'), type('es', 'UA')]).toEqual(['Carta de alegación', 'Llamamiento urgente']);
    expect(worded('en', 'nudge.countdown')).toContain('mandate holder');
    expect(worded('fr', 'nudge.countdown')).toContain('titulaire de mandat');
    expect(worded('es', 'nudge.countdown')).toContain('titular de mandato');
  });

  it('reads a directory locale as its language, and anything else as English', () => {
    expect(['fr', 'fr-CH', 'FR_ca', 'es-419', 'es', 'en-US', 'de-CH', undefined, ''].map(languageOf)).toEqual(['fr', 'fr', 'fr', 'es', 'es', 'en', 'en', 'en', 'en']);
  });

  it('names the moment in the reader\'s zone and language, with the zone named', () => {
    const at = new Date('2026-03-03T11:00:00Z');
    expect(voiceFor({ zone: 'Asia/Singapore' }).moment(at)).toBe('Tue 3 Mar 2026, 19:00 SGT');
    expect(voiceFor({ locale: 'fr', zone: 'Europe/Zurich' }).moment(at)).toBe('mar. 3 mars 2026, 12:00 CET');
    expect(voiceFor({ locale: 'es', zone: 'America/New_York' }).moment(at)).toBe('mar 3 mar 2026, 06:00 EST');
    expect(voiceFor({ locale: 'fr', zone: 'UTC' }).list(['A', 'B', 'C'])).toBe('A, B et C');
    expect(voiceFor({ locale: 'es', zone: 'UTC' }).list(['A', 'B', 'C'])).toBe('A, B y C');
  });

  it('keeps commands as parts each adapter writes, in every language', () => {
    for (const language of LANGUAGES) {
      const segments = voiceFor({ locale: language, zone: 'UTC' }).say({ key: 'action.not-sent', ref: 'PL-2026-0007' });
      expect(segments).toContainEqual({ command: { name: 'sent', args: ['PL-2026-0007'] } });
      expect(segments.filter((s) => 'text' in s).map((s) => ('text' in s ? s.text : '')).join('')).not.toMatch(/preletter/i);
    }
  });

  it('describes every command, so help and the Teams manifest come from one place', () => {
    for (const name of COMMAND_NAMES) {
      expect(ENGLISH.t('help.description', { name })).toMatch(/^[A-Z].*\.$/);
      expect(wordsOf({ key: 'help.command', name })).toContain(`/preletter ${name}`);
    }
  });

  it('words an unknown key as the calm internal-error sentence rather than failing', () => {
    expect(wordsOf({ key: 'no.such.key' })).toBe(wordsOf({ key: 'error.internal' }));
  });
});
