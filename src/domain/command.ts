/**
 * Grammar of the `/preletter` command text. Parsing is pure and platform-neutral,
 * so Slack slash commands and Teams messages share it, and every mistake gets a
 * sentence that names what is wrong and shows the right form.
 */
import { distance as editDistance } from 'fastest-levenshtein';
import { z } from 'zod';
import { periodWords } from './report-period';

/** The subcommands, in the order help lists them; the Teams manifest must offer the same. */
export const COMMAND_NAMES = ['preview', 'flag', 'call', 'status', 'ack', 'sent', 'replied', 'withdraw', 'report', 'help'] as const;

/** A subcommand name, so usage tables cannot miss or invent one. */
export type CommandName = (typeof COMMAND_NAMES)[number];

/** How much of what was typed a correction quotes back: enough to recognise it, never a pasted page. */
const QUOTE_MAX = 40;
/** Beyond this length no word is within two edits of a command name, so no guess is computed. */
const GUESS_MAX_LENGTH = Math.max(...COMMAND_NAMES.map((name) => name.length)) + 2;
const REF_PATTERN = /^PL-\d{4}-\d{4}$/i;
/** Why: `status` and `ack` take a letter's reference or a flag's (`status` a call's too): a first word that starts like one is read as a reference. */
const LOOKS_LIKE_REF = /^(PL|FL|CI)-/i;

const ref = z
  .string()
  .regex(REF_PATTERN)
  .transform((value) => value.toUpperCase());
/** Why: `ack` also acknowledges a flag (`FL-2026-0001`), and `status` shows one, so people use the same words for both. */
const letterOrFlagRef = z
  .string()
  .regex(/^(PL|FL)-\d{4}-\d{4}$/i)
  .transform((value) => value.toUpperCase());
/** Why: `status CI-2026-0001` shows a call for input: its table to the mandate team, its card to a company it went to. */
const statusRef = z
  .string()
  .regex(/^((PL|FL)-\d{4}-\d{4}|CI-\d{4}-\d{4,})$/i)
  .transform((value) => value.toUpperCase());
const words = z.string().min(1);

const commandSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('preview') }).strict(),
  z.object({ name: z.literal('flag') }).strict(),
  z.object({ name: z.literal('call') }).strict(),
  z.object({ name: z.literal('status'), ref: statusRef.optional(), company: words.optional() }).strict(),
  z.object({ name: z.literal('ack'), ref: letterOrFlagRef }).strict(),
  z.object({ name: z.literal('sent'), ref, officialSymbol: words.optional() }).strict(),
  z.object({ name: z.literal('replied'), ref }).strict(),
  z.object({ name: z.literal('withdraw'), ref, reason: words.optional() }).strict(),
  z.object({ name: z.literal('report'), period: periodWords.optional() }).strict(),
  z.object({ name: z.literal('help') }).strict(),
]);

/** A validated command; the use cases switch on `name` and trust the fields. */
export type ParsedCommand = z.infer<typeof commandSchema>;

/** Why: what is wrong with what was typed, as a catalogue key and its values; the bot words it for the reader. */
export type CommandProblem =
  | { key: 'command.unknown'; word: string; guess?: CommandName }
  | { key: 'command.extra'; extra: string; name: CommandName }
  | { key: 'command.ref-missing'; name: CommandName }
  | { key: 'command.ref-invalid'; typed: string }
  | { key: 'command.period-invalid'; typed: string }
  | { key: 'command.invalid'; field: string; name: CommandName };

/** Either a command, or the field at fault with what to tell the person. */
export type ParseResult = { ok: true; command: ParsedCommand } | { ok: false; field: string; problem: CommandProblem };

type Candidate = Record<string, string | string[] | undefined> & { name: CommandName };

/** Where each word goes: a field, or `...field` for "the rest of the words". */
const ARGUMENTS: Record<CommandName, string[]> = {
  preview: [],
  flag: [],
  call: [],
  status: [],
  ack: ['ref'],
  sent: ['ref', '...officialSymbol'],
  replied: ['ref'],
  withdraw: ['ref', '...reason'],
  report: ['...period'],
  help: [],
};

function toCandidate(name: CommandName, args: string[]): Candidate {
  if (name === 'status' && args.length > 0) {
    return LOOKS_LIKE_REF.test(args[0]) ? withExtra({ name, ref: args[0] }, args.slice(1)) : { name, company: args.join(' ') };
  }
  const candidate: Candidate = { name };
  let rest = args;
  for (const field of ARGUMENTS[name]) {
    if (field.startsWith('...')) {
      candidate[field.slice(3)] = rest.length > 0 ? rest.join(' ') : undefined;
      rest = [];
    } else {
      candidate[field] = rest[0];
      rest = rest.slice(1);
    }
  }
  return withExtra(candidate, rest);
}

function withExtra(candidate: Candidate, extra: string[]): Candidate {
  return extra.length > 0 ? { ...candidate, extra } : candidate;
}

/** Why: corrections quote the person's words; a bounded quote (whole characters) keeps a pasted essay out of the reply. */
function quoted(text: string): string {
  return text.length <= QUOTE_MAX ? text : `${text.slice(0, QUOTE_MAX).replace(/[\ud800-\udbff]$/, '')}…`;
}

function unknownCommand(word: string): ParseResult {
  const candidates = word.length > GUESS_MAX_LENGTH ? [] : COMMAND_NAMES.map((name) => ({ name, distance: editDistance(word.toLowerCase(), name) }));
  const guess = candidates.filter(({ distance }) => distance <= 2).sort((a, b) => a.distance - b.distance)[0];
  return { ok: false, field: 'command', problem: { key: 'command.unknown', word: quoted(word), ...(guess ? { guess: guess.name } : {}) } };
}

function explain(issue: z.ZodIssue, candidate: Candidate): { field: string; problem: CommandProblem } {
  const { name } = candidate;
  const field = String(issue.path[0] ?? 'arguments');
  if (issue.code === 'unrecognized_keys') {
    const extra = [candidate.extra ?? []].flat().join(' ');
    return { field: 'arguments', problem: { key: 'command.extra', extra: quoted(extra), name } };
  }
  if (field === 'ref' && candidate.ref === undefined) return { field, problem: { key: 'command.ref-missing', name } };
  if (field === 'ref') return { field, problem: { key: 'command.ref-invalid', typed: quoted(String(candidate.ref)) } };
  if (field === 'period') return { field, problem: { key: 'command.period-invalid', typed: quoted(String(candidate.period)) } };
  return { field, problem: { key: 'command.invalid', field, name } };
}

function isCommandName(word: string): word is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(word);
}

/** Turns what a person typed after `/preletter` into a command, or a polite correction. */
export function parseCommand(text: string): ParseResult {
  const [first = 'help', ...args] = text.trim().split(/\s+/).filter(Boolean);
  const word = first.toLowerCase();
  if (!isCommandName(word)) return unknownCommand(first);
  const candidate = toCandidate(word, args);
  const parsed = commandSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, command: parsed.data };
  return { ok: false, ...explain(parsed.error.issues[0], candidate) };
}
