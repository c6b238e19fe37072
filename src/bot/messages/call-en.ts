/**
 * English words of calls for input (publishing one, a company's card and answer, the mandate
 * team's table of answers, reminders): part of the catalogue (en.ts spreads them in), kept
 * apart so the source catalogue stays readable. The same keys are in call-fr.ts and call-es.ts.
 */
import type { CallAnswer } from '../../domain/call';
import type { Formats } from './format';

const ANSWERS: Record<CallAnswer, string> = { contribute: 'We will contribute', submitted: 'Submitted', declined: 'Not for us' };
const companies = (n: number) => `${n} ${n === 1 ? 'company' : 'companies'}`;

function left(days: number): string {
  if (days > 1) return `${days} days left`;
  if (days === 1) return '1 day left';
  return days === 0 ? 'due today' : 'deadline passed';
}

/** Why: the English call words, and the shape call-fr.ts and call-es.ts must match. */
export const callEn = {
  // The company's card
  'call.title': (a: { ref: string; title: string }) => `${a.ref} · Call for input: ${a.title}`,
  'call.from': (a: { mandate: string }) => `The ${a.mandate} invites your company's input.`,
  'call.link': (a: { link: string }) => `Read the call: ${a.link}`,
  'call.label-deadline': () => 'Input due',
  'call.label-answer': () => 'Your answer',
  'call.due': (a: { at: Date; days: number }, f: Formats) => `${f.moment(a.at)} (${left(a.days)})`,
  'call.answer': (a: { answer: CallAnswer }) => ANSWERS[a.answer],
  'call.answer-by': (a: { answer: CallAnswer; name: string; at: Date }, f: Formats) => `${ANSWERS[a.answer]} (${a.name}, ${f.moment(a.at)})`,
  'call.no-answer': () => 'No answer yet',
  'call.closed-note': (a: { at: Date }, f: Formats) => `The mandate team closed this call on ${f.moment(a.at)}; no answer is needed any more.`,
  'call.footer': (a: { name: string; at: Date }, f: Formats) =>
    `Published by ${a.name}, ${f.moment(a.at)}. Your answer is seen only by your company and the mandate team.`,
  'call.button-contribute': () => 'We will contribute',
  'call.button-submitted': () => 'Submitted',
  'call.button-declined': () => 'Not for us',

  // Publishing a call
  'call.not-team': () => 'Only members of a mandate team can publish calls for input. If you support a mandate, ask your PreLetter admin to add you to its team.',
  'call.not-your-mandate': () => 'You are not on the team of the mandate you chose, so nothing was published. Choose one of your own mandates.',
  'call.which-mandate': () => 'Mandate: you are on several mandate teams, so choose which mandate publishes this call.',
  'call.no-topics': () =>
    'Your mandates have no topics on file, so a call cannot be sent to anyone. Ask your PreLetter admin to add topics to the directory.',
  'call.title-invalid': (a: { max: number }) => `Title: write a title of at most ${a.max} characters. Nothing was published.`,
  'call.link-invalid': () => 'Link: give the address of the published call, starting with https://. Nothing was published.',
  'call.topics-invalid': (a: { mandate: string; unknown?: string }) =>
    `Topics: choose at least one of the topics of the ${a.mandate}.${a.unknown === undefined ? '' : ` "${a.unknown}" is not one of them.`} Nothing was published.`,
  'call.deadline-invalid': (a: { days: number }) => `Deadline: choose a day from tomorrow to ${a.days} days from now. Nothing was published.`,
  'call.no-companies': () =>
    'Topics: no company in the directory has a route for these topics, so the call would reach nobody. Nothing was published.',
  'call.published-title': (a: { ref: string }) => `Call for input ${a.ref} published`,
  'call.published': (a: { ref: string; count: number; names: string[]; deadline: Date }, f: Formats) =>
    `${a.ref} went to ${companies(a.count)}: ${f.list(a.names)}. Answers are due by ${f.moment(a.deadline)}.`,
  'call.published-direct': (a: { names: string[] }, f: Formats) =>
    `PreLetter has no channel with ${f.list(a.names)}, so the people who own these topics there received it by direct message.`,
  'call.not-delivered': (a: { names: string[] }, f: Formats) =>
    `I could not deliver it to ${f.list(a.names)} yet. Please tell your PreLetter admin, who can check their channel and contacts.`,

  // Answering
  'call.not-found': (a: { ref: string }) => `There is no call for input ${a.ref} that you can see. Check the reference.`,
  'call.company-only': (a: { ref: string }) =>
    `Only the people of a company that ${a.ref} was sent to can answer it, for their own company. If it should be yours, ask your PreLetter admin to update the routing directory.`,
  'call.which-company': (a: { ref: string }) =>
    `${a.ref} went to more than one of the companies you work with: answer on the card in the channel of the company you answer for.`,
  'call.closed': (a: { ref: string; at: Date }, f: Formats) => `${a.ref} was closed by the mandate team on ${f.moment(a.at)}, so it takes no more answers.`,
  'call.answered-title': (a: { ref: string }) => `Answer recorded for ${a.ref}`,
  'call.answered': (a: { ref: string; company: string; answer: CallAnswer }) =>
    `Recorded for ${a.company}: "${ANSWERS[a.answer]}". The mandate team of ${a.ref} can see it.`,
  'call.already': (a: { ref: string; company: string; answer: CallAnswer; name: string; at: Date }, f: Formats) =>
    `The answer of ${a.company} to ${a.ref} is already "${ANSWERS[a.answer]}", given by ${a.name} on ${f.moment(a.at)}.`,
  'call.answer-note': (a: { company: string; answer: CallAnswer; name: string }) => `${a.company}: "${ANSWERS[a.answer]}" (${a.name}).`,
  'call.card-behind': () => "It is recorded, but I could not update every copy of the call's card; they will show it after the next change.",

  // The mandate team's table of answers
  'call.answers-title': (a: { ref: string; title: string }) => `Answers to ${a.ref}: ${a.title}`,
  'call.answers-summary': (a: { count: number; answered: number; deadline: Date }, f: Formats) =>
    `${a.answered} of ${companies(a.count)} answered. Input is due by ${f.moment(a.deadline)}.`,
  'call.answers-more': (a: { count: number }) => `${companies(a.count)} more are not shown here.`,
  'call.answers-footer': () => 'Seen only by the mandate team: each company sees its own answer only.',

  // Reminders
  'call.reminder-title': (a: { ref: string; days: number }) => (a.days > 0 ? `${a.ref}: ${left(a.days)} to send your input` : `${a.ref}: input is due today`),
  'call.reminder': (a: { company: string; deadline: Date }, f: Formats) =>
    `The call for input is waiting for the answer of ${a.company}; input is due by ${f.moment(a.deadline)}. Please answer on the card: we will contribute, submitted, or not for us.`,
};
