/**
 * `npm run report`: the record as CSV, JSON and a self-contained HTML page, and one letter's
 * timeline as JSON, read from the real database with a fixed "now"; misuse is answered in a
 * sentence before the database is opened; and the built command runs as an operator runs it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { csvField } from '../../src/cli/report-formats';
import { runReportCli, type ReportDeps } from '../../src/cli/report';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import type { Store } from '../../src/store';
import { builtEntry } from '../support/built';
import { closeTestStore, openTestStore, testServerUri, uniqueDbName } from '../support/db';
import { NOW, SECRET, seedReportStore } from '../support/report-fixtures';

function recordingIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (text: string) => out.push(text), err: (line: string) => err.push(line) }, out, err };
}

describe('npm run report', () => {
  const dbName = uniqueDbName('report');
  let store!: Store;
  let opened = 0;
  const deps: ReportDeps = {
    openStore: async () => {
      opened += 1;
      return { directory: store.directory, letters: store.letters, flags: store.flags, calls: store.calls, policy: DEFAULT_POLICY, close: async () => undefined };
    },
    now: () => NOW,
  };
  const run = async (argv: string[]) => {
    const recorded = recordingIo();
    const code = await runReportCli(argv, recorded.io, deps);
    return { code, out: recorded.out.join(''), err: recorded.err };
  };
  const QUARTER = ['--from', '2026-01-01', '--to', '2026-03-31'];

  beforeAll(async () => {
    store = await openTestStore(dbName);
    await seedReportStore(store);
  });
  afterAll(() => closeTestStore(store));

  it('writes CSV: a header, the total, then a row per company and per mandate with every figure, the flags after the letters and the calls after the flags', async () => {
    const { code, out, err } = await run(['--format', 'csv', ...QUARTER]);
    expect(code).toBe(0);
    expect(out.split('\r\n')).toEqual([
      'dimension,key,name,letters_previewed,withdrawn,acknowledged,median_days_to_acknowledge,replies_due,replied_in_time,share_replied_in_time,replied,median_days_to_reply,overdue_now,overdue_refs,' +
        'flags_raised,flags_acknowledged,median_days_to_acknowledge_flag,flags_acknowledgement_due,flags_acknowledged_in_time,share_flags_acknowledged_in_time,flags_awaiting_now,flags_awaiting_refs,' +
        'calls_published,calls_companies_asked,calls_answered,median_days_to_answer_call,calls_answer_due,calls_answered_in_time,share_calls_answered_in_time,calls_will_contribute,calls_submitted,calls_declined,calls_unanswered_now,calls_unanswered_refs',
      'total,,,3,0,2,1.5,2,1,0.5,1,30,1,PL-2026-0002,3,2,7.5,3,1,0.333,2,FL-2025-0007 FL-2026-0003,2,5,3,2,4,2,0.5,0,2,1,2,CI-2025-0004 CI-2026-0001',
      'company,initech,"Initech <b>""&"" Co</b>",1,0,1,2,0,0,,0,,0,,1,0,,1,0,0,1,FL-2026-0003,1,1,0,,1,0,0,0,0,0,1,CI-2026-0001',
      'company,kestrel,Kestrel Cloud,1,0,0,,1,0,0,0,,1,PL-2026-0002,1,1,14,1,0,0,0,,2,2,1,36,1,0,0,0,0,1,1,CI-2025-0004',
      'company,northwind,Northwind Social,1,0,1,1,1,1,1,1,30,0,,1,1,1,1,1,1,1,FL-2025-0007,2,2,2,1.5,2,2,1,0,2,0,0,',
      'mandate,sr-expression,Special Rapporteur on freedom of opinion and expression,3,0,2,1.5,2,1,0.5,1,30,1,PL-2026-0002,2,2,7.5,2,1,0.5,1,FL-2025-0007,2,5,3,2,4,2,0.5,0,2,1,2,CI-2025-0004 CI-2026-0001',
      '',
    ]);
    expect(err).toEqual([
      'Report from 2026-01-01 to 2026-03-31 (days from midnight in Europe/Zurich): 3 letters previewed, 1 overdue now; 3 flags raised, 2 awaiting acknowledgement now; 2 calls for input published, 2 unanswered now.',
    ]);
  });

  it('quotes CSV fields as RFC 4180 says, and defuses a name a spreadsheet would run as a formula', () => {
    expect([csvField('plain'), csvField('a,b'), csvField('say "hi"'), csvField('two\nlines'), csvField(null), csvField(0.5)]).toEqual(['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '', '0.5']);
    expect([csvField('=HYPERLINK("x")'), csvField('+1'), csvField('@sum'), csvField('-2')]).toEqual(['"\'=HYPERLINK(""x"")"', "'+1", "'@sum", "'-2"]);
  });

  it('writes JSON: the period as days and instants, when it was made, the flag clocks’ mark, and the same figures of letters, flags and calls by company and mandate', async () => {
    const { code, out } = await run(['--format', 'json', ...QUARTER]);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.period).toEqual({ first: '2026-01-01', last: '2026-03-31', timeZone: 'Europe/Zurich', from: '2025-12-31T23:00:00.000Z', to: '2026-03-31T22:00:00.000Z' });
    expect(doc).toMatchObject({ madeAt: NOW.toISOString(), responseWindowDays: 60, flagEscalation: { businessDays: 5, urgentHours: 8 } });
    expect(doc.total.letters).toEqual({
      previewed: 3,
      withdrawn: 0,
      acknowledged: 2,
      medianDaysToAcknowledge: 1.5,
      replyDue: 2,
      repliedInTime: 1,
      inTimeShare: 0.5,
      replied: 1,
      medianDaysToReply: 30,
      overdueNow: ['PL-2026-0002'],
    });
    expect(doc.total.flags).toEqual({
      raised: 3,
      acknowledged: 2,
      medianDaysToAcknowledge: 7.5,
      acknowledgementDue: 3,
      acknowledgedInTime: 1,
      inTimeShare: 0.333,
      awaitingNow: ['FL-2025-0007', 'FL-2026-0003'],
    });
    expect(doc.total.calls).toEqual({
      published: 2,
      companiesAsked: 5,
      answered: 3,
      answerDue: 4,
      answeredInTime: 2,
      inTimeShare: 0.5,
      willContribute: 0,
      submitted: 2,
      declined: 1,
      medianDaysToAnswer: 2,
      unansweredNow: ['CI-2025-0004', 'CI-2026-0001'],
    });
    expect(doc.companies.find((c: { key: string }) => c.key === 'initech').flags).toMatchObject({ raised: 1, acknowledgementDue: 1, acknowledgedInTime: 0, awaitingNow: ['FL-2026-0003'] });
    expect(doc.companies.find((c: { key: string }) => c.key === 'kestrel').calls).toMatchObject({ published: 2, companiesAsked: 2, answered: 1, declined: 1, answeredInTime: 0, unansweredNow: ['CI-2025-0004'] });
    expect(doc.companies.map((c: { key: string; name: string }) => [c.key, c.name])).toEqual([
      ['initech', 'Initech <b>"&" Co</b>'],
      ['kestrel', 'Kestrel Cloud'],
      ['northwind', 'Northwind Social'],
    ]);
    expect(doc.mandates).toEqual([expect.objectContaining({ key: 'sr-expression', name: 'Special Rapporteur on freedom of opinion and expression' })]);
    expect(doc.mandates[0].flags).toMatchObject({ raised: 2, acknowledgedInTime: 1, inTimeShare: 0.5, awaitingNow: ['FL-2025-0007'] });
    expect(doc.mandates[0].calls).toMatchObject({ published: 2, companiesAsked: 5, inTimeShare: 0.5, unansweredNow: ['CI-2025-0004', 'CI-2026-0001'] });
    expect(out).not.toContain(SECRET);
  });

  it('writes a self-contained HTML page to --out, every name escaped, in the language asked for, never a letter text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'preletter-report-'));
    try {
      const file = path.join(dir, 'report.html');
      const { code, out, err } = await run(['--format', 'html', ...QUARTER, '--out', file]);
      expect([code, out]).toEqual([0, '']);
      expect(err[1]).toMatch(new RegExp(`^Wrote ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ bytes\\)\\.$`));
      const html = readFileSync(file, 'utf8');
      expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(html).toContain('<h1>Letters, flags and calls for input, Thu 1 Jan 2026 to Tue 31 Mar 2026</h1>');
      expect(html).toContain('Initech &#60;b&#62;&#34;&#38;&#34; Co&#60;/b&#62;');
      expect(html).not.toContain('<b>');
      expect(html).toContain('PL-2026-0002');
      expect(html).toContain('<span class="ref">FL-2026-0003</span>');
      expect(html).toContain('<span class="ref">CI-2025-0004</span>');
      expect(html).toContain('<h3>Calls for input by mandate</h3>');
      expect(html).not.toContain(SECRET);
      // Nothing fetched from anywhere: no script, link, image, import or URL of any kind.
      expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|href=|url\(|@import|https?:/i);
      const french = await run(['--format', 'html', ...QUARTER, '--lang', 'fr']);
      expect(french.out).toContain('<h1>Lettres, signalements et appels à contributions, du jeu. 1 janv. 2026 au mar. 31 mars 2026</h1>');
      expect(french.out).toContain('Signalements par mandat');
      expect(french.out).toContain('Appels à contributions par entreprise');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports the twelve months up to today when no days are given', async () => {
    const { code, err } = await run(['--format', 'csv']);
    expect(code).toBe(0);
    expect(err).toEqual([
      'Report from 2025-04-03 to 2026-04-02 (days from midnight in Europe/Zurich): 4 letters previewed, 1 overdue now; 4 flags raised, 2 awaiting acknowledgement now; 4 calls for input published, 2 unanswered now.',
    ]);
  });

  it("exports one letter's whole timeline as JSON for the archive: facts and audit trail with names, the deadline, no text", async () => {
    const { code, out } = await run(['--timeline', 'pl-2026-0001']);
    expect(code).toBe(0);
    const timeline = JSON.parse(out);
    expect(timeline).toMatchObject({
      ref: 'PL-2026-0001',
      mandate: { key: 'sr-expression', title: 'Special Rapporteur on freedom of opinion and expression', timeZone: 'Europe/Zurich' },
      company: { key: 'northwind', name: 'Northwind Social' },
      routing: { owners: ['ana'], backups: ['bea'], escalation: [], unrouted: false },
      facts: {
        previewed: { at: '2026-01-05T09:00:00.000Z', by: 'mara', name: 'Mara Quell' },
        acknowledged: { at: '2026-01-06T09:00:00.000Z', by: 'ana', name: 'Ana Ruiz' },
        formalSent: { at: '2026-01-10T10:00:00.000Z', by: 'tom', name: 'Tom Arlen' },
        replied: { at: '2026-02-09T10:00:00.000Z', by: 'mara', name: 'Mara Quell' },
      },
      replyDeadline: '2026-03-11T22:59:59.999Z',
      repliedInTime: true,
      status: 'replied',
      exportedAt: NOW.toISOString(),
    });
    expect(timeline.audit.map((e: { action: string; name: string }) => `${e.action} by ${e.name}`)).toEqual([
      'previewed by Mara Quell',
      'acknowledged by Ana Ruiz',
      'formal-sent by Tom Arlen',
      'replied by Mara Quell',
    ]);
    expect(timeline).not.toHaveProperty('summary');
    expect(out).not.toContain(SECRET);
    const overdue = JSON.parse((await run(['--timeline', 'PL-2026-0002'])).out);
    expect(overdue).toMatchObject({ status: 'overdue', replyDeadline: '2026-03-22T22:59:59.999Z' });
    expect(overdue).not.toHaveProperty('repliedInTime');
  });

  it('says so when the letter does not exist, and writes nothing', async () => {
    expect(await run(['--timeline', 'PL-2026-0999'])).toEqual({ code: 1, out: '', err: ['There is no letter PL-2026-0999 in this database; nothing was written.'] });
  });

  it.each([
    [[], 'Please choose --format csv, --format json or --format html (or --timeline REF).'],
    [['--format', 'pdf'], 'Please choose --format csv, --format json or --format html.'],
    [['--format'], 'Please give --format a value.'],
    [['--format', 'csv', '--from', '2026-02-30'], '--from must be a day written YYYY-MM-DD, such as 2026-03-31.'],
    [['--format', 'csv', '--to', '31/03/2026'], '--to must be a day written YYYY-MM-DD, such as 2026-03-31.'],
    [['--format', 'csv', '--from', '2026-03-01', '--to', '2026-01-01'], '--from (2026-03-01) is after --to (2026-01-01): the period would be empty.'],
    [['--timeline', 'PL-2026-0001', '--format', 'csv'], '--timeline exports one letter as JSON: leave out --format, --from and --to.'],
    [['--timeline', '7'], '--timeline takes a letter reference, such as PL-2026-0007.'],
    [['--format', 'html', '--lang', 'de'], 'Please choose --lang en, --lang fr or --lang es.'],
    [['--format', 'csv', 'quarterly'], 'Sorry, report does not take quarterly.'],
    [['--since', '2026-01-01'], 'Sorry, report does not know the option --since.'],
  ])('refuses %j with a sentence and the usage, without opening the database', async (argv, sentence) => {
    const before = opened;
    const { code, out, err } = await run(argv);
    expect({ code, out, first: err[0] }).toEqual({ code: 2, out: '', first: sentence });
    expect(err).toContain('Usage:');
    expect(opened).toBe(before);
  });

  it('runs as an operator runs it, on the database MONGODB_URI names, writing the CSV to stdout', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'preletter-report-cli-'));
    try {
      const url = new URL(testServerUri());
      url.pathname = `/${dbName}`;
      const cli = builtEntry('src/cli/report.ts', ['--format', 'csv', ...QUARTER]);
      const { stdout, stderr } = await promisify(execFile)(cli.command, cli.args, { cwd, env: { PATH: process.env.PATH, MONGODB_URI: url.toString() } });
      const lines = stdout.split('\r\n');
      expect(lines[1]).toMatch(/^total,,,3,0,2,1\.5,2,1,0\.5,1,30,1,PL-2026-0002,3,2,7\.5,3,1,0\.333,2,FL-2025-0007 FL-2026-0003,2,5,3,2,\d+,2,[\d.]+,0,2,1,\d+,[A-Z0-9 -]*$/);
      expect(lines).toHaveLength(7);
      expect(stderr.trim()).toMatch(
        /^Report from 2026-01-01 to 2026-03-31 \(days from midnight in Europe\/Zurich\): 3 letters previewed, \d+ overdue now; 3 flags raised, \d+ awaiting acknowledgement now; 2 calls for input published, \d+ unanswered now\.$/,
      );
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
