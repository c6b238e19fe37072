/**
 * The directory CLI, run in-process against a real store on a throwaway database:
 * what admins see, and that a bad file or a dry run never writes anything.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_DIRECTORY_PATH, loadDemoDirectory, serializeDirectory } from '../../src/cli/directory-file';
import { configuredDeps, runDirectoryCli, type CliDeps } from '../../src/cli/directory';
import { databaseNameFrom } from '../../src/store';
import { PreLetterError } from '../../src/domain/errors';
import type { Store } from '../../src/store';
import { closeTestStore, openTestStore, testServerUri, uniqueDbName } from '../support/db';

const fixture = (name: string) => path.join(__dirname, '../fixtures/directory', name);

interface Run {
  code: number;
  out: string[];
  err: string[];
}

let store: Store;
let workDir: string;

function depsFor(target: Store): CliDeps {
  return { openDirectory: async () => ({ directory: target.directory, close: async () => undefined }) };
}

async function cli(argv: string[], target: Store = store): Promise<Run> {
  const run: Run = { code: -1, out: [], err: [] };
  const io = { out: (line: string) => run.out.push(line), err: (line: string) => run.err.push(line) };
  run.code = await runDirectoryCli(argv, io, depsFor(target));
  return run;
}

/** The stored directory as canonical text, to compare whole databases exactly. */
async function snapshot(target: Store = store): Promise<string> {
  return serializeDirectory(await target.directory.exportAll(), 'json');
}

beforeEach(async () => {
  store = await openTestStore();
  workDir = mkdtempSync(path.join(tmpdir(), 'preletter-cli-'));
});

afterEach(async () => {
  await closeTestStore(store);
  rmSync(workDir, { recursive: true, force: true });
});

describe('npm run directory -- import', () => {
  it('writes the whole file and says how much it imported', async () => {
    const run = await cli(['import', DEMO_DIRECTORY_PATH]);
    expect(run).toMatchObject({ code: 0, out: ['Imported 34 people, 6 mandates, 4 companies.'], err: [] });
    expect(await snapshot()).toBe(serializeDirectory(loadDemoDirectory(), 'json'));
    const company = await store.directory.findCompanyByChannel({ platform: 'slack', workspaceId: 'T0DEMO0001', channelId: 'C0LUMEN000' });
    expect(company?.key).toBe('lumen-messaging');
  });

  it('with --dry-run validates and reports, but writes nothing', async () => {
    const run = await cli(['import', DEMO_DIRECTORY_PATH, '--dry-run']);
    expect(run).toMatchObject({ code: 0, out: ['Would import 34 people, 6 mandates, 4 companies. Nothing was written (dry run).'] });
    expect(await store.directory.isEmpty()).toBe(true);
  });

  it('lists every problem of an invalid file, writes nothing, and exits 1', async () => {
    await cli(['import', DEMO_DIRECTORY_PATH]);
    const before = await snapshot();
    const run = await cli(['import', fixture('several-problems.yaml')]);
    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err).toHaveLength(8);
    expect(run.err[5]).toBe(
      `${fixture('several-problems.yaml')}:32:29 companies[0].routes[0].owners[1]: unknown person "ana-ruiz" — add them under people or fix the key`,
    );
    expect(run.err.at(-1)).toBe('Nothing was written: fix the 7 problems above and run the import again.');
    expect(await snapshot()).toBe(before);
  });

  it('refuses to bind a channel that a stored company already owns, so letters cannot leak', async () => {
    await cli(['import', DEMO_DIRECTORY_PATH]);
    const file = path.join(workDir, 'newcomer.yaml');
    writeFileSync(
      file,
      [
        'companies:',
        '  - key: newcomer',
        '    name: Newcomer Apps',
        '    channels: [{ platform: slack, workspaceId: T0DEMO0001, channelId: C0NORTHWND }]',
        '    routes: [{ topics: [cloud], owners: [ines-quillfeather] }]',
      ].join('\n'),
    );
    const run = await cli(['import', file]);
    expect(run.code).toBe(1);
    expect(run.err[0]).toContain('already belongs to company "northwind-social" (in the database)');
    expect(await store.directory.getCompany('newcomer')).toBeNull();
  });

  it('explains a missing file in one line and exits 1', async () => {
    const run = await cli(['import', path.join(workDir, 'nope.yaml')]);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      `${path.join(workDir, 'nope.yaml')}: this file does not exist — check the path`,
      'Nothing was written: fix the 1 problem above and run the import again.',
    ]);
  });
});

