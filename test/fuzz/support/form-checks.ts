/**
 * What both preview forms promise at the edge, as checks that return sentences (plain
 * checks, not one `expect` per promise, so hundreds of cases stay fast).
 */
import { SUMMARY_MAX_LENGTH, type PreviewInput } from '../../../src/bot/preview-letter';
import { isPreLetterError } from '../../../src/domain/errors';

/**
 * Why: a refusal must be PreLetter's own error, for bad input, naming its field: in the
 * sentence (`(field)`), or for the signed/kept form state, as "out of date".
 */
export function refusalProblems(err: unknown, stateField: string): string[] {
  if (!isPreLetterError(err)) throw err;
  const field = String(err.context.field ?? '');
  const problems: string[] = [];
  if (err.code !== 'invalid-input') problems.push(`code ${err.code}`);
  if (field === '') problems.push('no field in the error');
  const named = err.userMessage.includes(`(${field})`) || (field === stateField && err.userMessage.includes('out of date'));
  if (!named) problems.push(`the sentence does not name ${field}: ${err.userMessage.slice(0, 200)}`);
  return problems;
}

/** Why: field errors must sit under fields the form shows, as short sentences. */
export function fieldErrorProblems(errors: Record<string, string | undefined>, shownFields: readonly string[]): string[] {
  const entries = Object.entries(errors);
  const problems: string[] = entries.length === 0 ? ['a refused form without any field error'] : [];
  for (const [field, message] of entries) {
    if (!shownFields.includes(field)) problems.push(`an error for ${field}, which the form does not show`);
    if (!message || message.length > 300) problems.push(`error for ${field} is ${message ? 'over 300 characters' : 'empty'}`);
  }
  return problems;
}

/** Why: what previewLetter trusts about an accepted form. */
export function inputProblems(input: Omit<PreviewInput, 'actor'>, earliest: string, mandateChoice: boolean): string[] {
  const problems: string[] = [];
  if (!['UA', 'AL', 'OL'].includes(input.type)) problems.push(`type ${String(input.type)}`);
  if (input.topics.length === 0) problems.push('no topic');
  if (input.topics.some((t) => typeof t !== 'string')) problems.push('a topic that is not text');
  if (input.summary !== input.summary.trim() || input.summary === '' || input.summary.length > SUMMARY_MAX_LENGTH) problems.push(`summary of ${input.summary.length} characters, untrimmed or empty`);
  if (typeof input.urgent !== 'boolean') problems.push('urgent is not a boolean');
  const date = input.expectedFormalDate;
  if (date !== undefined) {
    const real = /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
    if (!real) problems.push(`expected date ${date} is not a calendar date`);
    if (date < earliest) problems.push(`expected date ${date} is in the past (earliest ${earliest})`);
  }
  if ((input.mandateKey !== undefined) !== mandateChoice) problems.push(`mandate ${String(input.mandateKey)} with mandateChoice ${mandateChoice}`);
  return problems;
}

/** Why: one failure message listing every broken promise, with the input that broke them. */
export function expectNone(problems: string[], input: unknown): void {
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\nin ${JSON.stringify(input).slice(0, 2000)}`);
}
