/**
 * Every kind of card PreLetter shows, in every language (messages/format.ts LANGUAGES), built
 * through the real views (src/bot/views) from one fictional letter in each lifecycle state,
 * plus the preview form options both platforms render. The card-rules tests render each of
 * these through the Slack and Teams adapters and validate the result; this is the ONE place
 * that calls the views, so a change of view signature changes only this file.
 *
 * Each card also comes "longer": every text 1.5× as long with accented letters (French and
 * Spanish run 15–30% longer than English), and one letter filled to the directory's limits,
 * so the renderers' clipping is exercised, not only the happy lengths.
 */
import { helpCard } from '../../../src/bot/views/help-card';
import { letterCard } from '../../../src/bot/views/letter-card';
import { voiceFor, type Voice } from '../../../src/bot/messages/catalogue';
import { LANGUAGES, type Language } from '../../../src/bot/messages/format';
import { errorCard, noticeCard } from '../../../src/bot/views/notice-card';
import { nudgeCard, type NudgeView } from '../../../src/bot/views/nudge-card';
import { previewDirectCard, threadIntroSegments, unroutedAlertCard } from '../../../src/bot/views/preview-cards';
import { timelineCard } from '../../../src/bot/views/timeline-card';
import type { LetterContext } from '../../../src/bot/letter-context';
import type { NeutralCard, Segment } from '../../../src/bot/ports';
import type { PreviewFormOptions } from '../../../src/bot/preview-letter';
import { DEFAULT_POLICY } from '../../../src/domain/policy';
import type { Company, Letter, Mandate, Person } from '../../../src/domain/types';
import { bindingCard } from '../../../adapters/teams/install-listener';
import { day, sampleLetter } from '../sample-letter';
import { fullReportCard } from './sample-report-card';

/** One card to validate: what it is (used in test names) and the neutral card itself. */
export interface SampleCard {
  kind: string;
  card: NeutralCard;
}

/** A sample card with the language it is worded in. */
export interface WordedSampleCard extends SampleCard {
  language: Language;
}

/** The reader the samples are worded for, in one language (for adapter views that take a voice too, such as the App Home). */
export function sampleVoice(language: Language): Voice {
  return voiceFor({ locale: language, zone: 'Asia/Singapore' });
}

const DAY_MS = 86_400_000;
const later = (from: Date, days: number): Date => new Date(from.getTime() + days * DAY_MS);

/** Teams AAD object ids and Slack user ids, so mentions render as real mentions on both platforms. */
function person(key: string, name: string, slack: string, teams: string): Person {
  return {
    key,
    name,
    email: `${key}@example.org`,
    identities: [
      { platform: 'slack', workspaceId: 'T0SAMPLE1', userId: slack },
      { platform: 'teams', workspaceId: '72f988bf-86f1-41af-91ab-2d7cd011db47', userId: teams },
    ],
    admin: false,
  };
}

const PEOPLE: Person[] = [
  person('alice', 'Alice Martin', 'U0ALICE01', 'a11ce000-0000-4000-8000-000000000001'),
  person('bob', 'Bob Okafor', 'U0BOB0001', 'b0b00000-0000-4000-8000-000000000002'),
  person('carol', 'Carol Nguyen', 'U0CAROL01', 'ca201000-0000-4000-8000-000000000003'),
  person('dave', 'Dave Jansen', 'U0DAVE001', 'da7e0000-0000-4000-8000-000000000004'),
];

const MANDATE: Mandate = {
  key: 'sr-privacy',
  title: 'Special Rapporteur on the right to privacy',
  timeZone: 'Europe/Zurich',
  team: ['alice'],
  topics: ['privacy', 'surveillance'],
};

const COMPANY: Company = {
  key: 'acme',
  name: 'Acme Cloud',
  aliases: [],
  channels: [{ platform: 'slack', workspaceId: 'T0SAMPLE1', channelId: 'C0SAMPLE1' }],
  defaultContacts: ['bob'],
  escalationContacts: ['dave'],
  urgentLine: [],
  routes: [{ topics: ['privacy'], owners: ['bob'], backups: ['carol'] }],
};

const THREAD_URL = 'https://acme.slack.com/archives/C0SAMPLE1/p1772355600000100';
const threadLink = (v: Voice) => ({ url: THREAD_URL, label: v.t('button.open-thread') });

