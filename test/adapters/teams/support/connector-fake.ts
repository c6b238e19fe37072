/**
 * A local HTTP fake of the Bot Connector API (the Teams side of the Bot Framework).
 * Tests use it as every activity's `serviceUrl` and as the adapter's fallback; it
 * records every call (create conversation, send, reply, update, get member) and
 * answers like the connector, with fresh activity ids. It can be told to answer a
 * call with 429 (Retry-After), 5xx or 403, a given number of times.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The connector operations the adapter uses. */
export type ConnectorOperation = 'create' | 'send' | 'reply' | 'update' | 'member';

/** One call the fake received, with what it answered. */
export interface ConnectorCall {
  operation: ConnectorOperation | 'unknown';
  method: string;
  path: string;
  /** Decoded conversation id from the path (for create: the new conversation). */
  conversationId: string;
  /** The activity addressed by the path (update), or created by the call (create, send, reply). */
  activityId?: string;
  /** Reply: the activity replied to. */
  replyToId?: string;
  /** Member look-up: whose. */
  memberId?: string;
  body: any;
  authorization?: string;
  status: number;
  ok: boolean;
  result: any;
}

/** How a call should fail: a status, optionally with Retry-After seconds. */
export interface ConnectorFailure {
  status: number;
  retryAfter?: number;
}

/** A Teams user the fake knows, for GET members and 1:1 chats. */
export interface FakeMember {
  aadObjectId: string;
  name: string;
  /** The member's own tenant, as the roster gives it (an external member of a shared channel has another). */
  tenantId?: string;
}

const BASE_ID = 1772524800000; // 2026-03-03T08:00:00Z in ms, like Teams' message ids

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The fake connector; start() listens on 127.0.0.1 on a free port. */
export class ConnectorFake {
  readonly calls: ConnectorCall[] = [];
  readonly members = new Map<string, FakeMember>();
  private readonly failures = new Map<ConnectorOperation, ConnectorFailure[]>();
  private readonly delays = new Map<ConnectorOperation, number>();
  /** 1:1 conversation id → the member it is with. */
  private readonly personal = new Map<string, string>();
  private seq = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<ConnectorFake> {
    let fake: ConnectorFake | undefined;
    const server = createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new ConnectorFake(server, (server.address() as AddressInfo).port);
    return fake;
  }

