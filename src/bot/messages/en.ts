/**
 * English: the source catalogue. Every sentence a person sees is here, with the
 * same keys in French (fr.ts) and Spanish (es.ts). Commands are `cmd(...)` parts,
 * written by each adapter its own way; dates come from the reader's formats.
 */
import type { CommandName } from '../../domain/command';
import type { LetterAction } from '../../domain/lifecycle';
import type { AuditAction, LetterStatus, LetterType, Platform } from '../../domain/types';
import type { Segment } from '../ports';
import type { Formats } from './format';
import { callEn } from './call-en';
import { callFormEn } from './call-form-en';
import { flagClockEn } from './flag-clock-en';
import { flagEn } from './flag-en';
import { reportEn } from './report-en';
import { closed, cmd, commandList, s } from './text';

const TYPES: Record<LetterType, string> = { UA: 'Urgent appeal', AL: 'Allegation letter', OL: 'Other letter' };
const STATUSES: Record<LetterStatus, string> = {
  'awaiting-ack': 'Awaiting acknowledgement',
  acknowledged: 'Acknowledged',
  'awaiting-reply': 'Awaiting reply',
  overdue: 'Overdue',
  replied: 'Replied',
  withdrawn: 'Withdrawn',
};
const EVENTS: Record<AuditAction, string> = {
  previewed: 'Previewed',
  routed: 'Routed',
  posted: 'Posted in the channel',
  'unrouted-alert': 'Admins alerted: nobody on file',
  acknowledged: 'Acknowledged',
  'formal-sent': 'Formal letter sent',
  replied: 'Reply recorded',
  withdrawn: 'Withdrawn',
};
/** What each action is, as the end of "you can no longer …". */
const DOING: Record<LetterAction, string> = {
  acknowledge: 'acknowledge it',
  'mark-sent': 'mark its formal letter as sent',
  'record-reply': 'record a reply on it',
  withdraw: 'withdraw it',
};
const DONE: Record<LetterAction, (ref: string) => string> = {
  acknowledge: (ref) => `${ref} was already acknowledged`,
  'mark-sent': (ref) => `The formal letter for ${ref} was already marked as sent`,
  'record-reply': (ref) => `The reply to ${ref} was already recorded`,
  withdraw: (ref) => `${ref} was already withdrawn`,
};
const PLATFORMS: Record<Platform, string> = { slack: 'Slack', teams: 'Microsoft Teams' };
const USAGE: Record<CommandName, string[]> = {
  preview: [],
  flag: [],
  call: [],
  status: ['[REF or company]'],
  ack: ['REF'],
  sent: ['REF', '[official symbol]'],
  replied: ['REF'],
  withdraw: ['REF', '[reason]'],
  report: ['[period]'],
  help: [],
};
const DESCRIPTIONS: Record<CommandName, string> = {
  preview: 'Preview a letter to a company in this channel.',
  flag: 'Raise an issue with the Special Procedures for your company (opens a form).',
  call: 'Publish a call for input to the companies whose topics match (opens a form; mandate teams).',
  status: 'Show where your letters stand, or one letter or company.',
  ack: 'Acknowledge a letter routed to you.',
  sent: 'Mark the formal letter as sent; this starts the reply clock.',
  replied: "Record the company's reply to the formal letter.",
  withdraw: 'Withdraw a letter that will not be sent; the reason, if you give one, is shown to the company.',
  report: 'Who answered in time (letters, flags, calls for input), per company and mandate: a year, a month or days (default: 12 months).',
  help: 'Show these commands.',
};
const FIELDS: Record<string, string> = {
  type: 'Letter type',
  mandate: 'From which mandate',
  topics: 'Topics',
  summary: 'Summary',
  expectedDate: 'Expected date of the formal letter',
  urgent: 'Urgency',
};
const EXAMPLE_REF = 'PL-2026-0007';

function left(days: number): string {
  if (days > 1) return `${days} days left`;
  if (days === 1) return '1 day left';
  if (days === 0) return 'due today';
  return days === -1 ? '1 day overdue' : `${-days} days overdue`;
}