describe('npm run directory -- export', () => {
  it.each(['yaml', 'json'] as const)('round-trips through import as %s, giving the same directory', async (format) => {
    await cli(['import', DEMO_DIRECTORY_PATH]);
    const exported = await cli(['export', '--format', format]);
    expect(exported.code).toBe(0);
    expect(exported.err).toEqual(['Exported 34 people, 6 mandates, 4 companies.']);
    const file = path.join(workDir, `directory.${format}`);
    writeFileSync(file, `${exported.out.join('\n')}\n`);

    const other = await openTestStore();
    try {
      expect(await cli(['import', file], other)).toMatchObject({ code: 0 });
      expect(await snapshot(other)).toBe(await snapshot());
      expect(await other.directory.exportAll()).toEqual(await store.directory.exportAll());
    } finally {
      await closeTestStore(other);
    }
  });

  it('prints YAML by default', async () => {
    await cli(['import', fixture('small.json')]);
    const run = await cli(['export']);
    expect(run.out.join('\n')).toMatch(/^# PreLetter routing directory[\s\S]*\npeople:\n {2}- key: ana-lindqvist\n/);
  });
});

describe('usage', () => {
  it.each([
    [[], 'Please say what to do: import or export.'],
    [['frobnicate'], 'Sorry, "frobnicate" is not a directory command.'],
    [['import'], 'Please tell me which file to import.'],
    [['import', 'a.yaml', 'b.yaml'], 'Please import one file at a time.'],
    [['import', 'a.yaml', '--force'], 'Sorry, import does not know the option --force.'],
    [['export', '--format', 'xml'], 'Please choose --format yaml or --format json.'],
  ])('answers %j with a polite sentence and the usage, exit 2', async (argv, sentence) => {
    const run = await cli(argv);
    expect(run.code).toBe(2);
    expect(run.err[0]).toBe(`${sentence} Please use one of the commands below.`);
    expect(run.err).toContain('  npm run directory -- import <file.yaml|file.json> [--dry-run]');
    expect(await store.directory.isEmpty()).toBe(true);
  });

  it('says plainly when the database cannot be reached, and exits 1', async () => {
    const deps: CliDeps = {
      openDirectory: () => Promise.reject(new PreLetterError('unavailable', 'The database did not answer.')),
    };
    const err: string[] = [];
    const code = await runDirectoryCli(['export'], { out: () => undefined, err: (l) => err.push(l) }, deps);
    expect(code).toBe(1);
    expect(err).toEqual(['The directory command could not finish, and nothing more was written: The database did not answer.']);
  });
});

describe('npm run directory uses the configuration of the bot', () => {
  async function runConfigured(argv: string[], env: NodeJS.ProcessEnv): Promise<Run> {
    const run: Run = { code: -1, out: [], err: [] };
    const io = { out: (line: string) => run.out.push(line), err: (line: string) => run.err.push(line) };
    run.code = await runDirectoryCli(argv, io, configuredDeps(io, env, workDir));
    return run;
  }

  it('keeps the embedded database in DATA_DIR (resolved from the current directory), and stops it afterwards', async () => {
    const run = await runConfigured(['import', fixture('small.json')], { DATA_DIR: 'db' });
    const dataDir = path.join(workDir, 'db');
    expect(run).toEqual({
      code: 0,
      out: ['Imported 2 people, 1 mandate, 1 company.'],
      err: [expect.stringMatching(new RegExp(`^Using the embedded database in ${dataDir} \\(started for this command, port \\d+;`))],
    });
    expect(readdirSync(dataDir).length).toBeGreaterThan(0);
    expect(existsSync(path.join(dataDir, 'embedded-server.json'))).toBe(false);
    const again = await runConfigured(['export', '--format', 'json'], { DATA_DIR: 'db' });
    expect(again.err.at(-1)).toBe('Exported 2 people, 1 mandate, 1 company.');
  }, 120_000);

  it('writes to the database MONGODB_URI names and starts nothing', async () => {
    const dbName = uniqueDbName('cli');
    const uri = testServerUri().replace(/^(mongodb(?:\+srv)?:\/\/[^/?#]*)\/?[^?#]*/i, `$1/${dbName}`);
    expect(databaseNameFrom(uri)).toBe(dbName); // never touch a database this test did not name
    const run = await runConfigured(['import', fixture('small.json')], { MONGODB_URI: uri, DATA_DIR: 'db' });
    expect(run).toEqual({ code: 0, out: ['Imported 2 people, 1 mandate, 1 company.'], err: [] });
    expect(existsSync(path.join(workDir, 'db'))).toBe(false);
    const target = await openTestStore(dbName);
    try {
      expect((await target.directory.exportAll()).people.map((p) => p.key)).toEqual(['ana-lindqvist', 'bo-tanaka']);
    } finally {
      await closeTestStore(target);
    }
  });

  it('reports a bad setting as the bot would, naming the variable, and writes nothing', async () => {
    const run = await runConfigured(['import', fixture('small.json')], { MONGODB_URI: 'postgres://nope', DATA_DIR: 'db' });
    expect(run.code).toBe(1);
    expect(run.err.join('\n')).toContain('MONGODB_URI: expected a MongoDB connection string starting with mongodb:// or mongodb+srv://');
    expect(existsSync(path.join(workDir, 'db'))).toBe(false);
  });
});

describe('databaseNameFrom', () => {
  it.each([
    ['mongodb://127.0.0.1:27017/preletter-prod', 'preletter-prod'],
    ['mongodb+srv://user:p%40ss@cluster0.example.net/letters?retryWrites=true', 'letters'],
    ['mongodb://127.0.0.1:27017/', 'preletter'],
    ['mongodb://a:1,b:2/?replicaSet=rs0', 'preletter'],
    ['mongodb://127.0.0.1:27017', 'preletter'],
  ])('reads %s as the database %s, so the CLI and the bot use the same one', (uri, name) => {
    expect(databaseNameFrom(uri)).toBe(name);
  });
});
