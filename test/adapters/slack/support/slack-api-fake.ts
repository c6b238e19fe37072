/**
 * A local HTTP fake of the Slack Web API: it records every call (method from the
 * path, arguments parsed from the form or JSON body) and answers like Slack. Tests
 * point SLACK_API_URL at it and can make a method answer 429 with Retry-After, or
 * `{ ok: false, error }`, or a bare HTTP status, a given number of times, and can hold a
 * call unanswered (holdNext), and can accept one bot token only (requireToken). Response
 * URLs (the fallback for private replies) are served too and recorded as method `response_url`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the fake received, with the status it answered. */
export interface RecordedApiCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  status: number;
  ok: boolean;
  /** What the fake answered (for chat.postMessage: the new message's channel and ts). */
  result: Record<string, unknown>;
}

/** How a method should fail next: a 429 with Retry-After, a Slack platform error, or an HTTP status (a 500: nothing done). */
export type ApiFailure = { rateLimitedFor: number } | { error: string } | { httpStatus: number };

/**
 * How holdNext keeps a call unanswered. `after-posting`: Slack did the work (the call is
 * recorded, a message is in the channel's history) but its answer waits. `before-recording`:
 * the request waits before Slack looks at it; if its caller is gone by the time it is
 * released, it is dropped (never recorded, never posted), as a request that never arrived.
 */
export interface HoldOptions {
  stage: 'after-posting' | 'before-recording';
  /** Only a call whose arguments match is held (default: the method's next call). */
  match?: (args: Record<string, unknown>) => boolean;
  /** Release by itself as soon as the caller gives up (closes its connection): an answer nobody hears. */
  releaseWhenCallerGone?: boolean;
}

/**
 * A call holdNext is keeping: `arrived` resolves with its arguments (after posting: once recorded),
 * `callerGone` when its caller closed the connection; release() lets it go on (answered after posting;
 * handled as usual before recording, or dropped if its caller is gone).
 */
export interface HeldCall {
  readonly arrived: Promise<Record<string, unknown>>;
  readonly callerGone: Promise<void>;
  release(): void;
}

type Hold = HoldOptions & { method: string; callerLeft: boolean; released: Promise<void> } & {
  release(): void;
  gone(): void;
  arrive(args: Record<string, unknown>): void;
};

/** A Slack user the fake knows for users.info. */
export interface FakeUser {
  id: string;
  name: string;
  realName: string;
  displayName: string;
}

const BASE_TS = 1772524800; // 2026-03-03T08:00:00Z, the harness clock's start
const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata']);

function parseArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The fake server; start() listens on 127.0.0.1 on a free port. */
export class SlackApiFake {
  readonly calls: RecordedApiCall[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly botUserId = 'U0BOT';
  private readonly failures = new Map<string, ApiFailure[]>();
  private readonly delays = new Map<string, number>();
  private readonly holds: Hold[] = [];
  /** Messages posted per channel (what conversations.history answers), newest last. */
  private readonly history = new Map<string, Array<Record<string, unknown>>>();
  private seq = 0;
  private viewSeq = 0;
  /** When set, the one bot token the Web API accepts; any other is answered invalid_auth, as Slack does. */
  private acceptedToken: string | undefined;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly wallClockTs: boolean,
  ) {}

  /**
   * `wallClockTs`: message timestamps follow the real clock (for a bot process on real time,
   * whose findRoot reads history from its preview's time on); by default they start at the
   * harness clock's start.
   */
  static async start(options: { wallClockTs?: boolean } = {}): Promise<SlackApiFake> {
    let fake: SlackApiFake | undefined;
    const server = createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new SlackApiFake(server, (server.address() as AddressInfo).port, options.wallClockTs ?? false);
    return fake;
  }

