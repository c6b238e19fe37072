/**
 * Property-based checks of the `/preletter` grammar: any text at all parses to a command
 * or to a correction that names the field at fault; commands generated from the grammar
 * parse back to exactly what was generated; and a correction quotes only a bounded piece
 * of what was typed, however much was pasted.
 */
import fc from 'fast-check';
import { COMMAND_NAMES, parseCommand, type CommandName, type ParsedCommand } from '../../src/domain/command';
import { wordsOf } from '../support/words';

/** The longest correction without a quote: the unknown-command sentence with every command listed. */
const HELP_LINE = wordsOf({ key: 'command.unknown', word: '' });
import { runs } from './support/fuzz-settings';
import { DANGEROUS_FRAGMENTS, hostileText } from './support/hostile-text';

/** Every field a refusal may name, and words its sentence must contain so the person knows which. */
const FIELD_WORDS: Record<string, RegExp> = {
  command: /is not a PreLetter command/,
  arguments: /Please leave out|is used like/,
  ref: /letter reference/,
  company: /company/,
  officialSymbol: /officialSymbol|official symbol/,
  reason: /reason/,
  period: /is not a period/,
};

/** Whitespace the grammar splits on (JavaScript's \s), as people and clients type it. */
const SPACE = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\ufeff');
const noSpace = (s: string) => s.length > 0 && !/\s/.test(s);
const WORD_FRAGMENTS = DANGEROUS_FRAGMENTS.filter(noSpace);
const word = fc.oneof(fc.constantFrom(...WORD_FRAGMENTS), fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }).filter(noSpace));
const words = fc.array(word, { minLength: 1, maxLength: 6 });
const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const ref = fc.tuple(digits(4), digits(4), fc.constantFrom('PL', 'pl', 'Pl', 'pL')).map(([year, seq, pl]) => `${pl}-${year}-${seq}`);
/** A flag's reference: `ack` and `status` take one too, nothing else does. */
const flagRef = fc.tuple(digits(4), digits(4), fc.constantFrom('FL', 'fl', 'Fl')).map(([year, seq, fl]) => `${fl}-${year}-${seq}`);
/** A call for input's reference: only `status` takes one. */
const callRef = fc.tuple(digits(4), digits(4), fc.constantFrom('CI', 'ci', 'Ci')).map(([year, seq, ci]) => `${ci}-${year}-${seq}`);

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'binary-ascii', maxLength: 80 }),
  hostileText,
  fc.tuple(fc.mixedCase(fc.constantFrom(...COMMAND_NAMES)), fc.array(fc.oneof(word, ref, hostileText), { maxLength: 5 }), SPACE).map(([name, args, gap]) => [name, ...args].join(gap)),
  fc.tuple(fc.constantFrom('x', 'PL-', '`', '<!here>', 'é', '😀'), fc.integer({ min: 100, max: 20_000 })).map(([f, n]) => f.repeat(n)),
);

/** A valid command, the text a person could type for it, and what it must parse to. */
const validCommand: fc.Arbitrary<{ text: string; expected: ParsedCommand }> = fc
  .record({
    name: fc.constantFrom(...COMMAND_NAMES),
    shout: fc.boolean(),
    ref,
    flagRef,
    flagged: fc.boolean(),
    callRef,
    called: fc.boolean(),
    rest: fc.option(words, { nil: undefined }),
    statusForm: fc.constantFrom('none' as const, 'ref' as const, 'company' as const),
    gaps: fc.array(SPACE, { minLength: 10, maxLength: 10 }),
    edges: fc.tuple(fc.constantFrom('', ' ', '\n', '\t '), fc.constantFrom('', ' ', '\n')),
  })
  .map(({ name, shout, ref: letterRef, flagRef: fr, flagged, callRef: cr, called, rest, statusForm, gaps, edges }) => {
    const typedName = shout ? name.toUpperCase() : name;
    // `ack` and `status` take a flag's reference as well as a letter's.
    // `status` takes a call's reference too.
    const r = called && name === 'status' ? cr : flagged && (name === 'ack' || name === 'status') ? fr : letterRef;
    const expectedRef = r.toUpperCase();
    let args: string[] = [];
    let expected: ParsedCommand;
    switch (name as CommandName) {
      case 'preview':
      case 'flag':
      case 'call':
      case 'help':
      case 'report':
        expected = { name } as ParsedCommand;
        break;
      case 'status':
        if (statusForm === 'ref') [args, expected] = [[r], { name: 'status', ref: expectedRef }];
        else if (statusForm === 'company' && rest && !/^(PL|FL|CI)-/i.test(rest[0]!)) [args, expected] = [rest, { name: 'status', company: rest.join(' ') }];
        else expected = { name: 'status' };
        break;
      case 'ack':
      case 'replied':
        [args, expected] = [[r], { name, ref: expectedRef } as ParsedCommand];
        break;
      case 'sent':
        [args, expected] = [[r, ...(rest ?? [])], { name: 'sent', ref: expectedRef, ...(rest ? { officialSymbol: rest.join(' ') } : {}) }];
        break;
      case 'withdraw':
        [args, expected] = [[r, ...(rest ?? [])], { name: 'withdraw', ref: expectedRef, ...(rest ? { reason: rest.join(' ') } : {}) }];
        break;
    }
    const text = [typedName, ...args].map((w, i) => (i === 0 ? w : `${gaps[i % gaps.length]}${w}`)).join('');
    return { text: `${edges[0]}${text}${edges[1]}`, expected: expected! };
  });