function context(letter: Letter, overrides: { mandate?: Mandate; company?: Company; people?: Person[] } = {}): LetterContext {
  return {
    letter,
    mandate: overrides.mandate ?? MANDATE,
    company: overrides.company ?? COMPANY,
    people: new Map((overrides.people ?? PEOPLE).map((p) => [p.key, p])),
  };
}

/** The fictional letter in each state, with the moment it is looked at. */
function lifecycle(): Array<{ state: string; ctx: LetterContext; now: Date }> {
  const sent = { at: day(5), by: 'alice' };
  return [
    { state: 'awaiting acknowledgement', ctx: context(sampleLetter('AL-2026-001')), now: day(2) },
    { state: 'acknowledged', ctx: context(sampleLetter('AL-2026-002', { acknowledged: { at: day(2), by: 'bob' } })), now: day(3) },
    {
      state: 'awaiting the reply',
      ctx: context(sampleLetter('AL-2026-003', { acknowledged: { at: day(2), by: 'bob' }, formalSent: sent, officialSymbol: 'AL OTH 12/2026' })),
      now: day(10),
    },
    { state: 'overdue', ctx: context(sampleLetter('AL-2026-004', { acknowledged: { at: day(2), by: 'bob' }, formalSent: sent })), now: later(day(5), 75) },
    {
      state: 'replied',
      ctx: context(sampleLetter('AL-2026-005', { acknowledged: { at: day(2), by: 'bob' }, formalSent: sent, replied: { at: day(20), by: 'alice' } })),
      now: day(21),
    },
    { state: 'withdrawn', ctx: context(sampleLetter('AL-2026-006', { withdrawn: { at: day(3), by: 'alice' }, withdrawReason: 'Resolved informally.' })), now: day(4) },
    {
      state: 'unrouted',
      ctx: context(sampleLetter('AL-2026-007', { routing: { owners: [], backups: [], escalation: [], unrouted: true, matchedTopics: [] } })),
      now: day(2),
    },
    { state: 'urgent appeal', ctx: context(sampleLetter('UA-2026-008', { type: 'UA', urgent: true })), now: day(1) },
  ];
}

const mentionOf = (key: string, platform: 'slack' | 'teams'): Segment => {
  const p = PEOPLE.find((x) => x.key === key)!;
  return { mention: p.identities.find((i) => i.platform === platform)!, name: p.name };
};

function nudges(v: Voice): SampleCard[] {
  const waiting = context(sampleLetter('AL-2026-010'));
  const replyDue = context(sampleLetter('AL-2026-011', { acknowledged: { at: day(2), by: 'bob' }, formalSent: { at: day(5), by: 'alice' } }));
  const reminded = [{ name: 'Bob Okafor', at: day(3) }];
  const view = (kind: NudgeView['kind'], now: Date, extra: Partial<NudgeView> = {}): NudgeView => ({ kind, step: '1', voice: v, now, reminded: [], ...extra });
  return [
    { kind: 'nudge: acknowledgement reminder', card: nudgeCard(waiting, DEFAULT_POLICY, view('ack-reminder', day(3))) },
    { kind: 'nudge: escalation to backups', card: nudgeCard(waiting, DEFAULT_POLICY, view('ack-escalation-backups', day(4), { reminded })) },
    { kind: 'nudge: escalation to the executive contact', card: nudgeCard(waiting, DEFAULT_POLICY, view('ack-escalation-executive', day(8), { reminded })) },
    { kind: 'nudge: countdown', card: nudgeCard(replyDue, DEFAULT_POLICY, view('countdown', later(day(5), 53))) },
    { kind: 'nudge: due day', card: nudgeCard(replyDue, DEFAULT_POLICY, view('due-day', later(day(5), 60))) },
    { kind: 'nudge: overdue', card: nudgeCard(replyDue, DEFAULT_POLICY, view('overdue', later(day(5), 70))) },
    {
      kind: 'nudge: thread reminder mentioning people (Slack ids)',
      card: nudgeCard(waiting, DEFAULT_POLICY, view('ack-reminder', day(3), { mentions: [mentionOf('bob', 'slack'), { text: ' and ' }, mentionOf('carol', 'slack')] })),
    },
    {
      kind: 'nudge: thread reminder mentioning people (Teams ids)',
      card: nudgeCard(waiting, DEFAULT_POLICY, view('ack-reminder', day(3), { mentions: [mentionOf('bob', 'teams'), { text: ' and ' }, mentionOf('carol', 'teams')] })),
    },
  ];
}

