import { Writable } from 'node:stream';
import mongoose from 'mongoose';
import { withoutStoredValues } from '../src/store/db-errors';
import { cardForError } from '../src/bot/error-sink';
import { ENGLISH } from '../src/bot/messages/catalogue';
import { PreLetterError } from '../src/domain/errors';
import { chooseLogFormat, createLogger, errorDetails } from '../src/logger';

function capture(): { stream: Writable; lines: () => string[]; records: () => Array<Record<string, any>> } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  const lines = () => out.trim().split('\n');
  return { stream, lines, records: () => lines().map((l) => JSON.parse(l) as Record<string, any>) };
}

/** A real mongoose ValidationError for a letter whose summary is too long, as the store lets it out (withoutStoredValues). */
function summaryValidationError(summary: string): Error {
  const schema = new mongoose.Schema({ summary: { type: String, maxlength: 10 }, ref: String });
  const Letter = mongoose.models.LoggerTestLetter ?? mongoose.model('LoggerTestLetter', schema);
  const err = new Letter({ summary, ref: 'PL-2026-0001' }).validateSync();
  if (!err) throw new Error('expected the summary to fail validation');
  return withoutStoredValues(err);
}

describe('logger', () => {
  it('redacts letter text, tokens and secrets wherever they appear in the context', () => {
    const { stream, lines } = capture();
    const logger = createLogger('info', stream).child({ component: 'test' });
    logger.info(
      { ref: 'PL-2026-0001', summary: 'confidential words', token: 'xoxb-123', nested: { secret: 's3cret', text: 'typed text' } },
      'letter previewed',
    );
    const line = lines()[0]!;
    expect(JSON.parse(line)).toMatchObject({ msg: 'letter previewed', ref: 'PL-2026-0001', component: 'test' });
    expect(line).not.toMatch(/confidential words|xoxb-123|s3cret|typed text/);
  });

  it('censors a key six levels deep and inside an array of objects, whatever its letter case', () => {
    const { stream, records, lines } = capture();
    createLogger('info', stream).info(
      {
        a: { b: { c: { d: { e: { token: 'deep-token' } } } } },
        turns: [{ id: 1, summary: 'letter words' }, { id: 2, headers: { Authorization: 'Bearer abc' } }],
        Secret: 'upper-case',
        MONGODB_URI: 'mongodb://user:pw@host/db',
      },
      'deep context',
    );
    expect(lines()[0]).not.toMatch(/deep-token|letter words|Bearer abc|upper-case|user:pw/);
    const record = records()[0]!;
    expect(record.a.b.c.d.e.token).toBe('[redacted]');
    expect(record.turns).toEqual([{ id: 1, summary: '[redacted]' }, { id: 2, headers: { Authorization: '[redacted]' } }]);
    expect(record.Secret).toBe('[redacted]');
  });

  it('redacts child bindings too, and leaves the caller’s context object untouched', () => {
    const { stream, lines, records } = capture();
    const context = { ref: 'PL-2026-0002', request: { body: 'typed text' } };
    createLogger('info', stream).child({ session: { Token: 'xapp-1' } }).info(context, 'turn');
    expect(lines()[0]).not.toMatch(/xapp-1|typed text/);
    expect(records()[0]).toMatchObject({ ref: 'PL-2026-0002', session: { Token: '[redacted]' }, request: { body: '[redacted]' } });
    expect(context.request.body).toBe('typed text');
  });

  it('survives circular contexts without repeating what it redacted', () => {
    const { stream, lines } = capture();
    const context: Record<string, unknown> = { token: 'xoxb-circular', id: 7 };
    context.self = context;
    createLogger('info', stream).info(context, 'circular');
    expect(lines()[0]).not.toContain('xoxb-circular');
    expect(JSON.parse(lines()[0]!)).toMatchObject({ id: 7, self: '[circular]' });
  });
});

