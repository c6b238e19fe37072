/**
 * Seeds a database the way years of use leave it: many finished letters (replied or
 * withdrawn) and a few open ones, each with its delivery history, so the benchmark
 * measures what a real deployment pays. Open letters and recently finished ones go
 * through the store (lists, agenda); the old history is written in bulk with the
 * driver, in exactly the shapes the store writes, and with ALL its delivery records
 * kept, as if retention had never pruned anything: the hot paths must not care. Flags
 * companies raised (one for every ten letters, a few never acknowledged) and calls for input
 * (one for every fifty letters, all past their deadline, a few missing an answer) are written
 * in bulk too, so the report reads them as it would in a real deployment.
 */
import mongoose from 'mongoose';
import { callDeadline, type CallForInput } from '../../src/domain/call';
import type { LocalDate } from '../../src/domain/calendar';
import type { Flag } from '../../src/domain/flag';
import { callDoc } from '../../src/store/call-model';
import type { Letter, Routing } from '../../src/domain/types';
import type { Store } from '../../src/store';
import { NORTHWIND_CHANNEL } from '../support/test-directory';

const DAY_MS = 86_400_000;
const BATCH = 500;

/** How many letters, and how many of them still open. */
export interface SeedPlan {
  letters: number;
  open: number;
}

const ROUTING: Routing = { owners: ['ana', 'wei'], backups: ['bea'], escalation: ['eli'], unrouted: false, matchedTopics: ['content-moderation'] };

function thread(ref: string) {
  const [, year, seq] = /^PL-(\d+)-(\d+)$/.exec(ref) ?? ['', '0', '0'];
  const ts = `${1_700_000_000 + Number(year) * 100_000 + Number(seq)}.000100`;
  return { platform: 'slack' as const, channel: NORTHWIND_CHANNEL, threadRef: `slack:T0TEST:C0NORTH:${ts}`, rootMessageRef: `slack:C0NORTH:${ts}` };
}

/** A letter previewed at `at`; finished ones were replied (most) or withdrawn, some weeks later. */
export function seedLetter(ref: string, at: Date, finished: boolean, index: number): Letter {
  const day = (n: number) => new Date(at.getTime() + n * DAY_MS);
  const base: Letter = {
    ref,
    type: index % 10 === 0 ? 'UA' : 'AL',
    urgent: index % 10 === 0,
    mandateKey: 'sr-expression',
    companyKey: 'northwind',
    topics: ['content-moderation'],
    summary: `Seeded letter ${ref}: a summary of a few sentences, as a preview carries. `.repeat(4),
    routing: ROUTING,
    channel: NORTHWIND_CHANNEL,
    previewed: { at, by: 'mara' },
    acknowledged: { at: day(1), by: 'ana' },
    formalSent: { at: day(3), by: 'mara' },
    threads: [thread(ref)],
    audit: [
      { at, by: 'mara', action: 'previewed', detail: 'AL' },
      { at, by: 'system', action: 'routed', detail: 'ana,wei' },
      { at, by: 'system', action: 'posted', detail: 'slack' },
      { at: day(1), by: 'ana', action: 'acknowledged' },
      { at: day(3), by: 'mara', action: 'formal-sent' },
    ],
  };
  if (!finished) return base;
  return index % 5 === 0
    ? { ...base, withdrawn: { at: day(20), by: 'mara' }, withdrawReason: 'Resolved', audit: [...base.audit, { at: day(20), by: 'mara', action: 'withdrawn' }] }
    : { ...base, replied: { at: day(40), by: 'mara' }, audit: [...base.audit, { at: day(40), by: 'mara', action: 'replied' }] };
}

