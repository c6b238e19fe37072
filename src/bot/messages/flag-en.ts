/**
 * English words of flags (a company's people raising an issue with the Special Procedures:
 * the form, the card the mandates get, acknowledging it, its status): part of the catalogue
 * (en.ts spreads them in), kept apart so the source catalogue stays readable. The same keys
 * are in flag-fr.ts and flag-es.ts.
 */
import type { Formats } from './format';
import { cmd, s } from './text';

const FIELDS: Record<string, string> = {
  topics: 'Topics',
  summary: 'What is the issue?',
  mandate: 'Which mandate (optional)',
  urgent: 'Urgency',
};

/** Why: the English flag words, and the shape flag-fr.ts and flag-es.ts must match. */
export const flagEn = {
  // The card the mandates get, and acknowledging it
  'flag.title': (a: { ref: string; company: string }) => `${a.ref} · Flag from ${a.company}`,
  'flag.topics': (a: { topics: string }) => `Topics: ${a.topics}`,
  'flag.urgent': () => 'Marked urgent by the company.',
  'flag.footer': (a: { name: string }) => `Raised by ${a.name}. Confidential: the company and the mandates it went to only.`,
  'flag.acknowledged-by': (a: { name: string; mandate: string; at: Date }, f: Formats) => `${a.name}, for the ${a.mandate}, ${f.moment(a.at)}`,
  'flag.ack-title': (a: { ref: string }) => `Flag ${a.ref} acknowledged`,
  'flag.ack-done': (a: { ref: string }) => `Thank you: ${a.ref} is acknowledged. The company is told.`,
  'flag.ack-told': (a: { ref: string; name: string; mandate: string }) => `${a.name} acknowledged ${a.ref} for the ${a.mandate}.`,
  'flag.ack-already': (a: { ref: string; name: string }) => `${a.ref} was already acknowledged by ${a.name}.`,
  'flag.ack-team-only': (a: { ref: string }) => `Only the team of a mandate that ${a.ref} was sent to can acknowledge it.`,
  'flag.not-found': (a: { ref: string }) => `There is no flag ${a.ref} that you can see. Check the reference.`,

  // Raising one
  'flag.raised-title': (a: { ref: string }) => `Flag ${a.ref} raised`,
  'flag.raised': (a: { ref: string; to: string }) => s`${a.ref} is with ${a.to}. I will tell you privately when it is acknowledged; ${cmd('status')} shows it too.`,
  'flag.to-admins': (a: { ref: string }) => `No mandate lists these topics, so ${a.ref} went to the PreLetter admins, who will pass it on.`,
  'flag.company-only': () => 'Only the people a company lists in the directory can raise a flag for it. Ask your PreLetter admin to add you.',
  'flag.team-not-company': () =>
    s`Flags are how a company's people raise an issue with the Special Procedures, so only people a company lists can raise one. As a member of a mandate team, you can preview a letter to a company with ${cmd('preview')} instead.`,
  'flag.which-company': () => "Raise the flag in your company's channel, so PreLetter knows which company it comes from.",
  'flag.no-topic': () => 'Name at least one topic, so the flag reaches the mandates that cover it.',
  'flag.no-summary': (a: { max: number }) => `Write a short summary of the issue, at most ${a.max} characters.`,
  'flag.no-topics-offered': () =>
    'No mandate in the directory lists any topics yet, so the flag form has nothing to offer and nothing was created. Ask your PreLetter admin to add topics to the mandates.',

  // The form
  'flag.form-title': () => 'Raise a flag',
  'flag.form-intro': (a: { company: string }) =>
    `Raise an issue with the UN Special Procedures for ${a.company}. It goes to the mandates that cover the topics you choose, and stays confidential: only ${a.company}'s people and those mandates' teams see it.`,
  'flag.field': (a: { field: string }) => FIELDS[a.field] ?? a.field,
  'flag.topics-hint': () => 'They decide which mandates the flag reaches.',
  'flag.summary-hint': (a: { max: number }) => `A short summary of the issue: at most ${a.max} characters.`,
  'flag.mandate-hint': () => 'Leave it empty to let the topics decide. A mandate you choose gets the flag only if it covers one of its topics.',
  'flag.urgent-option': () => 'Urgent: the mandate teams are reminded sooner',
  'flag.submit': () => 'Raise the flag',
  'flag.write-summary': () => 'Write a short summary of the issue.',
  'flag.topic-not-offered': (a: { topic: string }) => `"${a.topic}" is not among the topics the mandates cover now. Please choose from the list.`,
  'flag.too-many-topics': (a: { max: number }) => `Choose at most ${a.max} topics.`,
  'flag.mandate-not-offered': () => 'That mandate is no longer in the directory. Please choose another, or leave the field empty.',
  'flag.out-of-date': () => s`This flag form is out of date, so nothing was created. Please run ${cmd('flag')} again.`,
  'flag.not-yours': () => s`This flag form was opened by someone else, so nothing was created. Type ${cmd('flag')} to get your own.`,
  'flag.used': () => s`This flag form was already submitted, so nothing new was created. ${cmd('status')} shows your company's flags.`,
  'flag.from-command': () => s`The flag form opens from the command: type ${cmd('flag')}.`,
  'flag.dialog-card': (a: { name: string }) =>
    `${a.name}, open the form to raise a flag with the Special Procedures. Only you see the form, and the flag goes to the mandates, not to this channel.`,

  // Status
  'flag.count': (a: { count: number }) => `${a.count} flag${a.count === 1 ? '' : 's'} raised with the Special Procedures, newest first.`,
  'flag.awaiting': () => 'Awaiting acknowledgement',
  'flag.acknowledged': (a: { mandate: string; at: Date }, f: Formats) => `Acknowledged by the ${a.mandate} on ${f.moment(a.at)}`,
  'flag.to-admins-short': () => 'The PreLetter admins (no mandate lists these topics)',
  'label.raised': () => 'Raised',
};
