/**
 * The conversation as each person sees it: every call the Slack and Teams fakes
 * recorded becomes one line, stamped with the simulated time in its reader's zone,
 * saying where it appeared and the message's title and first line, with Block Kit
 * and Adaptive Card markup turned back into readable text (mentions as @Name).
 */
import { DateTime } from 'luxon';
import { zoneAbbreviation } from '../../src/bot/messages/format';
import type { Directory, Person } from '../../src/domain/types';
import type { RecordedApiCall } from '../adapters/slack/support/slack-api-fake';
import type { ConnectorCall } from '../adapters/teams/support/connector-fake';
import type { DemoWorld } from './world';

type Json = Record<string, any>;

/** One line of the transcript. */
export interface Entry {
  at: Date;
  platform: 'Slack' | 'Teams';
  /** The reader's IANA zone (for channel posts: the zone the thread's cards are written in). */
  zone: string;
  where: string;
  title: string;
  line: string;
  kind: 'message' | 'update' | 'input';
}

const TEXT_MAX = 150;

/** `Tue 03 Mar 10:00 CET`: the reader's wall clock. */
export function localStamp(at: Date, zone: string): string {
  return `${DateTime.fromJSDate(at, { zone }).setLocale('en-GB').toFormat('ccc dd LLL HH:mm')} ${zoneAbbreviation(at, zone)}`;
}

function clip(text: string, max = TEXT_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Keeps the recorded order of both fakes and stamps what is new with the simulated time. */
export class Transcript {
  readonly entries: Entry[] = [];
  private slackSeen = 0;
  private teamsSeen = 0;
  private readonly slackPeople = new Map<string, Person>();
  private readonly teamsPeople = new Map<string, Person>();
  private readonly channels = new Map<string, string>();
  private lastSlackActor?: Person;

  constructor(
    private readonly world: DemoWorld,
    directory: Directory,
    /** Zone channel posts are shown in: the mandate team's, which the thread's cards use too. */
    private readonly channelZone: string,
  ) {
    for (const p of directory.people) {
      for (const i of p.identities) (i.platform === 'slack' ? this.slackPeople : this.teamsPeople).set(i.userId, p);
    }
    for (const c of directory.companies) for (const ch of c.channels) this.channels.set(`${ch.platform}:${ch.channelId}`, `#${c.key}`);
    for (const m of directory.mandates) if (m.channel) this.channels.set(`${m.channel.platform}:${m.channel.channelId}`, `#${m.key}-team`);
  }

  private zoneOf(person: Person | undefined): string {
    return person?.timeZone ?? this.channelZone;
  }

  private push(entry: Omit<Entry, 'at'>, at = this.world.clock.now()): Entry {
    const full = { ...entry, at, title: clip(entry.title), line: clip(entry.line) };
    this.entries.push(full);
    return full;
  }

  /** What a person typed or clicked, in their own zone. */
  input(platform: Entry['platform'], personKey: string, place: string, text: string): Entry {
    const person = this.world.people.get(personKey)!;
    if (platform === 'Slack') this.lastSlackActor = person;
    return this.push({ platform, zone: this.zoneOf(person), where: `${person.name} in ${place}`, title: `» ${text}`, line: '', kind: 'input' });
  }

  /** The card Teams shows in place of the one a person clicked (an invoke's answer). */
  teamsCardAnswer(personKey: string, place: string, card: Json): Entry {
    const person = this.world.people.get(personKey)!;
    const glance = teamsGlance({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });
    return this.push({ platform: 'Teams', zone: this.zoneOf(person), where: `${place} (card refreshed)`, title: glance.title, line: lineOf(glance, 'update'), kind: 'update' });
  }

  /** Turns every call recorded since the last collect into entries at the current simulated time. */
  collect(): Entry[] {
    const before = this.entries.length;
    const slack = this.world.slackFake.calls.slice(this.slackSeen);
    this.slackSeen += slack.length;
    for (const call of slack) if (call.ok) this.slackEntry(call);
    const teams = this.world.connector.calls.slice(this.teamsSeen);
    this.teamsSeen += teams.length;
    for (const call of teams) if (call.ok) this.teamsEntry(call);
    return this.entries.slice(before);
  }

  private slackPlace(channel: string, threadTs?: unknown): string {
    const label = this.channels.get(`slack:${channel}`) ?? channel;
    return threadTs ? `${label} › thread` : label;
  }

  private slackEntry(call: RecordedApiCall): void {
    const a = call.args;
    const channel = String(a.channel ?? '');
    const dmOf = (ch: string) => (ch.startsWith('D') ? this.slackPeople.get(`U${ch.slice(1)}`) : undefined);
    const glance = slackGlance(call.method === 'views.open' ? (a.view as Json) : a, this.slackPeople);
    const title = glance.title;
    const line = lineOf(glance, call.method === 'chat.update' ? 'update' : 'message');
    if (call.method === 'chat.postMessage' || call.method === 'chat.update') {
      const dm = dmOf(channel);
      const place = dm ? `DM to ${dm.name}` : this.slackPlace(channel, a.thread_ts);
      const kind = call.method === 'chat.update' ? 'update' : 'message';
      this.push({ platform: 'Slack', zone: dm ? this.zoneOf(dm) : this.channelZone, where: kind === 'update' ? `${place} (card updated)` : place, title, line, kind });
    } else if (call.method === 'chat.postEphemeral') {
      const person = this.slackPeople.get(String(a.user));
      const place = dmOf(channel) ? 'DM' : this.slackPlace(channel, a.thread_ts);
      this.push({ platform: 'Slack', zone: this.zoneOf(person), where: `private reply to ${person?.name} in ${place}`, title, line, kind: 'message' });
    } else if (call.method === 'views.open') {
      const person = this.world.people.get(this.world.slackOrigins.get(String(a.trigger_id)) ?? '');
      this.push({ platform: 'Slack', zone: this.zoneOf(person), where: `modal for ${person?.name ?? 'someone'}`, title, line, kind: 'message' });
    } else if (call.method === 'response_url') {
      const person = this.lastSlackActor;
      this.push({ platform: 'Slack', zone: this.zoneOf(person), where: `private reply to ${person?.name ?? 'someone'}`, title, line, kind: 'message' });
    }
  }

  private teamsEntry(call: ConnectorCall): void {
    const activity: Json | undefined = call.operation === 'create' ? call.body?.activity : call.body;
    if (!activity || !['create', 'send', 'reply', 'update'].includes(call.operation)) return;
    const [base = '', root] = call.conversationId.split(';messageid=');
    const aad = base.startsWith('a:1personal-') ? base.slice('a:1personal-'.length) : undefined;
    const person = aad ? this.teamsPeople.get(aad) : undefined;
    const label = this.channels.get(`teams:${base}`) ?? base;
    const kind = call.operation === 'update' ? 'update' : 'message';
    // A post opens its own reply chain; an update names the root's chain and the root's id.
    const inThread = root !== undefined && call.operation !== 'create' && !(kind === 'update' && call.activityId === root);
    const place = aad ? `DM to ${person?.name ?? aad}` : inThread ? `${label} › thread` : label;
    const glance = teamsGlance(activity);
    this.push({ platform: 'Teams', zone: aad ? this.zoneOf(person) : this.channelZone, where: kind === 'update' ? `${place} (card updated)` : place, title: glance.title, line: lineOf(glance, kind), kind });
  }
}

/** What a reader takes in at a glance: the title, the first line, how many paragraphs, the first field. */
interface Glance {
  title: string;
  first: string;
  paragraphs: number;
  field?: string;
}

function fieldText(label: string, value: string): string {
  const short = label.length > 40 ? `${label.slice(0, 39)}…` : label;
  return `${short}: ${value.split('\n')[0]}`;
}

/** Block Kit (or a modal view) → what Slack displays, mentions as @Name and entities decoded. */
function slackGlance(message: Json, people: Map<string, Person>): Glance {
  const decode = (s: string) =>
    s
      .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_, id: string) => `@${people.get(id)?.name ?? id}`)
      .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2')
      .replace(/\*([^*\n]+)\*/g, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\u2060/g, '');
  const blocks: Json[] = Array.isArray(message.blocks) ? message.blocks : [];
  const header = blocks.find((b) => b.type === 'header')?.text?.text ?? message.title?.text;
  const sections = blocks.filter((b) => b.type === 'section' && typeof b.text?.text === 'string').map((b) => String(b.text.text));
  const fallback = String(message.text ?? '').split('\n');
  const firstField = blocks.find((b) => b.type === 'section' && Array.isArray(b.fields))?.fields[0]?.text;
  const [label = '', ...value] = firstField ? decode(String(firstField)).split('\n') : [];
  return {
    title: decode(String(header ?? fallback[0] ?? '')),
    first: decode(sections[0] ?? (header ? fallback[0] : fallback[1]) ?? '').split('\n')[0]!,
    paragraphs: sections.length,
    ...(firstField ? { field: fieldText(label, value.join(' ')) } : {}),
  };
}

