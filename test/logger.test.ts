import { Writable } from 'node:stream';
import { createLogger } from '../src/logger';

function capture(): { stream: Writable; lines: () => string[] } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  return { stream, lines: () => out.trim().split('\n') };
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
});