/** The cards as one reader sees them (their language; moments in the voice's zone). */
function baseCards(v: Voice): SampleCard[] {
  const cards: SampleCard[] = [];
  for (const { state, ctx, now } of lifecycle()) {
    cards.push({ kind: `letter card: ${state}`, card: letterCard(ctx, DEFAULT_POLICY, now, v) });
    cards.push({ kind: `timeline: ${state}`, card: timelineCard(ctx, DEFAULT_POLICY, now, v, true) });
  }
  const fresh = lifecycle()[0]!;
  cards.push(
    { kind: 'letter card with a thread link', card: { ...letterCard(fresh.ctx, DEFAULT_POLICY, fresh.now, v), threadLink: threadLink(v) } },
    { kind: 'preview direct message to an owner', card: { ...previewDirectCard(fresh.ctx, DEFAULT_POLICY, fresh.now, v), threadLink: threadLink(v) } },
    { kind: 'timeline without the summary', card: timelineCard(fresh.ctx, DEFAULT_POLICY, fresh.now, v, false) },
    { kind: 'unrouted alert to admins', card: unroutedAlertCard(lifecycle()[6]!.ctx, v) },
    { kind: 'thread intro mentioning owners (Slack ids)', card: noticeCard('Routing', threadIntroSegments(fresh.ctx, 'slack', v)) },
    { kind: 'thread intro mentioning owners (Teams ids)', card: noticeCard('Routing', threadIntroSegments(fresh.ctx, 'teams', v)) },
    { kind: 'thread intro for an unrouted letter', card: noticeCard('Routing', threadIntroSegments(lifecycle()[6]!.ctx, 'slack', v)) },
    ...nudges(v),
    { kind: 'help', card: helpCard(v) },
    // The shapes previewLetter answers with (preview-letter.ts picks the entries; these are the same card shapes).
    {
      kind: 'preview confirmation: opened',
      card: noticeCard(v.t('preview.opened-title', { ref: 'AL-2026-001' }), [[{ text: v.t('preview.open', { ref: 'AL-2026-001', names: ['Bob Okafor'] }) }], [{ text: v.t('preview.dm-later', { names: ['Bob Okafor'] }) }]], 'warning'),
    },
    { kind: 'preview confirmation: saved, not yet posted', card: noticeCard(v.t('preview.saved-title', { ref: 'AL-2026-001' }), v.t('preview.not-confirmed', { ref: 'AL-2026-001' }), 'warning') },
    { kind: 'status: nothing to show', card: noticeCard(v.t('help.title'), [v.t('status.none')]) },
    { kind: 'error', card: errorCard(v, v.say({ key: 'error.unavailable' })) },
    {
      kind: 'install card (Teams team install)',
      card: bindingCard({
        dedupeId: 'install-1',
        tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        teamId: '19:team@thread.tacv2',
        channel: { platform: 'teams', workspaceId: '72f988bf-86f1-41af-91ab-2d7cd011db47', channelId: '19:general@thread.tacv2' },
      }),
    },
  );
  return cards;
}

/** A text 1.5× as long, with accented letters, as a French or Spanish translation runs. */
function longer(text: string): string {
  if (text.trim() === '') return text;
  const extra = text.slice(0, Math.ceil(text.length / 2)).replace(/e/g, 'é').replace(/a/g, 'á').replace(/n/g, 'ñ');
  return `${text} ${extra}`;
}

function lengthened(card: NeutralCard): NeutralCard {
  return {
    ...card,
    title: longer(card.title),
    body: card.body.map((p) => p.map((s) => ('text' in s ? { text: longer(s.text) } : s))),
    fields: card.fields.map((f) => ({ label: longer(f.label), value: longer(f.value) })),
    buttons: card.buttons.map((b) => ({
      ...b,
      label: longer(b.label),
      ...(b.confirm ? { confirm: { title: longer(b.confirm.title), text: longer(b.confirm.text), confirm: longer(b.confirm.confirm), deny: longer(b.confirm.deny) } } : {}),
    })),
    ...(card.footer ? { footer: longer(card.footer) } : {}),
  };
}

