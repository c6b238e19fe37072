/**
 * English words of the call-for-input form (Slack modal, Teams card and dialog) and of a
 * call's status: part of the catalogue (en.ts spreads them in), kept apart so call-en.ts
 * stays readable. The same keys are in call-form-fr.ts and call-form-es.ts.
 */
import type { Formats } from './format';
import { cmd, s } from './text';

const FIELDS: Record<string, string> = {
  mandate: 'Which mandate',
  title: 'Title',
  link: 'Link to the call',
  topics: 'Topics',
  deadline: 'Input due by',
};

/** Why: the English call form words, and the shape call-form-fr.ts and call-form-es.ts must match. */
export const callFormEn = {
  'call.form-title': () => 'Call for input',
  'call.form-intro': () =>
    'Publish a call for input. It goes to every company whose routes cover one of its topics; each company answers on its own card, and only your team sees the table of answers.',
  'call.field': (a: { field: string }) => FIELDS[a.field] ?? `field ${a.field}`,
  'call.mandate-hint': () => 'You are on several mandate teams: choose the one that publishes the call.',
  'call.title-hint': (a: { max: number }) => `What the call is about, as companies will read it: at most ${a.max} characters.`,
  'call.link-hint': () => 'The address where the call is published, starting with https://.',
  'call.topics-hint': () => 'The call goes to every company with a route on one of these topics. They must be topics of the mandate that publishes it.',
  'call.deadline-hint': (a: { first: string; last: string }, f: Formats) => `A day from ${f.day(a.first)} to ${f.day(a.last)}; input counts until the end of that day.`,
  'call.submit': () => 'Publish',
  'call.out-of-date': () => s`This call form is out of date, so nothing was published. Please run ${cmd('call')} again.`,
  'call.not-yours': () => s`This call form was opened by someone else, so nothing was published. Type ${cmd('call')} to get your own.`,
  'call.used': () => 'This call form was already submitted, so nothing new was published.',
  'call.from-command': () => s`The call form opens from the command: type ${cmd('call')}.`,
  'call.dialog-card': (a: { name: string }) =>
    `${a.name}, open the form to publish a call for input. Only you see the form; the call goes to the companies, not to this channel.`,
};