function reminded(f: Formats, people: Array<{ name: string; at: Date }>): string {
  if (people.length === 0) return '';
  const names = f.list(people.map((p) => `${p.name} (reminded ${f.moment(p.at)})`));
  return ` ${names} ${people.length === 1 ? 'has' : 'have'} not acknowledged it.`;
}


/** Why: the English words, and the shape (keys and arguments) every other language must match. */
export const en = {
  // The report (report-en.ts)
  ...reportEn,
  // A flag's clocks (flag-clock-en.ts)
  ...flagClockEn,
  // Calls for input (call-en.ts)
  ...callEn,
  ...callFormEn,
  // Flags (flag-en.ts)
  ...flagEn,
  // Names and labels
  'letter.type': (a: { type: LetterType }) => TYPES[a.type],
  'letter.status': (a: { status: LetterStatus }) => STATUSES[a.status],
  'letter.event': (a: { action: AuditAction }) => EVENTS[a.action],
  'platform.name': (a: { platform: Platform }) => PLATFORMS[a.platform],
  'time.left': (a: { days: number }) => left(a.days),
  'time.zone': (a: { zone: string }) => `Times are in ${a.zone}.`,
  'label.status': () => 'Status',
  'label.type': () => 'Type',
  'label.topics': () => 'Topics',
  'label.routed-to': () => 'Routed to',
  'label.expected': () => 'Formal letter expected',
  'label.acknowledged': () => 'Acknowledged',
  'label.formal-sent': () => 'Formal letter sent',
  'label.replied': () => 'Reply recorded',
  'label.withdrawn': () => 'Withdrawn',
  'label.symbol': () => 'Official symbol',
  'label.reply-due': () => 'Reply due',
  'label.letter': () => 'Letter',
  'label.company': () => 'Company',
  'button.acknowledge': () => 'Acknowledge',
  'button.mark-sent': () => 'Mark formal letter sent',
  'button.record-reply': () => 'Record reply',
  'button.withdraw': () => 'Withdraw',
  'button.keep': () => 'Keep it',
  'button.open-thread': () => 'Open thread',
  'button.preview': () => 'Preview',
  'button.cancel': () => 'Cancel',
  'button.preview-letter': () => 'Preview a letter',
  'button.confirm': () => 'Are you sure?',

  // The letter's card
  'card.title': (a: { ref: string; type: LetterType; company: string }) => `${a.ref} · ${TYPES[a.type]} preview for ${a.company}`,
  'card.from': (a: { mandate: string }) => `From ${a.mandate}.`,
  'card.type': (a: { type: LetterType; urgent: boolean }) => `${TYPES[a.type]} (${a.type})${a.urgent ? ', urgent' : ''}`,
  'card.unrouted': () => 'Nobody on file yet: admins have been alerted',
  'card.fact': (a: { name: string; at: Date }, f: Formats) => `${a.name}, ${f.moment(a.at)}`,
  'card.due': (a: { at: Date; days: number }, f: Formats) => `${f.moment(a.at)} (${left(a.days)})`,
  'card.footer': (a: { name: string; at: Date }, f: Formats) => `Confidential until published. Previewed by ${a.name}, ${f.moment(a.at)}.`,
  'card.withdraw-title': (a: { ref: string }) => `Withdraw ${a.ref}?`,
  'card.withdraw-text': () => 'The company will be told the letter will not be sent, and all reminders stop.',
  'card.direct-title': (a: { title: string }) => `New letter preview routed to you: ${a.title}`,
  'thread.title': () => 'Routing',
  'thread.unrouted': (a: { company: string }) => `Nobody at ${a.company} is on file for these topics yet. PreLetter admins have been alerted.`,
  'thread.attention': (a: { owners: Segment[] }) => s`For the attention of ${a.owners}. Please acknowledge this preview.`,
  'thread.backups': (a: { names: string[] }, f: Formats) => `Backups if needed: ${f.list(a.names)}.`,
  'alert.unrouted-title': (a: { ref: string }) => `${a.ref} has nobody to route to`,
  'alert.unrouted': (a: { company: string; topics: string[] }, f: Formats) =>
    `A preview for ${a.company} on ${f.list(a.topics)} found no route and no default contact. Add a route or default contacts for ${a.company} to the directory.`,

  // Reminders and escalations
  'nudge.ack-title': (a: { ref: string }) => `Reminder: please acknowledge ${a.ref}`,
  'nudge.escalation-title': (a: { ref: string }) => `Escalation: ${a.ref} is not acknowledged yet`,
  'nudge.countdown-title': (a: { ref: string; days: number }) => (a.days > 0 ? `${a.ref}: ${left(a.days)} to reply` : `${a.ref}: the reply is due today`),
  'nudge.overdue-title': (a: { ref: string }) => `${a.ref}: the reply is overdue`,
  'nudge.ack': (a: { company: string }) =>
    `This preview for ${a.company} is waiting for an acknowledgement. Please acknowledge it, or tell the mandate team in the thread who should own it.`,
  'nudge.backups': (a: { company: string; reminded: Array<{ name: string; at: Date }> }, f: Formats) =>
    `You are a backup for this preview to ${a.company}.${reminded(f, a.reminded)} Please make sure someone acknowledges it.`,
  'nudge.executive': (a: { company: string; reminded: Array<{ name: string; at: Date }> }, f: Formats) =>
    `You are the escalation contact for ${a.company}.${reminded(f, a.reminded)} Please make sure someone at ${a.company} acknowledges it.`,
  'nudge.overdue': (a: { deadline: Date }, f: Formats) =>
    `The reply to the formal letter was due by ${f.moment(a.deadline)}. A late reply is still welcome, but replies after the deadline may not be reflected in the mandate holder's report.`,
  'nudge.countdown': (a: { deadline: Date }, f: Formats) =>
    `The company's reply to the formal letter is due by ${f.moment(a.deadline)}. Replies within the deadline are reflected in the mandate holder's report.`,
  'nudge.for': (a: { people: Segment[] }) => s`For ${a.people}:`,
  'nudge.letter': (a: { ref: string; type: LetterType; mandate: string }) => `${a.ref} · ${TYPES[a.type]} from ${a.mandate}`,
  'undelivered.post-title': (a: { ref: string }) => `${a.ref} could not be posted`,
  'undelivered.post': (a: { ref: string; company: string }) =>
    `I tried several times but could not post ${a.ref} in ${a.company}'s channel, so the company has not seen it there. Please check that PreLetter is still in that channel, and tell your PreLetter admin.`,
  'undelivered.title': (a: { ref: string; reminder: boolean }) => `${a.reminder ? 'A reminder' : 'A message'} for ${a.ref} could not be delivered`,
  'undelivered.text': (a: { ref: string; company: string; reminder: boolean; to: 'thread' | 'admins' | 'person'; name?: string }) =>
    `I tried several times but could not deliver ${a.reminder ? 'a reminder' : 'a message'} about ${a.ref} (${a.company}) to ${a.to === 'thread' ? "the letter's thread" : a.to === 'admins' ? 'the PreLetter admins' : a.name}. Please follow up with them directly.`,

  // Status and timeline
  'status.title': () => 'Your letters',
  'status.company-title': (a: { company: string }) => `Your letters to ${a.company}`,
  'status.none-company': () => 'There are no letters to this company that you can see.',
  'status.none': () => s`There are no letters you can see yet. Mandate teams open one with ${cmd('preview')} in a company's channel.`,
  'status.count': (a: { count: number; zone: string }) => `${a.count} letter${a.count === 1 ? '' : 's'}, newest first. Times are in ${a.zone}.`,
  'status.due': (a: { at: Date; days: number }, f: Formats) => `${left(a.days)} (due ${f.moment(a.at)})`,
  'status.unknown-company': (a: { name: string }) =>
    s`I don't know a company called "${a.name}" among the companies you work with. Try its name as it appears on the letter cards, or ${cmd('status')} for all your letters.`,
  'timeline.title': (a: { ref: string }) => `${a.ref} timeline`,
  'timeline.about': (a: { type: LetterType; mandate: string; company: string }) => `${TYPES[a.type]} from ${a.mandate} to ${a.company}.`,

  // Help and commands
  'help.title': () => 'PreLetter commands',
  'help.intro': () => 'PreLetter opens a thread for each letter preview, routes it to the right person at the company, and keeps the 60-day reply clock.',
  'help.command': (a: { name: CommandName }) => s`${cmd(a.name, ...USAGE[a.name])}: ${DESCRIPTIONS[a.name]}`,
  'help.description': (a: { name: CommandName }) => DESCRIPTIONS[a.name],
  'help.commands': () => s`Commands: ${commandList(USAGE)}.`,
  'command.unknown': (a: { word: string; guess?: CommandName }) =>
    s`"${a.word}" is not a PreLetter command.${a.guess ? s` Did you mean ${cmd(a.guess)}?` : ''} Commands: ${commandList(USAGE)}.`,
  'command.extra': (a: { extra: string; name: CommandName }) => s`Please leave out "${a.extra}": ${a.name} is used like ${cmd(a.name, ...USAGE[a.name])}.`,
  'command.ref-missing': (a: { name: CommandName }) => s`The letter reference is missing: ${a.name} needs one, like ${cmd(a.name, EXAMPLE_REF)}.`,
  'command.ref-invalid': (a: { typed: string }) => `"${a.typed}" is not a letter reference: it should look like ${EXAMPLE_REF}.`,
  'command.invalid': (a: { field: string; name: CommandName }) => s`The ${a.field} of ${a.name} is not valid: use it like ${cmd(a.name, ...USAGE[a.name])}.`,
  'command.preview-here': () =>
    s`Letters are previewed in the channel you share with the company, so nothing was created here. Run ${cmd('preview')} in that channel.`,

  // Actions on a letter
  'action.forbidden-owner': (a: { ref: string; action: LetterAction }) =>
    `Only the people ${a.ref} is routed to, or its company's contacts, can ${DOING[a.action]}. If it should be yours, ask your PreLetter admin to update the routing directory.`,
  'action.forbidden-team': (a: { ref: string; action: LetterAction }) =>
    `Only the mandate team of ${a.ref} can ${DOING[a.action]}. If you are on that team, ask your PreLetter admin to add you to it.`,
  'action.withdrawn': (a: { ref: string; action: LetterAction; at: Date }, f: Formats) =>
    `${a.ref} was withdrawn on ${f.moment(a.at)}, so you can no longer ${DOING[a.action]}. If it is needed again, the mandate team can preview a new letter.`,
  'action.replied': (a: { ref: string; action: LetterAction; at: Date }, f: Formats) =>
    `The reply to ${a.ref} was recorded on ${f.moment(a.at)}, so you can no longer ${DOING[a.action]}. The reply stays on record.`,
  'action.already': (a: { ref: string; action: LetterAction; name: string; at: Date }, f: Formats) =>
    `${DONE[a.action](a.ref)} by ${a.name} on ${f.moment(a.at)}.`,
  'action.not-sent': (a: { ref: string }) =>
    s`The formal letter for ${a.ref} has not been marked as sent yet, so its reply cannot be recorded. Mark it sent first with ${cmd('sent', a.ref)}, then record the reply.`,
  'action.changed': (a: { ref: string }) => `${a.ref} changed while you were acting on it. Please try again.`,
  'action.thread-behind': () => "It is recorded, but I could not update the letter's thread; the card will catch up with the next change.",
  'ack.title': (a: { ref: string }) => `Acknowledged ${a.ref}`,
  'ack.note': (a: { name: string }) => `${a.name} acknowledged this preview. Reminders to acknowledge stop here.`,
  'ack.done': (a: { ref: string }) => `Thank you: ${a.ref} is acknowledged. The mandate team can see it in the thread.`,
  'sent.title': (a: { ref: string }) => `Formal letter sent for ${a.ref}`,
  'sent.note': (a: { name: string; symbol?: string; deadline: Date; days: number }, f: Formats) =>
    `${a.name} marked the formal letter as sent${a.symbol ? ` (${a.symbol})` : ''}: the reply is due by ${f.moment(a.deadline)} (${a.days} days).`,
  'sent.done': (a: { ref: string; deadline: Date; days: number }, f: Formats) =>
    `Recorded: the formal letter for ${a.ref} is sent, and the reply is due by ${f.moment(a.deadline)} (${a.days} days).`,
  'reply.title': (a: { ref: string }) => `Reply recorded for ${a.ref}`,
  'reply.note': (a: { name: string }) => `${a.name} recorded the company's reply. Thank you; no more reminders will be sent.`,
  'reply.done': (a: { ref: string }) => `Recorded: ${a.ref} has its reply. All reminders have stopped.`,
  'withdraw.title': (a: { ref: string }) => `Withdrawn ${a.ref}`,
  'withdraw.note': (a: { name: string; reason?: string }) =>
    `${a.name} withdrew this letter preview${a.reason ? `: ${closed(a.reason)}` : '.'} No action is needed from the company.`,
  'withdraw.done': (a: { ref: string }) => `${a.ref} is withdrawn, and all reminders have stopped.`,

  // Previewing a letter
  'preview.not-bound': () =>
    'This channel is not bound to a company in the PreLetter directory, so nothing was created. Preview the letter in the channel you share with the company, or ask your PreLetter admin to bind this channel.',
  'preview.not-team': () => 'Only members of a mandate team can preview letters. If you support a mandate, ask your PreLetter admin to add you to its team.',
  'preview.no-topics': (a: { company: string }) =>
    `There are no topics on file for ${a.company} or your mandates that the preview form can offer, so nothing was created. Ask your PreLetter admin to add topics to the directory.`,
  'preview.topics': (a: { company: string; max: number; unknown?: string }) =>
    `Topics: choose between 1 and ${a.max} of the topics the form offers for ${a.company}.${a.unknown === undefined ? '' : ` "${a.unknown}" is not one of them.`} Nothing was created.`,
  'preview.not-your-mandate': () => 'You are not on the team of the mandate you chose, so nothing was created. Choose one of your own mandates.',
  'preview.which-mandate': () => 'Mandate: you are on several mandate teams, so choose which mandate this letter comes from.',
  'preview.saved-title': (a: { ref: string }) => `Preview ${a.ref} saved`,
  'preview.opened-title': (a: { ref: string }) => `Preview ${a.ref} opened`,
  'preview.not-confirmed': (a: { ref: string }) =>
    `${a.ref} is saved, but I could not confirm yet that its card is in the company's channel. If it is not there yet, I will post it as soon as I can, and the people it is routed to will be told then; you do not need to do anything.`,
  'preview.no-access': (a: { ref: string; platform: Platform }) =>
    `${a.ref} is saved, but ${PLATFORMS[a.platform]} does not let PreLetter post in the company's channel, so it is not there yet. Please add PreLetter to that channel (or ask your PreLetter admin to check it is still the company's channel): I will keep trying for a quarter of an hour and post it as soon as I can. Do not preview it again.`,
  'preview.refused': (a: { ref: string; platform: Platform }) =>
    `${a.ref} is saved, but ${PLATFORMS[a.platform]} did not accept the card yet, so it is not in the company's channel. It will appear there as soon as ${PLATFORMS[a.platform]} answers, and the people it is routed to will be told then; you do not need to do anything.`,
  'preview.unrouted': (a: { ref: string; company: string; topics: string[] }, f: Formats) =>
    `${a.ref} is saved and posted, but nobody at ${a.company} is on file for ${f.list(a.topics)}. The PreLetter admins have been alerted; the letter waits in the company's channel until someone acknowledges it.`,
  'preview.open': (a: { ref: string; names: string[] }, f: Formats) => `${a.ref} is open in the company's channel and routed to ${f.list(a.names)}.`,
  'preview.dm-lost': (a: { names: string[] }, f: Formats) => `I could not send a direct message to ${f.list(a.names)}; they will still see the mention in the thread.`,
  'preview.dm-later': (a: { names: string[] }, f: Formats) => `My direct message to ${f.list(a.names)} has not gone through yet; I will keep trying.`,

  // The preview form
  'form.title': () => 'Preview a letter',
  'form.intro': (a: { company: string }) =>
    `Preview a letter to ${a.company}. It is posted in the company's channel only, routed to the company's issue owner, and stays confidential until published.`,
  'form.field': (a: { field: string }) => FIELDS[a.field] ?? a.field,
  'form.topics-hint': () => 'They decide who at the company the preview is routed to.',
  'form.summary-hint': (a: { max: number }) => `A short heads-up, not the letter itself: at most ${a.max} characters.`,
  'form.urgent-option': () => 'Urgent: use the short reminder clocks (urgent appeals always do)',
  'form.correct': () => 'Please correct the fields marked in red below.',
  'form.choose-type': () => 'Choose the letter type.',
  'form.choose-mandate': () => 'Choose the mandate this letter comes from.',
  'form.choose-topic': () => 'Choose at least one topic.',
  'form.topic-not-offered': (a: { topic: string }) => `"${a.topic}" is not among the topics offered for this channel now. Please choose from the list.`,
  'form.write-summary': () => 'Write a short summary of the letter.',
  'form.summary-long': (a: { length: number; max: number }) => `The summary is ${a.length} characters long; the limit is ${a.max}. Please shorten it.`,
  'form.use-picker': () => 'Choose the date with the date picker.',
  'form.past-date': () => 'That date is in the past. Choose the date you expect to send the formal letter, today or later.',
  'form.toggle-urgent': () => 'Turn urgency on or off.',
  'form.unreadable': (a: { field: string }) => `PreLetter could not read this field (${a.field}). Please fill it in again.`,
  'form.out-of-date': () => s`This preview form is out of date. Please run ${cmd('preview')} in the company's channel again.`,
  'form.from-command': () => s`The preview form opens from the command: type ${cmd('preview')} in the company's channel.`,
  'form.sent-privately': (a: { name: string }) =>
    `${a.name}, I sent you the preview form in our private chat, so nothing confidential is typed here. The preview will be posted in this channel.`,
  'form.dialog-card': () => 'Preview a letter to the company of this channel. The form opens only for you.',
  'form.dialog-or-chat': () => 'If the form does not open here, PreLetter can send it to your private chat instead.',
  'button.open-form': () => 'Open the form',
  'button.form-to-chat': () => 'Send it to my chat',
  'form.in-chat': () => 'The preview form is in your private chat with PreLetter. The preview will be posted in this channel.',
  'form.done': (a: { ref: string }) => `Preview ${a.ref} is posted in this channel.`,
  'card.view-elsewhere': () => 'This card is live only in the letter\'s own channel.',
  'bridge.title': () => 'Mandate team copy',
  'bridge.mirrored': (a: { company: string; platform: string }) =>
    `This is the mandate team's copy of a letter posted in ${a.company}'s ${a.platform} channel. Buttons and commands work here too; messages in this thread and in the company's are relayed both ways, with each author's name.`,
  'relay.title': (a: { name: string; platform: string }) => `${a.name}, on ${a.platform}`,
  'relay.someone': (a: { platform: string }) => `Someone on ${a.platform}`,
  'relay.edited': () => '(edited)',
  'relay.deleted': () => 'The author deleted this message.',

  // Threads, buttons and places
  'thread.nothing-to-ack-title': () => 'Nothing to acknowledge',
  'thread.nothing-to-ack': () => s`This thread is not a letter's thread, so there is nothing to acknowledge here. Use ${cmd('ack', 'REF')} with the letter's reference.`,
  'click.working': () => 'PreLetter is still working on this; the card will update in a moment.',
  'click.repeated': () => 'That was already done: PreLetter acts on each click once.',
  'click.done': () => 'Done. The card could not be refreshed here; it shows the new status next time it is opened.',
  'click.unknown-button': () => s`This button is no longer in use. Type ${cmd('status')} to see where your letters stand.`,
  'form.not-yours': () => s`This preview form was opened by someone else, so nothing was created. Type ${cmd('preview')} in the company's channel to get your own.`,
  'form.used': () => s`This preview form was already submitted, so nothing new was created. ${cmd('status')} lists your letters.`,
  'click.unreadable': () => 'The button click could not be read (ref: is not a letter reference). Please try again.',

  // People and accounts
  'actor.unknown': (a: { platform: Platform; workspaceId: string; userId: string }) =>
    `I don't know your ${PLATFORMS[a.platform]} account yet, so I can't act for you. Ask your PreLetter admin to add it to the routing directory, and give them these ids: ${
      a.platform === 'teams' ? `Microsoft Teams tenant ${a.workspaceId}, Azure AD object id ${a.userId}` : `Slack workspace ${a.workspaceId}, user ${a.userId}`
    }.`,
  'letter.not-found': (a: { ref: string }) =>
    s`I could not find a letter with the reference ${a.ref} among the letters you can see. Check it with ${cmd('status')}, which lists them.`,
  'letter.directory-gap': (a: { ref: string }) => `The directory no longer lists the mandate or company of ${a.ref}. Ask your PreLetter admin to restore them.`,

  // Installing and welcoming
  'install.title': () => 'PreLetter is installed in this team',
  'install.bind': () =>
    "PreLetter posts a company's letter previews only in channels bound to that company in its routing directory. To bind this channel, a PreLetter admin adds this line under the company's channels in the directory file, and imports the file:",
  'install.other-channel': () =>
    'For another channel of this team, use "Get link to channel": its channelId is the part after /channel/ in that link, decoded (it starts with 19:), with the same workspaceId.',
  'install.tenant': () => 'workspaceId (tenant)',
  'install.channel': () => 'channelId (this channel)',
  'home.intro': () => s`PreLetter: letter previews to companies, and their 60-day reply clock. Type ${cmd('help')} in any channel for the commands.`,
  'welcome.title': () => 'Welcome to PreLetter',
  'welcome.what': () =>
    'PreLetter helps UN Special Procedures mandate holders preview formal letters to companies: each preview gets a thread in the channel shared with the company, is routed to the right person there, and the 60-day reply clock is kept with reminders.',
  'welcome.next': () => s`In this chat you can type ${cmd('status')} to see your letters, or ${cmd('help')} for every command. Mandate teams preview a letter with ${cmd('preview')} in the company's channel.`,
  'welcome.account': (a: { workspaceId: string; userId: string }) =>
    `If PreLetter does not know you yet, give your PreLetter admin these ids: Microsoft Teams tenant ${a.workspaceId}, Azure AD object id ${a.userId}.`,

  // Failures
  'error.title': () => 'That did not work',
  'error.internal': () =>
    'Sorry, something went wrong on our side and nothing was changed. Please try again in a minute; if it keeps happening, tell your PreLetter admin.',
  'error.unavailable': () => 'PreLetter cannot reach its records right now, so nothing was changed. Please try again in a minute.',
  'error.no-access': (a: { platform: Platform }) =>
    `${PLATFORMS[a.platform]} did not let PreLetter post there. Make sure PreLetter is added to that channel or chat, then try again; if it still fails, tell your PreLetter admin.`,
  'error.busy': (a: { platform: Platform }) => `${PLATFORMS[a.platform]} is very busy right now and did not accept the message after several tries. Please try again in a few minutes.`,
  'error.unreachable': (a: { platform: Platform }) =>
    `${PLATFORMS[a.platform]} could not be reached, so the request did not go through. Nothing is lost: please try again in a minute.`,
  'error.refused': (a: { platform: Platform }) =>
    `${PLATFORMS[a.platform]} did not accept the request, so it did not go through. Nothing is lost: please try again in a minute.`,
  'error.expired-trigger': (a: { platform: Platform }) =>
    `The form took too long to open, so ${PLATFORMS[a.platform]} did not show it. Nothing was changed: please run the command again.`,
  'error.unreadable': (a: { platform: Platform; field: string }) =>
    `${PLATFORMS[a.platform]} sent something PreLetter could not read (${a.field}). Please try again; if it keeps happening, tell your PreLetter admin.`,
};
