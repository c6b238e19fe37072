/**
 * The confidentiality matrix as data: its columns (every command, button, thread reply
 * and view that touches a letter), the cell the rule implies for each role, how a cell
 * is read from what the bot sent, and the leak checks every cell must pass. Platform
 * worlds only perform actions and report deliveries; all judging happens here, once.
 */
import type { FactName } from '../../../src/domain/types';
import { CAST, MARKER, READERS, type RoleId } from './cast';

/** The columns. */
export type ActionId =
  | 'ack-button'
  | 'ack-button-dm'
  | 'ack-command'
  | 'ack-thread'
  | 'sent-button'
  | 'sent-command'
  | 'replied-button'
  | 'replied-command'
  | 'withdraw-button'
  | 'withdraw-command'
  | 'status-ref'
  | 'status-list'
  | 'status-company'
  | 'home';

/** One column: how it is named, what an allowed use changes, and what its "does not exist" twin is. */
export interface MatrixAction {
  id: ActionId;
  column: string;
  /** Completes "<role> …" in test names. */
  phrase: string;
  /** The fact an allowed use sets (mutating columns only). */
  fact?: FactName;
  /** Record reply needs the formal letter marked sent first. */
  needsSent?: boolean;
  /** Whether the same action about nothing that exists (missing reference, unknown company, a thread that is no letter's) is asked too. */
  twin?: boolean;
  /** A list: "allowed" means the letter is in it. */
  lists?: boolean;
}

const m = (id: ActionId, column: string, phrase: string, extra: Partial<MatrixAction> = {}): MatrixAction => ({ id, column, phrase, twin: true, ...extra });

/** Every column, in print order; each platform picks its own. */
export const ACTIONS: Record<ActionId, MatrixAction> = {
  'ack-button': m('ack-button', 'ack button', 'acknowledging by the button on the channel card', { fact: 'acknowledged' }),
  'ack-button-dm': m('ack-button-dm', 'ack button (1:1)', 'acknowledging by a button in their 1:1 chat', { fact: 'acknowledged' }),
  'ack-command': m('ack-command', 'ack cmd', 'acknowledging by command', { fact: 'acknowledged' }),
  'ack-thread': m('ack-thread', 'ack in thread', "acknowledging by `ack` in the letter's thread", { fact: 'acknowledged' }),
  'sent-button': m('sent-button', 'sent button', 'marking the formal letter sent by button', { fact: 'formalSent' }),
  'sent-command': m('sent-command', 'sent cmd', 'marking the formal letter sent by command', { fact: 'formalSent' }),
  'replied-button': m('replied-button', 'reply button', 'recording the reply by button', { fact: 'replied', needsSent: true }),
  'replied-command': m('replied-command', 'reply cmd', 'recording the reply by command', { fact: 'replied', needsSent: true }),
  'withdraw-button': m('withdraw-button', 'withdraw button', 'withdrawing by button', { fact: 'withdrawn' }),
  'withdraw-command': m('withdraw-command', 'withdraw cmd', 'withdrawing by command', { fact: 'withdrawn' }),
  'status-ref': m('status-ref', 'status PL-…', 'asking `status PL-…`'),
  'status-list': m('status-list', 'status', 'asking `status`', { twin: false, lists: true }),
  'status-company': m('status-company', 'status Northwind', 'asking `status Northwind`', { lists: true }),
  home: m('home', 'App Home', 'opening the App Home', { twin: false, lists: true }),
};

export const ALLOWED_TEXT = 'allowed, text';
export const ALLOWED = 'allowed';
export const NOT_LISTED = 'allowed, not listed';
export const NOT_FOUND = 'refused (not found)';
export const FORBIDDEN = 'refused (forbidden)';
export const UNKNOWN_ACCOUNT = 'refused (unknown account)';

type Row = Record<RoleId, string>;
const row = (team: string, otherTeam: string, owner: string, backup: string, escalation: string, colleague: string, otherCompany: string, admin: string): Row => ({
  team,
  otherTeam,
  owner,
  backup,
  escalation,
  colleague,
  otherCompany,
  admin,
  unknown: UNKNOWN_ACCOUNT,
});

// The rule, column family by column family (roles in CAST order: team, other team, owner, backup, escalation, colleague, other company, admin).
const ACKNOWLEDGE = row(FORBIDDEN, NOT_FOUND, ALLOWED, ALLOWED, ALLOWED, ALLOWED, NOT_FOUND, FORBIDDEN);
const TEAM_ONLY = row(ALLOWED, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, FORBIDDEN);
const ONE_LETTER = row(ALLOWED_TEXT, NOT_FOUND, ALLOWED_TEXT, ALLOWED_TEXT, ALLOWED_TEXT, ALLOWED, NOT_FOUND, ALLOWED);
const LIST = row(ALLOWED, NOT_LISTED, ALLOWED, ALLOWED, ALLOWED, ALLOWED, NOT_LISTED, ALLOWED);
const COMPANY = row(ALLOWED, NOT_FOUND, ALLOWED, ALLOWED, ALLOWED, ALLOWED, NOT_FOUND, ALLOWED);
/** Teams answers a click in the 1:1 chat with that chat's card refreshed: the letter card, for those who may read it. */
const ACKNOWLEDGE_IN_CHAT = row(FORBIDDEN, NOT_FOUND, ALLOWED_TEXT, ALLOWED_TEXT, ALLOWED_TEXT, ALLOWED, NOT_FOUND, FORBIDDEN);

