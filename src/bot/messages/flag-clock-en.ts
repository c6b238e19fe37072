/**
 * English words of a flag's clocks (reminders to the mandate team, the admins told): part of
 * the catalogue (en.ts spreads them in); the same keys are in flag-clock-fr.ts and -es.ts.
 */
import type { Segment } from '../ports';
import type { Formats } from './format';
import { cmd, s } from './text';

/** Why: the English words of a flag's reminders, and the shape the French and Spanish ones must match. */
export const flagClockEn = {
  'flag.reminder-title': (a: { ref: string }) => `Flag ${a.ref} awaits acknowledgement`,
  'flag.reminder': (a: { ref: string; company: string; since: Date; who: Segment[] }, f: Formats) =>
    s`${a.who.length > 0 ? [...a.who, { text: ': ' }] : []}${a.company} raised ${a.ref} on ${f.moment(a.since)} and nobody has acknowledged it yet. Acknowledge it with the button on its card, or with ${cmd('ack', a.ref)}; the company is told at once.`,
  'flag.delayed': (): Segment[] => [{ text: 'Some of it could not be delivered yet; PreLetter keeps trying, and the mandate team is reminded as usual.' }],
  'flag.ack-told-admins': (a: { ref: string; name: string }): string => `${a.name} acknowledged ${a.ref} for the PreLetter admins, who will pass it to the mandate it concerns.`,
  'flag.admins-title': (): string => 'PreLetter admins',
  'flag.escalation-title': (a: { ref: string }) => `Flag ${a.ref} is still unacknowledged`,
  'flag.escalation': (a: { ref: string; company: string; since: Date; mandates: string[] }, f: Formats) =>
    `${a.company} raised ${a.ref} on ${f.moment(a.since)} for the ${f.list(a.mandates)}, and nobody has acknowledged it after two reminders. Please follow up with the mandate team.`,
};
