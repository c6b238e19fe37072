import type { Role } from '../../src/domain/access';
import { decideAction, deriveStatus, type ActionDecision } from '../../src/domain/lifecycle';
import { voiceFor } from '../../src/bot/messages/catalogue';
import { wordsOf } from '../support/words';
import { fact, letter } from './fixtures';

const previewed = '2026-03-02T09:00:00Z';
const deadline = new Date('2026-05-03T21:59:59.999Z');
const names: Record<string, string> = { ana: 'Ana Ruiz', mara: 'Mara Keller' };
const people = (key: string) => names[key] ?? key;
const owner: ReadonlySet<Role> = new Set(['owner']);
const contact: ReadonlySet<Role> = new Set(['company-contact']);
const team: ReadonlySet<Role> = new Set(['mandate-team']);
const admin: ReadonlySet<Role> = new Set(['admin']);

const acked = { acknowledged: fact('2026-03-03T10:00:00Z', 'ana') };
const sent = { formalSent: fact('2026-03-04T10:00:00Z', 'mara') };
const replied = { ...sent, replied: fact('2026-04-01T10:00:00Z', 'mara') };
const withdrawn = { withdrawn: fact('2026-03-05T10:00:00Z', 'mara') };

describe('deriveStatus', () => {
  const now = new Date('2026-04-01T12:00:00Z');

  it.each([
    ['awaiting-ack', {}],
    ['acknowledged', acked],
    ['awaiting-reply', { ...acked, ...sent }],
    ['awaiting-reply', sent],
    ['replied', replied],
    ['withdrawn', { ...acked, ...withdrawn }],
  ])('reads %s from the facts', (status, facts) => {
    expect(deriveStatus(letter(previewed, facts), now, deadline)).toBe(status);
  });

  it('turns overdue only once the deadline instant has passed', () => {
    const afterFormal = letter(previewed, sent);
    expect(deriveStatus(afterFormal, deadline, deadline)).toBe('awaiting-reply');
    expect(deriveStatus(afterFormal, new Date(deadline.getTime() + 1), deadline)).toBe('overdue');
  });

  it('stays awaiting-reply when no deadline is given', () => {
    expect(deriveStatus(letter(previewed, sent), new Date('2027-01-01T00:00:00Z'))).toBe('awaiting-reply');
  });
});

/** A decision with its words as an English reader in Geneva reads them (the domain only names them). */
function worded(decision: ActionDecision, voice = voiceFor({ zone: 'Europe/Zurich' })): object {
  if (decision.kind === 'apply') return decision;
  const { say, ...rest } = decision;
  return { ...rest, message: wordsOf(say, voice) };
}

function decide(...args: Parameters<typeof decideAction>): object {
  return worded(decideAction(...args));
}