/** The delivery records a letter like this leaves: its publication and the reminders of its 60 days. */
export function seedDeliveries(letter: Letter): Array<Record<string, unknown>> {
  const keys = [
    `${letter.ref}:post-root:1:channel`,
    `${letter.ref}:thread-intro:1:thread`,
    `${letter.ref}:owner-dm:1:ana`,
    `${letter.ref}:owner-dm:1:wei`,
    ...['30d', '14d', '7d', '3d', '1d'].flatMap((step) => [`${letter.ref}:countdown:${step}:ana`, `${letter.ref}:countdown:${step}:wei`, `${letter.ref}:countdown:${step}:thread`]),
  ];
  return keys.map((key) => {
    const [, kind, step, recipientKey] = key.split(':');
    const at = letter.previewed.at;
    return { _id: key, key, letterRef: letter.ref, kind, step, recipientKey, dueAt: at, status: 'sent', claimedBy: 'seed', leaseUntil: at, attempts: 1, sentAt: at };
  });
}

/** One flag for every ten letters; one in twenty of them never acknowledged, so a report finds some awaiting. */
export const FLAGS_PER_LETTER = 0.1;

/** A flag Northwind raised at `at` to the test directory's mandate, acknowledged the next day unless it is one of the open ones. */
export function seedFlag(index: number, at: Date): Flag {
  const ref = `FL-${2016 + Math.floor(index / 1000)}-${String((index % 1000) + 1).padStart(5, '0')}`;
  return {
    ref,
    companyKey: 'northwind',
    topics: ['content-moderation'],
    summary: `Seeded flag ${ref}: a summary of a few sentences, as a company writes it. `.repeat(3),
    urgent: index % 10 === 0,
    routing: { mandateKeys: ['sr-expression'], toAdmins: false, matchedTopics: ['content-moderation'] },
    channel: NORTHWIND_CHANNEL,
    raised: { at, by: 'ana' },
    ...(index % 20 === 19 ? {} : { acknowledged: { at: new Date(at.getTime() + DAY_MS), by: 'mara', mandateKey: 'sr-expression' } }),
    threads: [],
  };
}

/** One call for input for every fifty letters; one in ten of them never answered by Kestrel, so a report finds some missing an answer. */
export const CALLS_PER_LETTER = 0.02;

/**
 * A call sr-expression published at `at` to Northwind and Kestrel, due 30 days later: Northwind
 * says it will contribute the next day and submits after three weeks; Kestrel declines within a
 * week, or never answers one call in ten.
 */
export function seedCall(index: number, at: Date): CallForInput {
  const ref = `CI-${2016 + Math.floor(index / 1000)}-${String((index % 1000) + 1).padStart(5, '0')}`;
  const day = (n: number) => new Date(at.getTime() + n * DAY_MS);
  const history = [
    { companyKey: 'northwind', answer: 'contribute' as const, at: day(1), by: 'ana' },
    ...(index % 10 === 9 ? [] : [{ companyKey: 'kestrel', answer: 'declined' as const, at: day(1 + (index % 7)), by: 'kai' }]),
    { companyKey: 'northwind', answer: 'submitted' as const, at: day(21), by: 'ana' },
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const answers = Object.fromEntries(history.map((e) => [e.companyKey, { answer: e.answer, at: e.at, by: e.by }]));
  return {
    ref,
    mandateKey: 'sr-expression',
    title: `Seeded call ${ref}: consultation for a thematic report`,
    link: `https://example.org/calls/${ref}`,
    topics: ['content-moderation', 'surveillance'],
    deadline: callDeadline(day(30).toISOString().slice(0, 10) as LocalDate, 'Europe/Zurich'),
    published: { at, by: 'mara' },
    recipients: [
      { companyKey: 'northwind', owners: ['ana', 'wei'], matchedTopics: ['content-moderation'], channel: NORTHWIND_CHANNEL },
      { companyKey: 'kestrel', owners: ['kai'], matchedTopics: ['surveillance'] },
    ],
    answers,
    history,
  };
}

function letterDoc(l: Letter): Record<string, unknown> {
  return { _id: l.ref, ...JSON.parse(JSON.stringify(l), (_key, v) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? new Date(v) : v)) };
}

/**
 * Seeds `plan` into the store's database. Old finished letters (beyond the 30-day
 * history retention) are written in bulk without list or agenda entries, as pruning
 * leaves them; recent and open letters go through the store's own create.
 */
