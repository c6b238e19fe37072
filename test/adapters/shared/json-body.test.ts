/**
 * The nesting bound is counted on the raw bytes, before JSON.parse: only brackets outside
 * strings count, escaped quotes do not end a string, and multi-byte UTF-8 never looks
 * like a bracket. Refusals carry the HTTP status the route answers with.
 */
import { bodyRefusal, jsonDepthExceeds, refusalStatus } from '../../../adapters/shared/json-body';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('JSON nesting bound', () => {
  it('counts arrays and objects alike, and allows exactly the limit', () => {
    expect(jsonDepthExceeds(bytes('{"a":[{"b":[1]}]}'), 4)).toBe(false);
    expect(jsonDepthExceeds(bytes('{"a":[{"b":[1]}]}'), 3)).toBe(true);
    expect(jsonDepthExceeds(bytes(`${'['.repeat(64)}${']'.repeat(64)}`), 64)).toBe(false);
    expect(jsonDepthExceeds(bytes(`${'['.repeat(65)}${']'.repeat(65)}`), 64)).toBe(true);
  });

  it('measures depth, not the number of brackets: siblings do not add up', () => {
    expect(jsonDepthExceeds(bytes(JSON.stringify(Array.from({ length: 1000 }, () => [[{}]]))), 4)).toBe(false);
  });

  it('ignores brackets inside strings, including after escaped quotes and backslashes', () => {
    expect(jsonDepthExceeds(bytes(JSON.stringify({ text: '[[[[{{{{' })), 1)).toBe(false);
    expect(jsonDepthExceeds(bytes(JSON.stringify({ text: 'say \\"[[[[\\" \\\\' , more: '{{{{' })), 1)).toBe(false);
    expect(jsonDepthExceeds(bytes(JSON.stringify({ text: 'ends with a backslash \\' , list: [[1]] })), 2)).toBe(true);
  });

  it('is not fooled by multi-byte characters next to brackets', () => {
    expect(jsonDepthExceeds(bytes(JSON.stringify({ text: '«[»', emoji: '🙂{' })), 1)).toBe(false);
    expect(jsonDepthExceeds(bytes('{"é":[["ü"]]}'), 2)).toBe(true);
  });

  it('gives the HTTP status a refusal carries, and none for other errors', () => {
    expect(refusalStatus(bodyRefusal(413, 'too large'))).toBe(413);
    expect(refusalStatus(bodyRefusal(400, 'not json'))).toBe(400);
    expect(refusalStatus(new Error('x'))).toBeUndefined();
  });
});
