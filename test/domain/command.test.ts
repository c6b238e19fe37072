import { ENGLISH } from '../../src/bot/messages/catalogue';
import { COMMAND_NAMES, parseCommand } from '../../src/domain/command';
import { wordsOf } from '../support/words';

/** The commands line every unknown command is answered with, as a Slack person reads it. */
const HELP_LINE = `Commands: ${COMMAND_NAMES.map((name) => `\`/preletter ${name}`).join('')}`;

/** A refusal: the field at fault, and the English a person with no locale reads (commands as Slack writes them). */
function failure(text: string): { field: string; message: string } {
  const result = parseCommand(text);
  if (result.ok) throw new Error(`expected "${text}" to be rejected`);
  return { field: result.field, message: wordsOf(result.problem) };
}

describe('parseCommand', () => {
  it('treats empty text as a request for help', () => {
    expect(parseCommand('')).toEqual({ ok: true, command: { name: 'help' } });
    expect(parseCommand('   ')).toEqual({ ok: true, command: { name: 'help' } });
  });

  it('parses each subcommand with its arguments', () => {
    expect(parseCommand('preview')).toEqual({ ok: true, command: { name: 'preview' } });
    expect(parseCommand('FLAG')).toEqual({ ok: true, command: { name: 'flag' } });
    expect(parseCommand('call')).toEqual({ ok: true, command: { name: 'call' } });
    expect(parseCommand('help')).toEqual({ ok: true, command: { name: 'help' } });
    expect(parseCommand('ack PL-2026-0007')).toEqual({ ok: true, command: { name: 'ack', ref: 'PL-2026-0007' } });
    expect(parseCommand('ack fl-2026-0003')).toEqual({ ok: true, command: { name: 'ack', ref: 'FL-2026-0003' } });
    expect(parseCommand('sent FL-2026-0003').ok).toBe(false);
    expect(parseCommand('ack CI-2026-0001').ok).toBe(false);
    expect(parseCommand('replied PL-2026-0007')).toEqual({ ok: true, command: { name: 'replied', ref: 'PL-2026-0007' } });
  });

  it('accepts the subcommand and reference in any case and normalizes the reference to upper case', () => {
    expect(parseCommand('  ACK   pl-2026-0007 ')).toEqual({ ok: true, command: { name: 'ack', ref: 'PL-2026-0007' } });
  });

  it('takes the rest of a sent command as the official symbol, spaces included', () => {
    expect(parseCommand('sent PL-2026-0007 AL OTH 12/2026')).toEqual({
      ok: true,
      command: { name: 'sent', ref: 'PL-2026-0007', officialSymbol: 'AL OTH 12/2026' },
    });
    expect(parseCommand('sent PL-2026-0007')).toEqual({ ok: true, command: { name: 'sent', ref: 'PL-2026-0007' } });
  });

  it('takes the rest of a withdraw command as the reason', () => {
    expect(parseCommand('withdraw PL-2026-0007 sent through another channel')).toEqual({
      ok: true,
      command: { name: 'withdraw', ref: 'PL-2026-0007', reason: 'sent through another channel' },
    });
  });

  it('reads status with nothing, a reference, or company words', () => {
    expect(parseCommand('status')).toEqual({ ok: true, command: { name: 'status' } });
    expect(parseCommand('status pl-2026-0012')).toEqual({ ok: true, command: { name: 'status', ref: 'PL-2026-0012' } });
    expect(parseCommand('status fl-2026-0003')).toEqual({ ok: true, command: { name: 'status', ref: 'FL-2026-0003' } });
    expect(parseCommand('status ci-2026-0001')).toEqual({ ok: true, command: { name: 'status', ref: 'CI-2026-0001' } });
    expect(parseCommand('status Acme   Social')).toEqual({ ok: true, command: { name: 'status', company: 'Acme Social' } });
  });

  it('names the missing letter reference and shows an example', () => {
    expect(failure('ack')).toEqual({
      field: 'ref',
      message: 'The letter reference is missing: ack needs one, like `/preletter ack PL-2026-0007`.',
    });
    expect(failure('withdraw').message).toContain('withdraw needs one, like `/preletter withdraw PL-2026-0007`');
  });

  it('says what a letter reference looks like when one is malformed', () => {
    const expected = { field: 'ref', message: '"PL-26-7" is not a letter reference: it should look like PL-2026-0007.' };
    expect(failure('ack PL-26-7')).toEqual(expected);
    expect(failure('status PL-26-7')).toEqual(expected);
    expect(failure('sent 2026-0007').message).toBe('"2026-0007" is not a letter reference: it should look like PL-2026-0007.');
  });

  it('names unexpected extra words and shows the right form', () => {
    expect(failure('ack PL-2026-0001 extra words')).toEqual({
      field: 'arguments',
      message: 'Please leave out "extra words": ack is used like `/preletter ack REF`.',
    });
    expect(failure('preview now').message).toBe('Please leave out "now": preview is used like `/preletter preview`.');
    expect(failure('flag surveillance')).toEqual({ field: 'arguments', message: 'Please leave out "surveillance": flag is used like `/preletter flag`.' });
    expect(failure('call elections')).toEqual({ field: 'arguments', message: 'Please leave out "elections": call is used like `/preletter call`.' });
    expect(failure('status PL-2026-0001 Acme').message).toContain('Please leave out "Acme"');
  });

  it('suggests the closest command for a typo and always lists the commands', () => {
    expect(failure('stauts')).toEqual({
      field: 'command',
      message: expect.stringMatching(/^"stauts" is not a PreLetter command\. Did you mean `\/preletter status`\? Commands: `\/preletter preview`, /),
    });
    expect(failure('withdrew PL-2026-0007').message).toContain('Did you mean `/preletter withdraw`?');
  });

  it('offers no guess when nothing is close, but still lists the commands', () => {
    const { message } = failure('frobnicate');
    expect(message).not.toContain('Did you mean');
    expect(message).toMatch(/^"frobnicate" is not a PreLetter command\. Commands: /);
    for (const name of COMMAND_NAMES) expect(message).toContain(`\`/preletter ${name}`);
  });

  it('suggests the closest command for a typo typed in capitals, as it accepts commands in any case', () => {
    expect(failure('STAUTS').message).toContain('Did you mean `/preletter status`?');
  });

  it('quotes at most 40 characters of what was typed, in whole characters, however much was pasted', () => {
    expect(failure('x'.repeat(5000)).message).toMatch(new RegExp(`^"${'x'.repeat(40)}…" is not a PreLetter command\\.`));
    expect(failure(`ack ${'PL-'.repeat(100)}`).message).toBe(`"${'PL-'.repeat(14).slice(0, 40)}…" is not a letter reference: it should look like PL-2026-0007.`);
    expect(failure(`help ${'y'.repeat(100)}`).message).toContain(`Please leave out "${'y'.repeat(40)}…"`);
    expect(failure(`${'x'.repeat(39)}😀😀`).message).toContain(`"${'x'.repeat(39)}…"`);
  });
});

describe('command help', () => {
  it('describes every command with a sentence in every language', () => {
    for (const name of COMMAND_NAMES) expect(ENGLISH.t('help.description', { name })).toMatch(/^[A-Z].*\.$/);
  });

  it('lists every command in the help line', () => {
    const line = wordsOf({ key: 'help.commands' });
    for (const name of COMMAND_NAMES) expect(line).toContain(`/preletter ${name}`);
    expect(HELP_LINE).toContain('/preletter preview');
  });
});