describe('decideAction', () => {
  it('lets a routed owner acknowledge, guarded against withdrawal', () => {
    expect(decide(letter(previewed), 'acknowledge', owner, people)).toEqual({
      kind: 'apply',
      fact: 'acknowledged',
      absent: ['withdrawn'],
    });
  });

  it('lets a company contact acknowledge even after the formal letter was sent', () => {
    expect(decide(letter(previewed, sent), 'acknowledge', contact, people)).toMatchObject({ kind: 'apply' });
  });

  it('answers a repeated acknowledgement politely with who and when', () => {
    expect(decide(letter(previewed, acked), 'acknowledge', owner, people)).toEqual({
      kind: 'already',
      message: 'PL-2026-0007 was already acknowledged by Ana Ruiz on Tue 3 Mar 2026, 11:00 CET.',
    });
  });

  it('names the moment as the reader reads it: their zone, named, in their language', () => {
    const late = { acknowledged: fact('2026-03-03T23:30:00Z', 'ana') };
    const decision = decideAction(letter(previewed, late), 'acknowledge', owner, people);
    expect(worded(decision, voiceFor({ zone: 'Asia/Singapore' }))).toMatchObject({ message: 'PL-2026-0007 was already acknowledged by Ana Ruiz on Wed 4 Mar 2026, 07:30 SGT.' });
    expect(worded(decision, voiceFor({ locale: 'fr-CH', zone: 'Europe/Zurich' }))).toMatchObject({
      message: 'PL-2026-0007 a déjà fait l’objet d’un accusé de réception par Ana Ruiz le mer. 4 mars 2026, 00:30 CET.',
    });
  });

  it('refuses acknowledgement from the mandate team as forbidden and says who can do it', () => {
    const decision = decide(letter(previewed), 'acknowledge', team, people);
    expect(decision).toMatchObject({ kind: 'refused', code: 'forbidden' });
    expect(decision).toMatchObject({ message: expect.stringContaining('Only the people PL-2026-0007 is routed to') });
  });

  it.each(['mark-sent', 'record-reply', 'withdraw'] as const)(
    'allows only the mandate team to %s',
    (action) => {
      for (const roles of [owner, contact, admin]) {
        const decision = decide(letter(previewed, sent), action, roles, people);
        expect(decision).toMatchObject({ kind: 'refused', code: 'forbidden' });
        expect(decision).toMatchObject({ message: expect.stringContaining('Only the mandate team of PL-2026-0007') });
      }
    },
  );

  it('lets the mandate team mark the formal letter sent before any acknowledgement', () => {
    expect(decide(letter(previewed), 'mark-sent', team, people)).toEqual({
      kind: 'apply',
      fact: 'formalSent',
      absent: ['withdrawn'],
    });
  });

  it('asks to mark the formal letter sent before a reply can be recorded', () => {
    expect(decide(letter(previewed, acked), 'record-reply', team, people)).toEqual({
      kind: 'refused',
      code: 'conflict',
      message:
        'The formal letter for PL-2026-0007 has not been marked as sent yet, so its reply cannot be recorded. Mark it sent first with `/preletter sent PL-2026-0007`, then record the reply.',
    });
  });

  it('records a reply once the formal letter is sent', () => {
    expect(decide(letter(previewed, sent), 'record-reply', team, people)).toMatchObject({ kind: 'apply', fact: 'replied' });
  });

  it('answers repeats of mark-sent and record-reply politely', () => {
    expect(decide(letter(previewed, replied), 'mark-sent', team, people)).toEqual({
      kind: 'already',
      message: 'The formal letter for PL-2026-0007 was already marked as sent by Mara Keller on Wed 4 Mar 2026, 11:00 CET.',
    });
    expect(decide(letter(previewed, replied), 'record-reply', team, people)).toMatchObject({
      message: 'The reply to PL-2026-0007 was already recorded by Mara Keller on Wed 1 Apr 2026, 12:00 CEST.',
    });
  });

  it('refuses everything but a repeated withdrawal once the letter is withdrawn', () => {
    const gone = letter(previewed, { ...acked, ...withdrawn });
    expect(decide(gone, 'acknowledge', owner, people)).toEqual({
      kind: 'refused',
      code: 'conflict',
      message:
        'PL-2026-0007 was withdrawn on Thu 5 Mar 2026, 11:00 CET, so you can no longer acknowledge it. If it is needed again, the mandate team can preview a new letter.',
    });
    for (const action of ['mark-sent', 'record-reply'] as const) {
      expect(decide(gone, action, team, people)).toMatchObject({ kind: 'refused', code: 'conflict' });
    }
    expect(decide(gone, 'withdraw', team, people)).toEqual({
      kind: 'already',
      message: 'PL-2026-0007 was already withdrawn by Mara Keller on Thu 5 Mar 2026, 11:00 CET.',
    });
  });

  it('refuses to withdraw a letter that has a reply and explains that the reply stays', () => {
    expect(decide(letter(previewed, replied), 'withdraw', team, people)).toEqual({
      kind: 'refused',
      code: 'conflict',
      message:
        'The reply to PL-2026-0007 was recorded on Wed 1 Apr 2026, 12:00 CEST, so you can no longer withdraw it. The reply stays on record.',
    });
  });

  it('still accepts a late acknowledgement after the reply', () => {
    expect(decide(letter(previewed, replied), 'acknowledge', owner, people)).toMatchObject({ kind: 'apply' });
  });

  it('guards a withdrawal against a reply landing first', () => {
    expect(decide(letter(previewed, sent), 'withdraw', team, people)).toEqual({
      kind: 'apply',
      fact: 'withdrawn',
      absent: ['replied'],
    });
  });
});