/** Text of exactly `n` characters, accented, so lengths are at a limit and not merely near it. */
const filled = (n: number, word = 'Protección de datos y privacidad ') => word.repeat(Math.ceil(n / word.length)).slice(0, n);

/** A letter at the directory's limits (src/cli/directory-schema.ts): 200-char names, 300-char titles, 1500-char summary. */
function atTheLimits(v: Voice): SampleCard[] {
  const names = PEOPLE.map((p) => ({ ...p, name: filled(200, `${p.name} `) }));
  const mandate = { ...MANDATE, title: filled(300, 'Rapporteuse spéciale sur le droit à la vie privée ') };
  const company = { ...COMPANY, name: filled(200, 'Compañía Acmé ') };
  const letter = sampleLetter('AL-2026-099', {
    summary: filled(1500),
    topics: Array.from({ length: 10 }, (_, i) => filled(150, `Sujet ${i} `)),
    routing: { owners: ['bob', 'carol', 'dave'], backups: ['carol'], escalation: ['dave'], unrouted: false, matchedTopics: [] },
  });
  const ctx = context(letter, { mandate, company, people: names });
  const card = letterCard(ctx, DEFAULT_POLICY, day(2), v);
  return [
    { kind: 'letter card at the directory limits', card: { ...card, threadLink: threadLink(v) } },
    { kind: 'letter card at the directory limits, 1.5× longer labels', card: lengthened(card) },
    { kind: 'thread intro at the directory limits (Teams ids)', card: noticeCard('Routing', threadIntroSegments(ctx, 'teams', v)) },
    { kind: 'thread intro at the directory limits (Slack ids)', card: noticeCard('Routing', threadIntroSegments(ctx, 'slack', v)) },
    {
      kind: 'report with more rows than a card shows, names at the directory limits',
      card: fullReportCard(v, { company: (key) => filled(200, `Compañía ${key} `), mandate: (key) => filled(300, `Rapporteuse spéciale ${key} `) }),
    },
  ];
}

/** Every card kind in every language: as worded, with 1.5× longer texts, and at the directory's limits. Kinds are prefixed `[fr]`. */
export function sampleNeutralCards(): WordedSampleCard[] {
  return LANGUAGES.flatMap((language) => {
    const v = sampleVoice(language);
    const base = baseCards(v);
    return [...base, ...base.map(({ kind, card }) => ({ kind: `${kind} (texts 1.5× longer)`, card: lengthened(card) })), ...atTheLimits(v)].map((c) => ({
      kind: `[${language}] ${c.kind}`,
      card: c.card,
      language,
    }));
  });
}

/** What the preview form offers, from the smallest case to the directory's limits. */
export function samplePreviewFormOptions(): Array<{ kind: string; options: PreviewFormOptions }> {
  return [
    { kind: 'one mandate, two topics', options: { company: { key: 'acme', name: 'Acme Cloud' }, mandates: [{ key: 'sr-privacy', title: MANDATE.title }], topics: ['privacy', 'surveillance'] } },
    {
      kind: 'several mandates (mandate choice shown)',
      options: {
        company: { key: 'acme', name: 'Acme Cloud' },
        mandates: [
          { key: 'sr-privacy', title: MANDATE.title },
          { key: 'sr-expression', title: 'Special Rapporteur on the promotion and protection of the right to freedom of opinion and expression' },
        ],
        topics: ['privacy', 'surveillance', 'content moderation'],
      },
    },
    {
      kind: 'directory limits: 300-character mandate titles, 100 topics of 150 characters, 200-character company name',
      options: {
        company: { key: 'acme', name: filled(200, 'Compañía Acmé ') },
        mandates: Array.from({ length: 3 }, (_, i) => ({ key: `mandate-${i}`, title: filled(300, `Rapporteuse spéciale ${i} sur la vie privée `) })),
        topics: Array.from({ length: 100 }, (_, i) => filled(150, `Tema ${i} protección de datos `)),
      },
    },
  ];
}