/** An activity's Adaptive Card (or plain text) → what Teams displays, mentions as @Name. */
function teamsGlance(activity: Json): Glance {
  const decode = (s: string) =>
    s
      .replace(/<at>(.*?)<\/at>/g, '@$1')
      .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
      .replace(/\*\*([^*]+)\*\*/g, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\u2060/g, '');
  const texts: string[] = [];
  const facts: Json[] = [];
  let smallPrint = 0;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const o = node as Json;
    if (o.type === 'TextBlock' && typeof o.text === 'string') texts.push(o.text);
    if (o.type === 'TextBlock' && o.isSubtle) smallPrint += 1;
    if (o.type === 'FactSet') facts.push(...(o.facts ?? []));
    if (o.type === 'AdaptiveCard') return walk(o.body);
    for (const [key, value] of Object.entries(o)) if (key !== 'actions') walk(value);
  };
  const cards = ((activity.attachments as Json[] | undefined) ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  walk(cards.map((c) => c.content));
  if (texts.length === 0 && typeof activity.text === 'string') texts.push(...activity.text.split('\n'));
  const fact = facts[0];
  return {
    title: decode(texts[0] ?? ''),
    first: decode(texts[1] ?? '').split('\n')[0]!,
    paragraphs: Math.max(0, texts.length - 1 - smallPrint),
    ...(fact ? { field: fieldText(decode(String(fact.title)), decode(String(fact.value))) } : {}),
  };
}

/** The line shown after the title: a card update shows its first field (the status), a one-paragraph card adds it. */
function lineOf(glance: Glance, kind: Entry['kind']): string {
  if (!glance.field) return glance.first;
  if (kind === 'update') return glance.field;
  return glance.paragraphs <= 1 ? `${glance.first} ${glance.field}` : glance.first;
}

/** One printed line: reader's local time, platform, where, then title — first line. */
export function formatEntry(e: Entry): string {
  const text = clip(e.line ? `${e.title} — ${e.line}` : e.title, TEXT_MAX);
  return `${localStamp(e.at, e.zone).padEnd(21)} ${e.platform.padEnd(5)}  ${e.where.padEnd(52)} ${text}`;
}
