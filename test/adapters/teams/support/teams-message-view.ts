/**
 * How Teams will read what the adapter sent: every text of the Adaptive Cards in a
 * connector call, and what in it Teams would turn into a mention (an `<at>` tag with a
 * matching entity), a channel- or team-wide mention, or a link (markdown links, bare
 * URLs, which TextBlocks auto-link, and OpenUrl actions). Strict on purpose: an `<at>`
 * tag with no entity counts as a mention attempt.
 */
import type { PlatformDelivery } from '../../../contract/chat-platform-contract';
import type { ConnectorCall, ConnectorFake } from './connector-fake';

type Json = Record<string, any>;

/** Why: the activity a call carried (a channel post carries it inside the create parameters). */
export function activityOf(call: ConnectorCall): Json | undefined {
  if (call.operation === 'create') return call.body?.activity;
  return call.operation === 'send' || call.operation === 'reply' || call.operation === 'update' ? call.body : undefined;
}

/** Why: the Adaptive Card contents attached to a call's activity. */
export function cardsOf(call: ConnectorCall): Json[] {
  const attachments: Json[] = activityOf(call)?.attachments ?? [];
  return attachments.filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content);
}

/** The first card of a call (most calls carry exactly one). */
export function cardOf(call: ConnectorCall): Json {
  const card = cardsOf(call)[0];
  if (!card) throw new Error(`call ${call.operation} carries no Adaptive Card`);
  return card;
}

interface Walked {
  /** Texts Teams reads as markdown (TextBlocks, facts). */
  markdown: string[];
  /** Texts shown as typed (button titles, input labels, choices, values). */
  plain: string[];
  urls: string[];
  entities: Json[];
  verbs: string[];
}

function walk(node: unknown, out: Walked): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, out));
  if (node === null || typeof node !== 'object') return;
  const o = node as Json;
  if (o.type === 'TextBlock' && typeof o.text === 'string') out.markdown.push(o.text);
  if (o.type === 'FactSet') for (const f of o.facts ?? []) out.markdown.push(String(f.title), String(f.value));
  if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string') out.plain.push(o.title);
  if (o.type === 'Action.Execute' && typeof o.verb === 'string') out.verbs.push(o.verb);
  if (o.type === 'Action.OpenUrl' && typeof o.url === 'string') out.urls.push(o.url);
  if (typeof o.type === 'string' && o.type.startsWith('Input.')) {
    for (const key of ['label', 'title', 'placeholder', 'value']) if (typeof o[key] === 'string') out.plain.push(o[key]);
    for (const c of o.choices ?? []) out.plain.push(String(c.title));
  }
  if (o.msteams?.entities) out.entities.push(...o.msteams.entities);
  for (const [key, value] of Object.entries(o)) if (key !== 'msteams') walk(value, out);
}

function walkCall(call: ConnectorCall): Walked {
  const out: Walked = { markdown: [], plain: [], urls: [], entities: [], verbs: [] };
  const activity = activityOf(call);
  if (typeof activity?.text === 'string') out.markdown.push(activity.text);
  out.entities.push(...(activity?.entities ?? []).filter((e: Json) => e.type === 'mention'));
  walk(cardsOf(call), out);
  return out;
}

const AT_TAG = /<at>(.*?)<\/at>/g;
const MARKDOWN_LINK = /\]\(([^)\s]+)\)/g;
const BARE_URL = /(https?:\/\/[^\s<>()]+|\b(?:mailto|tel):[^\s<>()]+|\bwww\.[^\s<>()]+)/gi;
const USER_ID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|29:.+)$/i;

/** Why: what Teams would actually notify and link for one call. */
export function analyse(call: ConnectorCall): { text: string; mentions: string[]; broadcasts: string[]; links: string[] } {
  const w = walkCall(call);
  const mentions: string[] = [];
  const broadcasts: string[] = [];
  for (const text of w.markdown) {
    for (const m of text.matchAll(AT_TAG)) {
      const entity = w.entities.find((e) => e.text === m[0]);
      const id = entity ? String(entity.mentioned?.id) : `unbacked:${m[1]}`;
      if (entity && !USER_ID.test(id)) broadcasts.push(id);
      else mentions.push(id);
    }
  }
  const links = [...w.urls];
  for (const text of w.markdown) {
    links.push(...[...text.matchAll(MARKDOWN_LINK)].map((m) => m[1]!));
    links.push(...[...text.matchAll(BARE_URL)].map((m) => m[1]!));
  }
  return { text: [...w.markdown, ...w.plain].join('\n'), mentions, broadcasts, links: [...new Set(links)] };
}

/** Why: what a person sees on screen (word joiners are invisible), for readable assertions. */
export function visibleText(call: ConnectorCall): string {
  return analyse(call).text.replace(/\u2060/g, '');
}

/** Why: the Action.Execute verbs on a call's cards, in order (ShowCard confirmations included). */
export function verbsOf(call: ConnectorCall): string[] {
  return walkCall(call).verbs;
}

/** Why: the contract suite's platform-neutral view of the fake's recorded calls. */
export function teamsDeliveries(fake: ConnectorFake): PlatformDelivery[] {
  const out: PlatformDelivery[] = [];
  for (const call of fake.calls.filter((c) => c.ok)) {
    const seen = analyse(call);
    const base = call.conversationId.split(';')[0]!;
    const root = /;messageid=(.+)$/.exec(call.conversationId)?.[1];
    if (call.operation === 'create' && call.body?.activity) {
      out.push({ kind: 'root', conversation: base, messageId: String(call.activityId), ...seen });
    } else if (call.operation === 'send' || call.operation === 'reply') {
      const member = fake.memberOfChat(base);
      if (member) out.push({ kind: 'direct', conversation: base, messageId: String(call.activityId), recipient: member, ...seen });
      else if (root) out.push({ kind: 'thread-reply', conversation: base, messageId: String(call.activityId), threadId: root, ...seen });
      else out.push({ kind: 'root', conversation: base, messageId: String(call.activityId), ...seen });
    } else if (call.operation === 'update') {
      out.push({ kind: 'update', conversation: base, messageId: String(call.activityId), ...seen });
    }
  }
  return out;
}