  /** The serviceUrl activities carry, as Teams writes it (trailing slash). */
  get serviceUrl(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** Why: a person in the roster; `tenantId` is their own organisation's when it is not the channel's. */
  addMember(aadObjectId: string, name: string, tenantId?: string): void {
    this.members.set(aadObjectId, { aadObjectId, name, ...(tenantId ? { tenantId } : {}) });
  }

  /** The 1:1 conversation id the fake gives for a user (stable, like Teams). */
  personalChatOf(userId: string): string {
    return `a:1personal-${userId}`;
  }

  /** The user a 1:1 conversation is with, or undefined for channels and unknown ids. */
  memberOfChat(conversationId: string): string | undefined {
    return this.personal.get(conversationId);
  }

  /** Make the next `times` calls of an operation fail this way. */
  failNext(operation: ConnectorOperation, failure: ConnectorFailure, times = 1): void {
    const queue = this.failures.get(operation) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(failure);
    this.failures.set(operation, queue);
  }

  /** Make the next call of an operation answer only after `ms` (a slow connector). */
  slowNext(operation: ConnectorOperation, ms: number): void {
    this.delays.set(operation, ms);
  }

  /** Successful calls of one operation, in order. */
  of(operation: ConnectorOperation): ConnectorCall[] {
    return this.calls.filter((c) => c.operation === operation && c.ok);
  }

  /** Polls the recorded calls until `predicate` holds (bounded: no fixed sleeps in tests). */
  async waitFor<T>(predicate: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) {
        const seen = this.calls.map((c) => `${c.operation}${c.ok ? '' : `(${c.status})`}`).join(', ');
        throw new Error(`timed out waiting for ${what}; calls so far: ${seen}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Forget recorded calls (members, chats and pending failures stay). */
  clear(): void {
    this.calls.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextId(): string {
    this.seq += 1;
    return String(BASE_ID + this.seq);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const method = req.method ?? 'GET';
    const path = (req.url ?? '').split('?')[0]!;
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    let body: any;
    try {
      body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const route = this.route(method, parts);
    const call: ConnectorCall = {
      operation: route.operation,
      method,
      path,
      conversationId: route.conversationId,
      ...(route.operation === 'update' ? { activityId: route.pathId } : {}),
      ...(route.operation === 'reply' ? { replyToId: route.pathId } : {}),
      ...(route.operation === 'member' ? { memberId: route.pathId } : {}),
      body,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      status: 200,
      ok: true,
      result: undefined,
    };
    this.calls.push(call);
    const delay = route.operation === 'unknown' ? undefined : this.delays.get(route.operation);
    if (delay !== undefined) {
      this.delays.delete(route.operation as ConnectorOperation);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    const failure = route.operation === 'unknown' ? undefined : this.failures.get(route.operation)?.shift();
    if (failure || route.operation === 'unknown') {
      call.status = failure?.status ?? 404;
      call.ok = false;
      call.result = { error: { code: failure ? 'Failed' : 'NotFound', message: 'The fake connector refused this call.' } };
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure?.retryAfter !== undefined) headers['retry-after'] = String(failure.retryAfter);
      res.writeHead(call.status, headers).end(JSON.stringify(call.result));
      return;
    }
    const answer = this.answer(call);
    call.status = answer.status;
    call.ok = answer.status < 300;
    call.result = answer.body;
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer.body));
  }

  private route(method: string, parts: string[]): { operation: ConnectorOperation | 'unknown'; conversationId: string; pathId?: string } {
    if (parts[0] !== 'v3' || parts[1] !== 'conversations') return { operation: 'unknown', conversationId: '' };
    const [, , conversationId = '', collection, id] = parts;
    if (method === 'POST' && parts.length === 2) return { operation: 'create', conversationId: '' };
    if (method === 'POST' && collection === 'activities' && parts.length === 4) return { operation: 'send', conversationId };
    if (method === 'POST' && collection === 'activities' && parts.length === 5) return { operation: 'reply', conversationId, pathId: id! };
    if (method === 'PUT' && collection === 'activities' && parts.length === 5) return { operation: 'update', conversationId, pathId: id! };
    if (method === 'GET' && collection === 'members' && parts.length === 5) return { operation: 'member', conversationId, pathId: id! };
    return { operation: 'unknown', conversationId };
  }

  private answer(call: ConnectorCall): { status: number; body: unknown } {
    switch (call.operation) {
      case 'create': {
        const params = call.body ?? {};
        const channel: string | undefined = params.channelData?.channel?.id;
        if (params.isGroup && channel) {
          const activityId = this.nextId();
          call.conversationId = `${channel};messageid=${activityId}`;
          call.activityId = activityId;
          return { status: 201, body: { id: call.conversationId, activityId } };
        }
        const member: string | undefined = params.members?.[0]?.id;
        if (!member || params.members.length !== 1) return { status: 400, body: { error: { code: 'BadSyntax', message: 'one member expected' } } };
        call.conversationId = this.personalChatOf(member);
        this.personal.set(call.conversationId, member);
        return { status: 201, body: { id: call.conversationId } };
      }
      case 'send':
      case 'reply':
        call.activityId = this.nextId();
        return { status: 201, body: { id: call.activityId } };
      case 'update':
        return { status: 200, body: { id: call.activityId } };
      case 'member': {
        const member = this.members.get(call.memberId!);
        if (!member) return { status: 404, body: { error: { code: 'MemberNotFoundInConversation', message: 'not found' } } };
        return {
          status: 200,
          body: { id: `29:${member.aadObjectId}`, name: member.name, aadObjectId: member.aadObjectId, userPrincipalName: `${member.aadObjectId}@example.org`, ...(member.tenantId ? { tenantId: member.tenantId } : {}) },
        };
      }
      default:
        return { status: 404, body: {} };
    }
  }
}
