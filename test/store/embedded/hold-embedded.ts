/**
 * A PreLetter-like process for the shared-server tests, run as its own OS process:
 * `tsx hold-embedded.ts <dataDir>` connects to (or starts) the directory's embedded
 * server like the bot does, prints one JSON line, then answers commands on stdin
 * (`status`, `people`: the directory's people keys as this process reads them).
 * Closing its stdin stops it the way SIGTERM stops the bot.
 */
import { createInterface } from 'node:readline';
import { silentLogger } from '../../support/silent-logger';
import { openStore, type Store } from '../../../src/store';
import { connectOrStartEmbedded } from '../../../src/store/embedded/shared-server';

async function main(): Promise<void> {
  const server = await connectOrStartEmbedded({ dataDir: process.argv[2]!, logger: silentLogger });
  const status = () => ({ port: server.port, pid: server.pid, started: server.started });
  const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  let store: Store | undefined;
  say(status());
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    if (line === 'status') say(status());
    if (line === 'people') {
      void (async () => {
        store ??= await openStore({ uri: server.uri, logger: silentLogger });
        say({ people: (await store.directory.exportAll()).people.map((p) => p.key) });
      })();
    }
  });
  input.on('close', () => {
    void (async () => {
      await store?.close();
      await server.stop();
      process.exit(0);
    })();
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