describe('the command grammar, fuzzed', () => {
  it('never throws, and every refusal names a field of the grammar in a sentence about it (600 cases)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = parseCommand(text);
        if (result.ok) return;
        expect(Object.keys(FIELD_WORDS)).toContain(result.field);
        const message = wordsOf(result.problem);
        expect(message).toMatch(FIELD_WORDS[result.field]!);
        expect(message).toMatch(/[.?]$/);
      }),
      runs(600),
    );
  });

  it('parses every command built from the grammar back to exactly that command (400 cases)', () => {
    fc.assert(
      fc.property(validCommand, ({ text, expected }) => {
        expect(parseCommand(text)).toEqual({ ok: true, command: expected });
      }),
      runs(400),
    );
  });

  it('quotes a bounded piece of what was typed in a correction, however long the input (250 cases)', () => {
    const longWord = fc.tuple(word, fc.integer({ min: 1, max: 5000 })).map(([w, n]) => w.repeat(n));
    const longInput = fc.oneof(
      longWord,
      fc.tuple(fc.constantFrom('ack', 'sent', 'status', 'withdraw'), longWord).map(([name, w]) => `${name} ${w}`),
      fc.tuple(fc.constantFrom('ack PL-2026-0001', 'preview', 'flag', 'call', 'help', 'status PL-2026-0001', 'status FL-2026-0001', 'status CI-2026-0001'), longWord).map(([head, w]) => `${head} ${w}`),
    );
    fc.assert(
      fc.property(longInput, (text) => {
        const result = parseCommand(text);
        if (result.ok) return;
        const message = wordsOf(result.problem);
        expect(message.length).toBeLessThanOrEqual(HELP_LINE.length + 200);
        expect(message).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
      }),
      runs(250),
    );
  });

  it('suggests a command for any one-letter slip in a command name, in any case (200 cases)', () => {
    const slip = fc
      .tuple(fc.constantFrom(...COMMAND_NAMES), fc.nat(), fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), fc.constantFrom('swap', 'drop', 'add'), fc.boolean())
      .map(([name, at, letter, how, shout]) => {
        const i = at % name.length;
        const typed = how === 'swap' ? name.slice(0, i) + letter + name.slice(i + 1) : how === 'drop' ? name.slice(0, i) + name.slice(i + 1) : name.slice(0, i) + letter + name.slice(i);
        return shout ? typed.toUpperCase() : typed;
      })
      .filter((typed) => !(COMMAND_NAMES as readonly string[]).includes(typed.toLowerCase()) && typed.length > 0);
    fc.assert(
      fc.property(slip, (typed) => {
        const result = parseCommand(typed);
        expect(result).toMatchObject({ ok: false, field: 'command' });
        expect(result.ok ? '' : wordsOf(result.problem)).toMatch(new RegExp(`Did you mean \`/preletter (${COMMAND_NAMES.join('|')})\`\\?`));
      }),
      runs(200),
    );
  });
});
