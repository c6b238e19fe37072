/**
 * A counting relay for the MongoDB wire protocol: it sits between a store and its
 * server, passes every byte through unchanged, and notes each command (its name and
 * collection, read from the OP_MSG body) and how long the server took to answer it.
 * The bench uses it to say how many database round trips one preview or one status
 * answer costs, and which of them write.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

const OP_MSG = 2013;

/** One command seen on the wire. */
export interface WireCommand {
  name: string;
  collection: string;
  ms: number;
}

/** Commands that change data (or may): the rest only read. */
export const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify', 'bulkWrite', 'createIndexes', 'drop', 'dropDatabase']);

/** The command name and its collection: the first element of the OP_MSG body document. */
function firstElement(message: Buffer): { name: string; collection: string } | undefined {
  if (message.readInt32LE(12) !== OP_MSG) return undefined;
  let at = 16 + 4; // header, flagBits
  if (message[at] !== 0) return undefined; // the body section comes first in what drivers send
  at += 1 + 4; // section kind, document length
  const type = message[at]!;
  at += 1;
  const nameEnd = message.indexOf(0, at);
  const name = message.toString('utf8', at, nameEnd);
  let collection = '';
  if (type === 0x02) {
    const length = message.readInt32LE(nameEnd + 1);
    collection = message.toString('utf8', nameEnd + 5, nameEnd + 4 + length);
  }
  return { name, collection };
}

/** Splits a byte stream into whole wire messages (each starts with its int32 length). */
function framer(onMessage: (message: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readInt32LE(0);
      if (pending.length < length) break;
      onMessage(pending.subarray(0, length));
      pending = pending.subarray(length);
    }
  };
}

/** The relay; point a store at `uri` and read `commands`. */
export class WireCounter {
  readonly commands: WireCommand[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Listens on a free port and relays to `target` (host:port of the real server). */
  static async start(targetPort: number): Promise<WireCounter> {
    let counter: WireCounter | undefined;
    const server = createServer((client) => counter!.relay(client, targetPort));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    counter = new WireCounter(server, (server.address() as AddressInfo).port);
    return counter;
  }

  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}/`;
  }

  /** Forgets what was counted so far. */
  reset(): void {
    this.commands.length = 0;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket, targetPort: number): void {
    const upstream = connect(targetPort, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    const inFlight = new Map<number, { name: string; collection: string; start: number }>();
    client.on(
      'data',
      framer((message) => {
        const first = firstElement(message);
        if (first) inFlight.set(message.readInt32LE(4), { ...first, start: performance.now() });
        upstream.write(message);
      }),
    );
    upstream.on(
      'data',
      framer((message) => {
        const asked = inFlight.get(message.readInt32LE(8));
        if (asked) {
          inFlight.delete(message.readInt32LE(8));
          // The driver's own heartbeats are not the store's work.
          if (!['hello', 'isMaster', 'ismaster', 'ping'].includes(asked.name)) this.commands.push({ name: asked.name, collection: asked.collection, ms: performance.now() - asked.start });
        }
        client.write(message);
      }),
    );
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  }
}
