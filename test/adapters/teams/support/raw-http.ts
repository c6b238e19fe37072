/**
 * HTTP requests fetch() cannot make: any Host header, and connections that reach the real
 * host as if from another machine. A relay accepts local connections and hands each
 * socket to the host's own server with the remote address a test chooses, so the request
 * still goes through node:http parsing, the real route and botbuilder's CloudAdapter.
 */
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { HttpHost } from '../../../../src/http';
import type { TeamsReply } from './teams-activities';

/** Why: POSTs a JSON body with exactly the headers given (Host included) to 127.0.0.1:port. */
export function rawPost(port: number, path: string, body: string, headers: Record<string, string>): Promise<TeamsReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), connection: 'close', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text, json: () => JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A relay in front of the host whose connections look as if they came from `remoteAddress` (undefined: a Unix socket). */
export interface Relay {
  port: number;
  close(): Promise<void>;
}

/** Why: makes the host see a connection from another address without needing another machine. */
export async function relayFrom(host: HttpHost, remoteAddress: string | undefined): Promise<Relay> {
  const server: Server = createServer((socket) => {
    Object.defineProperty(socket, 'remoteAddress', { value: remoteAddress, configurable: true });
    host.server.emit('connection', socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
