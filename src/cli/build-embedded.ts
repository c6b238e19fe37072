/**
 * `npm install` hook: build the embedded database ahead of `npm start`, so the
 * first start is fast. Never fails the install: without Go, it explains how to
 * use MONGODB_URI instead.
 */
import { createLogger } from '../logger';
import { buildEmbeddedServer } from '../store/embedded/launcher';

async function main(): Promise<void> {
  if (process.env.MONGODB_URI) return;
  const logger = createLogger('warn');
  try {
    const binary = await buildEmbeddedServer(logger);
    console.log(`PreLetter: embedded database ready (${binary}).`);
  } catch (err) {
    console.warn(`PreLetter: ${(err as Error).message}`);
  }
}

void main();
