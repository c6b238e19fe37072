/**
 * Plain data types of the PreLetter domain. They carry no behaviour and no I/O, so
 * every layer (store, use cases, adapters) can share them without depending on
 * each other.
 */

/** Special Procedures letter types: urgent appeal, allegation letter, other letter. */
export type LetterType = 'UA' | 'AL' | 'OL';

/** The chat platforms PreLetter speaks to; used to pick identities and channel bindings. */
export type Platform = 'slack' | 'teams';

/** Derived status of a letter; never stored, always computed from its facts and the time. */
export type LetterStatus =
  | 'awaiting-ack'
  | 'acknowledged'
  | 'awaiting-reply'
  | 'overdue'
  | 'replied'
  | 'withdrawn';

/** A person's account on one platform, so inbound users map to directory people. */
export interface PlatformIdentity {
  platform: Platform;
  /** Slack team (workspace) id, or Teams tenant id. */
  workspaceId: string;
  /** Slack user id, or Teams AAD object id. */
  userId: string;
}

/** Someone in the routing directory: mandate staff, company contacts and admins alike. */
export interface Person {
  key: string;
  name: string;
  email: string;
  /** IANA zone; missing means "use the company's, then the configured default". */
  timeZone?: string;
  locale?: string;
  identities: PlatformIdentity[];
  /** Admins keep the directory and may see every letter's status. */
  admin: boolean;
}

/** A Special Procedures mandate (Special Rapporteur, Independent Expert) and its team. */
export interface Mandate {
  key: string;
  title: string;
  /** The mandate's time zone fixes the end of the deadline day. */
  timeZone: string;
  /** Person keys of the mandate holder and supporting staff. */
  team: string[];
  /** Topics offered by default when this mandate previews a letter. */
  topics: string[];
  /**
   * The mandate team's own channel, on either platform. A letter to a company whose bound
   * channel is on the other platform is mirrored here, and its two threads are bridged.
   */
  channel?: ChannelBinding;
}

/** A chat channel a company's letters may be posted in; nowhere else is allowed. */
export interface ChannelBinding {
  platform: Platform;
  /** Slack team id, or Teams tenant id. */
  workspaceId: string;
  /** Slack channel id, or Teams channel conversation id. */
  channelId: string;
}

/** One routing rule: letters on these topics go to these owners, then backups. */
export interface Route {
  topics: string[];
  owners: string[];
  backups: string[];
}

/** A technology company in dialogue with the mandates, with its routing rules. */
export interface Company {
  key: string;
  name: string;
  aliases: string[];
  /** Fallback time zone for its people who have none. */
  timeZone?: string;
  /** The language its channel posts are written in (a language tag such as "fr"); English when unset. */
  locale?: string;
  channels: ChannelBinding[];
  defaultContacts: string[];
  escalationContacts: string[];
  /** People added to every urgent appeal, whatever the topic. */
  urgentLine: string[];
  routes: Route[];
}

/** The whole routing directory, as imported from a file. */
export interface Directory {
  people: Person[];
  mandates: Mandate[];
  companies: Company[];
}

/** Who a letter was routed to when it was previewed; frozen so later edits do not reroute it. */
export interface Routing {
  owners: string[];
  backups: string[];
  escalation: string[];
  /** True when nobody was on file: the letter is kept and admins are alerted. */
  unrouted: boolean;
  /** The topics of the route that matched, or empty when defaults or nobody were used. */
  matchedTopics: string[];
}

/** A fact on a letter: set once, with who (person key, or "system") and when. */
export interface Fact {
  at: Date;
  by: string;
}

/** Where a letter's conversation lives on one platform; the ref is opaque to the core. */
export interface LetterThread {
  platform: Platform;
  channel: ChannelBinding;
  /** Adapter-owned thread reference, stored as-is. */
  threadRef: string;
  /** Adapter-owned reference of the root card, so it can be updated in place. */
  rootMessageRef: string;
  /**
   * Adapter-owned second key of the thread that does not depend on who replies from where
   * (Teams: the reply chain, without tenant or service URL), so a reply finds its letter
   * even from another organisation in a shared channel.
   */
  threadKey?: string;
}

/** Kinds of audit entries; the trail is append-only. */
export type AuditAction =
  | 'previewed'
  | 'acknowledged'
  | 'formal-sent'
  | 'replied'
  | 'withdrawn'
  | 'posted'
  | 'routed'
  | 'unrouted-alert';

/** One line of a letter's append-only audit trail: who did what, when (ids only, no text). */
export interface AuditEvent {
  at: Date;
  by: string;
  action: AuditAction;
  /** Short, non-confidential detail (ids, counts); never letter text. */
  detail?: string;
}

/** A previewed letter: its facts, routing and threads. Status is derived, never stored. */
export interface Letter {
  ref: string;
  type: LetterType;
  urgent: boolean;
  mandateKey: string;
  companyKey: string;
  topics: string[];
  /** Confidential: only shown in the bound channel, to routed people and the mandate team. */
  summary: string;
  /** ISO date (yyyy-mm-dd) the mandate expects to send the formal letter. */
  expectedFormalDate?: string;
  officialSymbol?: string;
  withdrawReason?: string;
  routing: Routing;
  /**
   * The bound channel the letter was previewed in: where its root card must appear.
   * The card is posted by a durable delivery planned from this field, so a letter is
   * never saved without the plan to show it.
   */
  channel?: ChannelBinding;
  /**
   * The mandate's own channel, set at the preview when the mandate has one on the other
   * platform: the letter's card is mirrored there and messages are relayed between the two
   * threads. Decided once, so a later directory change never sends it somewhere new.
   */
  mirror?: ChannelBinding;
  previewed: Fact;
  acknowledged?: Fact;
  formalSent?: Fact;
  replied?: Fact;
  withdrawn?: Fact;
  threads: LetterThread[];
  audit: AuditEvent[];
}

/** The facts a letter can gain after it is previewed, in lifecycle order. */
export type FactName = 'acknowledged' | 'formalSent' | 'replied' | 'withdrawn';