const EXPECTED: Record<ActionId, Row> = {
  'ack-button': ACKNOWLEDGE,
  'ack-button-dm': ACKNOWLEDGE_IN_CHAT,
  'ack-command': ACKNOWLEDGE,
  'ack-thread': ACKNOWLEDGE,
  'sent-button': TEAM_ONLY,
  'sent-command': TEAM_ONLY,
  'replied-button': TEAM_ONLY,
  'replied-command': TEAM_ONLY,
  'withdraw-button': TEAM_ONLY,
  'withdraw-command': TEAM_ONLY,
  'status-ref': ONE_LETTER,
  'status-list': LIST,
  'status-company': COMPANY,
  home: LIST,
};

/** The cell the rule implies. */
export function expectedCell(role: RoleId, action: ActionId): string {
  return EXPECTED[action][role];
}

/** Who can see one delivery: one person privately (directory key, or account id), or everyone in a channel. */
export type Audience = { person: string } | { channel: string };

/** One thing the bot sent (or answered in an HTTP response), as the platform fake recorded it. */
export interface Delivery {
  audience: Audience;
  /** Everything sent, serialised: the summary marker and references are searched in here. */
  raw: string;
  /** What a person reads. */
  text: string;
  /** The place and content, without platform-made ids: two answers are the same when these are. */
  shape: string;
  /** A message already there, replaced (a card refreshed): still checked for leaks, but not part of anyone's answer. */
  update?: boolean;
}

/** What one use of an action was about: the reference, company name and thread it named. */
export interface Handle {
  ref: string;
  companyName: string;
  /** Platform ids of the thread (Slack ts, Teams root id), blanked before answers are compared. */
  threadIds: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Answers with the reference, company name and thread blanked out, so answers about different things compare. */
export function normalised(deliveries: Delivery[], handle: Handle): string[] {
  const names = [handle.ref, handle.companyName, ...handle.threadIds].filter((n) => n.length > 0);
  return deliveries.map((d) => names.reduce((s, name, i) => s.replace(new RegExp(escape(name), 'g'), `<${i}>`), d.shape));
}

/** The deliveries that went to one person privately as new messages: their answer (a copy of a card refreshed in place is not). */
export function privateTo(deliveries: Delivery[], person: string): Delivery[] {
  return deliveries.filter((d) => 'person' in d.audience && d.audience.person === person && !d.update);
}

const UNKNOWN_ACCOUNT_WORDS = /I don't know your (Slack|Microsoft Teams) account yet/;
const FORBIDDEN_WORDS = /\bOnly (the people .+ is routed to|the mandate team of)\b/;
const REFUSAL_WORDS = /That did not work|could not find|I don't know a company|not a letter's thread/;

/** An answer that is silence, or not plainly an outcome (a confirmation, a refusal naming who may act, an unknown account). */
export function mayBeNotFound(answer: Delivery[]): boolean {
  const text = answer.map((d) => d.text).join('\n');
  return answer.length === 0 || (REFUSAL_WORDS.test(text) && !UNKNOWN_ACCOUNT_WORDS.test(text) && !FORBIDDEN_WORDS.test(text));
}

/** Reads a cell from what the person was told, compared with the twin answer about nothing that exists. */
export function classify(action: MatrixAction, answer: Delivery[], handle: Handle, twin?: { answer: Delivery[]; handle: Handle }): string {
  const text = answer.map((d) => d.text).join('\n');
  if (UNKNOWN_ACCOUNT_WORDS.test(text)) return UNKNOWN_ACCOUNT;
  if (twin && JSON.stringify(normalised(answer, handle)) === JSON.stringify(normalised(twin.answer, twin.handle))) return NOT_FOUND;
  if (FORBIDDEN_WORDS.test(text)) return FORBIDDEN;
  if (REFUSAL_WORDS.test(text)) return `refused, differently from a missing reference: ${text.replace(/\s+/g, ' ').slice(0, 100)}`;
  if (action.lists && !text.includes(handle.ref)) return NOT_LISTED;
  return answer.some((d) => d.raw.includes(MARKER)) ? ALLOWED_TEXT : ALLOWED;
}

const where = (a: Audience) => ('person' in a ? `${a.person} (privately)` : `the ${a.channel} channel`);

/**
 * Everything in a cell that breaks the rule wherever it went: the summary anywhere but
 * Northwind's channel and its readers, and any word of the letter in another channel.
 */
export function leaks(deliveries: Delivery[], ref: string, boundChannel: string): string[] {
  const found: string[] = [];
  for (const d of deliveries) {
    const reader = 'person' in d.audience ? READERS.has(d.audience.person) : d.audience.channel === boundChannel;
    if (d.raw.includes(MARKER) && !reader) found.push(`${where(d.audience)} was sent the letter's text`);
    if ('channel' in d.audience && d.audience.channel !== boundChannel && d.raw.includes(ref)) found.push(`${where(d.audience)} was told about ${ref}`);
  }
  return found;
}

/** The matrix as a Markdown table: rows are roles, columns the actions; a cell differing from the rule says so. */
export function renderMatrix(title: string, actions: MatrixAction[], seen: Map<string, string>): string {
  const key = (role: RoleId, action: ActionId) => `${role}/${action}`;
  const lines = [`${title}`, '', `| role | ${actions.map((a) => a.column).join(' | ')} |`, `|---|${actions.map(() => '---').join('|')}|`];
  for (const member of CAST) {
    const cells = actions.map((a) => {
      const got = seen.get(key(member.role, a.id)) ?? '(not run)';
      const want = expectedCell(member.role, a.id);
      return got === want ? got : `${got} ≠ rule: ${want}`;
    });
    lines.push(`| ${member.label} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