export async function seed(store: Store, uri: string, dbName: string, plan: SeedPlan, now: Date): Promise<void> {
  const raw = await mongoose.createConnection(uri, { dbName }).asPromise();
  try {
    const letters = raw.db!.collection('letters');
    const deliveries = raw.db!.collection('deliveries');
    const threads = raw.db!.collection('letter_threads');
    const finished = plan.letters - plan.open;
    const recent = Math.ceil(finished / 20);
    let pendingLetters: Record<string, unknown>[] = [];
    let pendingDeliveries: Record<string, unknown>[] = [];
    let pendingThreads: Record<string, unknown>[] = [];
    const flush = async () => {
      if (pendingLetters.length) await letters.insertMany(pendingLetters as never[], { ordered: false });
      if (pendingDeliveries.length) await deliveries.insertMany(pendingDeliveries as never[], { ordered: false });
      if (pendingThreads.length) await threads.insertMany(pendingThreads as never[], { ordered: false });
      pendingLetters = [];
      pendingDeliveries = [];
      pendingThreads = [];
    };
    for (let i = 0; i < plan.letters; i += 1) {
      const ref = `PL-${2016 + Math.floor(i / 1000)}-${String((i % 1000) + 1).padStart(5, '0')}`;
      const open = i >= finished;
      const old = !open && i < finished - recent;
      // Old letters are spread over the years before; recent and open ones over the last two months.
      // Recent ones were replied 5 days ago or withdrawn 25 days ago: still inside the 30-day retention.
      const at = old ? new Date(now.getTime() - (finished - i) * 0.2 * DAY_MS - 90 * DAY_MS) : new Date(now.getTime() - (open ? 10 : 45) * DAY_MS - (i % 24) * 3_600_000);
      const letter = seedLetter(ref, at, !open, i);
      if (old) {
        pendingLetters.push(letterDoc(letter));
        pendingDeliveries.push(...seedDeliveries(letter));
        pendingThreads.push({ _id: letter.threads[0]!.threadRef, letterRef: letter.ref });
        if (pendingLetters.length >= BATCH) await flush();
      } else {
        await flush();
        await store.letters.create(letter);
        await deliveries.insertMany(seedDeliveries(letter) as never[], { ordered: false });
      }
    }
    await flush();
    await seedFlags(raw.db!.collection('flags'), plan, now);
    await seedCalls(raw.db!.collection('calls'), plan, now);
  } finally {
    await raw.close();
  }
}

/** Flags spread over the same years as the letters, the newest raised ten days ago, written in bulk in the store's shape. */
async function seedFlags(flags: { insertMany(docs: never[], options: { ordered: boolean }): Promise<unknown> }, plan: SeedPlan, now: Date): Promise<void> {
  const count = Math.round(plan.letters * FLAGS_PER_LETTER);
  const docs = Array.from({ length: count }, (_, i) => {
    const flag = seedFlag(i, new Date(now.getTime() - (count - i) * 2 * DAY_MS - 10 * DAY_MS));
    return { _id: flag.ref, ...flag };
  });
  for (let i = 0; i < docs.length; i += BATCH) await flags.insertMany(docs.slice(i, i + BATCH) as never[], { ordered: false });
}

/** Calls spread over the same years, every ten days, the newest published 40 days ago (so none is open: the sweeps measured stay the letters'), in the store's shape. */
async function seedCalls(calls: { insertMany(docs: never[], options: { ordered: boolean }): Promise<unknown> }, plan: SeedPlan, now: Date): Promise<void> {
  const count = Math.round(plan.letters * CALLS_PER_LETTER);
  const docs = Array.from({ length: count }, (_, i) => callDoc(seedCall(i, new Date(now.getTime() - (count - i) * 10 * DAY_MS - 30 * DAY_MS))));
  for (let i = 0; i < docs.length; i += BATCH) await calls.insertMany(docs.slice(i, i + BATCH) as never[], { ordered: false });
}
