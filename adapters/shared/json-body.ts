/**
 * Reading a JSON request body at the edge, before any other work: a size limit while
 * the bytes arrive (413), then a linear scan that bounds how deeply arrays and objects
 * nest (400) BEFORE JSON.parse builds anything, so a hostile body can neither exhaust
 * memory nor make later recursive code (copies, validation, the SDK) overflow the stack.
 */
import type { IncomingMessage } from 'node:http';
import { PreLetterError } from '../../src/domain/errors';

/** Why: 64 levels is far beyond any Bot Framework or Slack payload, and far below what recursion can survive. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/** Why: a body refused at the edge carries the HTTP status to answer with, as a PreLetterError. */
export function bodyRefusal(status: 400 | 413, problem: string): PreLetterError {
  return new PreLetterError('invalid-input', 'The request body was refused.', { httpStatus: status, problem });
}

/** Why: the HTTP status a refusal made by bodyRefusal carries (undefined for any other error). */
export function refusalStatus(err: unknown): 400 | 413 | undefined {
  const status = (err as PreLetterError | undefined)?.context?.httpStatus;
  return status === 400 || status === 413 ? status : undefined;
}

/**
 * Why: the deepest nesting of arrays and objects in JSON text, counted without parsing:
 * brackets inside strings (escapes included) do not count. Stops early once over `limit`.
 * UTF-8 continuation bytes are all >= 0x80, so a byte scan never mistakes them for brackets.
 */
export function jsonDepthExceeds(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i];
    if (inString) {
      if (b === BACKSLASH) i += 1;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
      depth += 1;
      if (depth > limit) return true;
    } else if (b === CLOSE_ARRAY || b === CLOSE_OBJECT) {
      depth -= 1;
    }
  }
  return false;
}

/** Why: the one way an adapter turns a request into parsed JSON: bounded size, bounded depth, then JSON.parse. */
export async function readJsonBody(req: IncomingMessage, options: { limitBytes: number; maxDepth?: number }): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > options.limitBytes) throw bodyRefusal(413, 'too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > options.limitBytes) throw bodyRefusal(413, 'too large');
    chunks.push(chunk as Buffer);
  }
  const bytes = Buffer.concat(chunks);
  if (jsonDepthExceeds(bytes, options.maxDepth ?? MAX_JSON_DEPTH)) throw bodyRefusal(400, 'nested too deeply');
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw bodyRefusal(400, 'not json');
  }
}
