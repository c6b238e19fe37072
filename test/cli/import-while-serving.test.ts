/**
 * `npm run directory -- import` while the bot serves on the embedded database, as the
 * README invites: the command is its own process, finds the bot's running server in
 * DATA_DIR instead of starting a second one on the same files, and the bot answers
 * throughout, seeing the new directory as soon as it is written.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SlackApiFake } from '../adapters/slack/support/slack-api-fake';
import { startBot, stopBot, type BotProcess } from '../faults/support/bot-process';
import { addDirectoryUsers, answersTo, command, slackTo } from '../faults/support/slack-talk';
import { builtEntry } from '../support/built';
import { TEST_DIRECTORY } from '../support/test-directory';


function runImport(file: string, dataDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const cli = builtEntry('src/cli/directory.ts', ['import', file]);
    const child = spawn(cli.command, cli.args, {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('a directory import while the bot serves on the embedded database', () => {
  let dataDir: string;
  let fake: SlackApiFake;
  let bot: BotProcess | undefined;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'preletter-import-serving-'));
    fake = await SlackApiFake.start();
    addDirectoryUsers(fake);
  });
  afterAll(async () => {
    if (bot) await stopBot(bot);
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('uses the bot\'s own server, keeps every answer sensible while it writes, and the bot knows the new people at once', async () => {
    bot = await startBot({ dataDir, slackApiUrl: fake.apiUrl });
    const send = slackTo(bot.port);
    await command(send, 'U0ANA', 'status', 'C0NORTH');
    const before = await fake.waitFor(() => answersTo(fake, 'U0ANA')[0], 'the answer before the import', 10_000);
    expect(before.text).toContain("I don't know your Slack account yet");

    const file = path.join(dataDir, 'directory.json');
    writeFileSync(file, JSON.stringify(TEST_DIRECTORY, null, 2));
    const importing = runImport(file, dataDir);
    let asked = 1;
    let done = false;
    void importing.then(() => (done = true));
    while (!done) {
      await command(send, 'U0ANA', 'status', 'C0NORTH');
      asked += 1;
      await new Promise((r) => setTimeout(r, 100));
    }
    const { code, output } = await importing;
    expect(code).toBe(0);
    expect(output).toMatch(/already running/i);

    await command(send, 'U0ANA', 'status', 'C0NORTH');
    asked += 1;
    const answers = await fake.waitFor(() => (answersTo(fake, 'U0ANA').length >= asked ? answersTo(fake, 'U0ANA') : undefined), 'every answer', 20_000);
    expect(answers).toHaveLength(asked);
    for (const answer of answers) expect(answer.text).toMatch(/I don't know your Slack account yet|There are no letters you can see yet/);
    expect(answers[answers.length - 1]!.text).toContain('There are no letters you can see yet');
    expect(await bot.get('/readyz')).toBe(200);
  }, 120_000);
});
