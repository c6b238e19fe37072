import type { ClockPolicy } from '../../domain/policy';
import type { Platform } from '../../domain/types';
import { identityOn } from '../actor';
import { nameOf, type LetterContext } from '../letter-context';
import type { Voice } from '../messages/catalogue';
import type { NeutralCard, Segment } from '../ports';
import { letterCard } from './letter-card';

/** Why: names joined as the reader's language joins them, each a real mention where the person has an account here. */
export function mentionList(ctx: LetterContext, keys: string[], platform: Platform, v: Voice): Segment[] {
  const mention = (key: string): Segment => {
    const person = ctx.people.get(key);
    const identity = person && identityOn(person, platform);
    return identity ? { mention: identity, name: person.name } : { text: nameOf(ctx, key) };
  };
  return v.listParts(keys).map((part) => ('item' in part ? mention(keys[part.item]!) : part));
}

/** The thread's first reply: real mentions of the owners (names only for people without an account here). */
export function threadIntroSegments(ctx: LetterContext, platform: Platform, v: Voice): Segment[][] {
  const { routing } = ctx.letter;
  if (routing.unrouted) return [[{ text: v.t('thread.unrouted', { company: ctx.company.name }) }]];
  const lines: Segment[][] = [v.t('thread.attention', { owners: mentionList(ctx, routing.owners, platform, v) })];
  if (routing.backups.length > 0) lines.push([{ text: v.t('thread.backups', { names: routing.backups.map((k) => nameOf(ctx, k)) }) }]);
  return lines;
}

/** The direct message to an owner, in their words: the letter card, framed as routed to them. */
export function previewDirectCard(ctx: LetterContext, policy: ClockPolicy, now: Date, v: Voice): NeutralCard {
  // The owner's own copy: its one button is theirs, so it is not a per-person view.
  const { audience: _channelOnly, ...card } = letterCard(ctx, policy, now, v);
  return {
    ...card,
    title: v.t('card.direct-title', { title: card.title }),
    buttons: card.buttons.filter((b) => b.action === 'acknowledge'),
  };
}

/** Alert to admins for an unrouted letter: ids and topics only, never the summary. */
export function unroutedAlertCard(ctx: LetterContext, v: Voice): NeutralCard {
  const { letter, company } = ctx;
  return {
    title: v.t('alert.unrouted-title', { ref: letter.ref }),
    body: [[{ text: v.t('alert.unrouted', { company: company.name, topics: letter.topics }) }]],
    fields: [],
    buttons: [],
    tone: 'warning',
  };
}