describe('LOG_FORMAT', () => {
  it('writes readable lines on a terminal or when asked, and JSON otherwise or when pino-pretty is not installed', () => {
    // asked, stdout is a terminal, pino-pretty installed → chosen
    expect(chooseLogFormat('auto', true, true)).toBe('pretty');
    expect(chooseLogFormat('auto', false, true)).toBe('json');
    expect(chooseLogFormat('json', true, true)).toBe('json');
    expect(chooseLogFormat('pretty', false, true)).toBe('pretty');
    expect(chooseLogFormat('pretty', true, false)).toBe('json');
    expect(chooseLogFormat('auto', true, false)).toBe('json');
  });

  it('writes JSON lines under auto when the output is not a terminal (a pipe, a file, a log collector)', () => {
    const { stream, records } = capture();
    createLogger('info', stream, 'auto').info({ ref: 'PL-2026-0001' }, 'letter previewed');
    expect(records()[0]).toMatchObject({ level: 30, msg: 'letter previewed', ref: 'PL-2026-0001', app: 'preletter' });
  });

  it('writes readable lines under pretty, still redacted, with an error’s message and stack', () => {
    const { stream, lines } = capture();
    const logger = createLogger('info', stream, 'pretty').child({ component: 'test' });
    logger.info({ ref: 'PL-2026-0001', summary: 'confidential words', nested: { token: 'xoxb-pretty' } }, 'letter previewed');
    logger.error({ ...errorDetails(new RangeError('Invalid time value in planDeliveries')) }, 'sweep failed');
    const text = lines().join('\n');
    expect(lines()[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: letter previewed$/);
    expect(text).toContain('ref: "PL-2026-0001"');
    expect(text).toContain('component: "test"');
    expect(text).toContain('summary: "[redacted]"');
    expect(text).not.toMatch(/confidential words|xoxb-pretty/);
    expect(text).toMatch(/ERROR: sweep failed/);
    expect(text).toContain('"message": "Invalid time value in planDeliveries"');
    expect(text).toMatch(/\n\s+at .*logger\.test\.ts/);
    expect(lines().some((l) => l.startsWith('{'))).toBe(false);
    expect(text).not.toMatch(/\u001b\[/); // no colours when the output is not a terminal
  });
});

describe('errorDetails', () => {
  it('keeps the name, code, message and stack of an unexpected error', () => {
    const err = Object.assign(new Error('socket hang up while posting'), { code: 'ECONNRESET' });
    const { error } = errorDetails(err);
    expect(error).toMatchObject({ name: 'Error', code: 'ECONNRESET', message: 'socket hang up while posting' });
    expect(error.stack).toMatch(/^at .*logger\.test\.ts/);
  });

  it('caps a long message, so a stray payload cannot flood the log', () => {
    const { error } = errorDetails(new TypeError('x'.repeat(100_000)));
    expect(error.message.length).toBeLessThan(600);
    expect(error.message).toContain('more characters]');
  });

  it('names only the field and the rule of a mongoose validation or cast error as the store lets it out, never the stored value', () => {
    const validation = errorDetails(summaryValidationError('Confidential allegation about Northwind'));
    expect(validation.error).toMatchObject({ name: 'ValidationError', message: 'validation failed: summary (maxlength)' });
    expect(JSON.stringify(validation)).not.toContain('Confidential');

    const cast = withoutStoredValues(new mongoose.Error.CastError('ObjectId', 'secret-looking-value', '_id'));
    expect(errorDetails(cast).error.message).toBe('CastError at path _id (ObjectId)');
    expect(JSON.stringify(errorDetails(cast))).not.toContain('secret-looking-value');
  });

  it('names a thrown non-Error by its kind only, and leaves out a cause that is not an Error', () => {
    class TopologyDescription {
      servers = { 'db-1:27017': { summary: 'confidential summary' } };
    }
    expect(errorDetails(new TopologyDescription()).error).toEqual({ name: 'TopologyDescription', message: 'a value that is not an Error was thrown' });
    expect(errorDetails('plain words').error).toEqual({ name: 'string', message: 'plain words' });
    const withObjectCause = new Error('Server selection timed out', { cause: new TopologyDescription() });
    const details = errorDetails(withObjectCause).error;
    expect(details.cause).toBeUndefined();
    expect(JSON.stringify(details)).not.toContain('confidential summary');
  });

  it('keeps a PreLetterError’s sentence and code, and describes its cause', () => {
    const cause = new mongoose.mongo.MongoNetworkError('connect ECONNREFUSED 127.0.0.1:27017');
    const err = new PreLetterError('unavailable', 'The PreLetter database is not reachable right now.', {}, { cause });
    expect(errorDetails(err).error).toMatchObject({
      name: 'PreLetterError',
      code: 'unavailable',
      message: 'The PreLetter database is not reachable right now.',
      cause: { name: 'MongoNetworkError', message: 'connect ECONNREFUSED 127.0.0.1:27017' },
    });
  });
});

describe('the error sink', () => {
  it('logs an unexpected error with its message and stack, and shows the person a calm sentence', () => {
    const { stream, records } = capture();
    const card = cardForError(new RangeError('Invalid time value in planDeliveries'), createLogger('info', stream), ENGLISH, 'slack');
    const record = records()[0]!;
    expect(record).toMatchObject({ msg: 'unexpected error', code: 'internal', error: { name: 'RangeError', message: 'Invalid time value in planDeliveries' } });
    expect(record.error.stack).toContain('logger.test.ts');
    expect(JSON.stringify(card)).not.toContain('Invalid time value');
  });

  it('does not leak the summary a mongoose ValidationError carries', () => {
    const { stream, lines, records } = capture();
    cardForError(summaryValidationError('Confidential allegation about Northwind'), createLogger('info', stream), ENGLISH, 'slack');
    expect(lines()[0]).not.toContain('Confidential allegation');
    expect(records()[0]).toMatchObject({ msg: 'unexpected error', error: { name: 'ValidationError', message: 'validation failed: summary (maxlength)' } });
  });
});
