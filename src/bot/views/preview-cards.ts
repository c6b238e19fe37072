import type { ClockPolicy } from '../../domain/policy';
import type { Platform } from '../../domain/types';
import { identityOn } from '../actor';
import { nameOf, type LetterContext } from '../letter-context';
import type { NeutralCard, Segment } from '../ports';
import { letterCard } from './letter-card';

/** The thread's first reply: real mentions of the owners (names only for people without an account here). */
export function threadIntroSegments(ctx: LetterContext, platform: Platform): Segment[][] {
  const { routing } = ctx.letter;
  if (routing.unrouted) {
    return [[{ text: `Nobody at ${ctx.company.name} is on file for these topics yet. PreLetter admins have been alerted.` }]];
  }
  const mention = (key: string): Segment[] => {
    const person = ctx.people.get(key);
    const identity = person && identityOn(person, platform);
    return identity ? [{ mention: identity, name: person.name }] : [{ text: nameOf(ctx, key) }];
  };
  const list = (keys: string[]): Segment[] =>
    keys.flatMap((key, i) => [...(i > 0 ? [{ text: i === keys.length - 1 ? ' and ' : ', ' }] : []), ...mention(key)]);
  const lines: Segment[][] = [[{ text: 'For the attention of ' }, ...list(routing.owners), { text: '. Please acknowledge this preview.' }]];
  if (routing.backups.length > 0) {
    lines.push([{ text: `Backups if needed: ${routing.backups.map((k) => nameOf(ctx, k)).join(', ')}.` }]);
  }
  return lines;
}

/** The direct message to an owner: the letter card, framed as routed to them. */
export function previewDirectCard(ctx: LetterContext, policy: ClockPolicy, now: Date): NeutralCard {
  const card = letterCard(ctx, policy, now);
  return {
    ...card,
    title: `New letter preview routed to you: ${card.title}`,
    buttons: card.buttons.filter((b) => b.action === 'acknowledge'),
  };
}

/** Alert to admins for an unrouted letter: ids and topics only, never the summary. */
export function unroutedAlertCard(ctx: LetterContext): NeutralCard {
  const { letter, company } = ctx;
  return {
    title: `${letter.ref} has nobody to route to`,
    body: [[{ text: `A preview for ${company.name} on ${letter.topics.join(', ')} found no route and no default contact. Add a route or default contacts for ${company.name} to the directory.` }]],
    fields: [],
    buttons: [],
    tone: 'warning',
  };
}