  /** SLACK_API_URL for this fake. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A response_url Slack would put in a command or interaction payload. */
  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  /** The permalink chat.getPermalink answers for a message. */
  permalink(channel: string, ts: string): string {
    return `https://preletter-test.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
  }

  /** The DM channel conversations.open gives for a user. */
  dmOf(userId: string): string {
    return `D${userId.slice(1)}`;
  }

  addUser(id: string, realName: string, displayName = realName.split(' ')[0]!): void {
    this.users.set(id, { id, name: realName.toLowerCase().replace(/\s+/g, '.'), realName, displayName });
  }

  /** Accept only this bot token from now on: a call with any other is answered `{ ok: false, error: 'invalid_auth' }`. */
  requireToken(token: string): void {
    this.acceptedToken = token;
  }

  /** Make the next `times` calls of a method fail this way. */
  failNext(method: string, failure: ApiFailure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(failure);
    this.failures.set(method, queue);
  }

  /** Make the next call of a method answer only after `ms` (a slow Slack, for shutdown tests). */
  slowNext(method: string, ms: number): void {
    this.delays.set(method, ms);
  }

  /** Keep the next call of a method (that matches) unanswered until released; see HoldOptions. */
  holdNext(method: string, options: HoldOptions): HeldCall {
    let arrive!: (args: Record<string, unknown>) => void;
    let gone!: () => void;
    let release!: () => void;
    const arrived = new Promise<Record<string, unknown>>((resolve) => (arrive = resolve));
    const callerGone = new Promise<void>((resolve) => (gone = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    this.holds.push({ ...options, method, callerLeft: false, arrive, gone, released, release });
    return { arrived, callerGone, release };
  }

  /** The top-level messages of a channel as conversations.history holds them, oldest first (metadata included). */
  historyOf(channel: string): Array<Record<string, unknown>> {
    return [...(this.history.get(channel) ?? [])];
  }

  /** Successful calls of one method, in order. */
  of(method: string): RecordedApiCall[] {
    return this.calls.filter((c) => c.method === method && c.ok);
  }

  /** Every successful call that put something in front of people. */
  posts(): RecordedApiCall[] {
    return this.calls.filter((c) => c.ok && ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'response_url', 'views.publish', 'views.open'].includes(c.method));
  }

  /** Polls the recorded calls until `predicate` holds (bounded: no fixed sleeps in tests). */
  async waitFor<T>(predicate: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}; calls so far: ${this.calls.map((c) => `${c.method}${c.ok ? '' : `(${c.status})`}`).join(', ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Forget recorded calls (users and pending failures stay). */
  clear(): void {
    this.calls.length = 0;
  }

  async close(): Promise<void> {
    for (const hold of this.holds.splice(0)) hold.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextTs(): string {
    this.seq += 1;
    const seconds = this.wallClockTs ? Math.floor(Date.now() / 1000) : BASE_TS + this.seq;
    return `${seconds}.${String(this.seq).padStart(6, '0')}`;
  }

  /** The hold waiting for this call, taken off the list; with it, the connection's end is watched. */
  private takeHold(method: string, args: Record<string, unknown>, res: ServerResponse): Hold | undefined {
    const index = this.holds.findIndex((h) => h.method === method && (h.match?.(args) ?? true));
    if (index < 0) return undefined;
    const [hold] = this.holds.splice(index, 1);
    res.on('close', () => {
      if (res.writableEnded) return;
      hold!.callerLeft = true;
      hold!.gone();
      if (hold!.releaseWhenCallerGone) hold!.release();
    });
    return hold;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '').split('?')[0]!;
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    let args: Record<string, unknown>;
    try {
      args = parseArgs(raw, req.headers['content-type']);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const method = path.startsWith('/response/') ? 'response_url' : path.replace(/^\/api\//, '');
    const delay = this.delays.get(method);
    if (delay !== undefined) {
      this.delays.delete(method);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    const hold = this.takeHold(method, args, res);
    if (hold?.stage === 'before-recording') {
      hold.arrive(args);
      await hold.released;
      if (hold.callerLeft) return; // the caller is gone: the request never reached Slack
    }
    if (this.acceptedToken !== undefined && method !== 'response_url' && token !== this.acceptedToken) {
      const refused = { ok: false, error: 'invalid_auth' };
      this.calls.push({ method, args, token, status: 200, ok: false, result: refused });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(refused));
      return;
    }
    const failure = this.failures.get(method)?.shift();
    if (failure && 'httpStatus' in failure) {
      this.calls.push({ method, args, token, status: failure.httpStatus, ok: false, result: {} });
      res.writeHead(failure.httpStatus, { 'content-type': 'text/plain' }).end('Internal Server Error');
      return;
    }
    if (failure && 'rateLimitedFor' in failure) {
      this.calls.push({ method, args, token, status: 429, ok: false, result: { ok: false, error: 'ratelimited' } });
      res.writeHead(429, { 'retry-after': String(failure.rateLimitedFor), 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const body = failure ? { ok: false, error: failure.error } : this.answer(method, args);
    // Slack's response URLs answer an expired or used-up URL with 404; the Web API always with 200.
    const status = failure && method === 'response_url' ? 404 : 200;
    this.calls.push({ method, args, token, status, ok: body.ok === true, result: body });
    if (hold?.stage === 'after-posting') {
      hold.arrive(args);
      await hold.released;
      if (hold.callerLeft) return; // the answer nobody hears
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const channel = args.channel as string | undefined;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://preletter-test.slack.com/', team: 'Test', user: 'preletter', team_id: 'T0TEST', user_id: this.botUserId, bot_id: 'B0BOT' };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        const message = { type: 'message', text: args.text, ts, bot_id: 'B0BOT', user: this.botUserId, ...(args.metadata ? { metadata: args.metadata } : {}) };
        if (!args.thread_ts && channel) this.history.set(channel, [...(this.history.get(channel) ?? []), message]);
        return { ok: true, channel, ts, message };
      }
      case 'conversations.history': {
        // Newest first, from `oldest` on; metadata only with include_all_metadata, as Slack does.
        const oldest = Number(args.oldest ?? 0);
        const withMetadata = String(args.include_all_metadata) === 'true';
        const messages = [...(this.history.get(String(channel)) ?? [])]
          .filter((m) => Number(m.ts) >= oldest)
          .reverse()
          .map((m) => (withMetadata ? m : Object.fromEntries(Object.entries(m).filter(([k]) => k !== 'metadata'))));
        return { ok: true, messages, has_more: false };
      }
      case 'chat.update':
        return { ok: true, channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'conversations.open':
        return { ok: true, channel: { id: this.dmOf(String(args.users)) } };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id: user.id, name: user.name, real_name: user.realName, profile: { display_name: user.displayName, real_name: user.realName } } };
      }
      case 'chat.getPermalink':
        return { ok: true, channel, permalink: this.permalink(String(channel), String(args.message_ts)) };
      case 'views.open':
      case 'views.publish':
        this.viewSeq += 1;
        return { ok: true, view: { ...(args.view as object), id: `V0VIEW${this.viewSeq}`, hash: `${BASE_TS}.${this.viewSeq}` } };
      case 'response_url':
        return { ok: true };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}
