/**
 * Persistence ports the use cases depend on. src/store implements them; the
 * core never sees a database type.
 */
import type { ReportLetter } from '../domain/report';
import type { NudgeKind } from '../domain/schedule';
import type {
  AuditEvent,
  ChannelBinding,
  Company,
  Directory,
  Fact,
  FactName,
  Letter,
  Mandate,
  Person,
  Platform,
  PlatformIdentity,
} from '../domain/types';

/** Read access to the routing directory, plus whole-directory import and export. */
export interface DirectoryRepository {
  findPersonByIdentity(identity: PlatformIdentity): Promise<Person | null>;
  getPerson(key: string): Promise<Person | null>;
  getPeople(keys: string[]): Promise<Person[]>;
  getMandate(key: string): Promise<Mandate | null>;
  /** Mandates whose team includes this person. */
  mandatesOfPerson(personKey: string): Promise<Mandate[]>;
  getCompany(key: string): Promise<Company | null>;
  /** The company a channel is bound to, or null: the only places its letters may appear. */
  findCompanyByChannel(channel: ChannelBinding): Promise<Company | null>;
  /** Companies that list this person anywhere (contacts, urgent line, routes). */
  companiesOfPerson(personKey: string): Promise<Company[]>;
  /** Case-insensitive match on key, name or alias. */
  findCompanyByName(name: string): Promise<Company | null>;
  listAdmins(): Promise<Person[]>;
  /** Every mandate, by key: a flag goes to those whose topics match (about 60 in all). */
  listMandates(): Promise<Mandate[]>;
  /** Every company, by key: a call for input goes to those whose routes match (a few thousand at most). */
  listCompanies(): Promise<Company[]>;
  isEmpty(): Promise<boolean>;
  /** Upsert every document of the directory, one atomic write per document. */
  apply(directory: Directory): Promise<{ people: number; mandates: number; companies: number }>;
  exportAll(): Promise<Directory>;
  /**
   * Why: a command, preview or sweep reads the same entries again and again; a unit of
   * work that checks once whether the directory changed may answer them from memory.
   */
  unitOfWork(): DirectoryRepository;
}

/**
 * Which letters a list shows: every scope the asker belongs to. Scopes are
 * `company:<key>`, `mandate:<key>`, `person:<key>` (routed to them) and `all`
 * (admins); a letter is in its company's, its mandate's, each routed person's and
 * `all` from the moment it is saved until the history retention prunes it.
 */
export interface LetterListQuery {
  scopes: string[];
  /** Only letters also in this scope (for example `company:<key>`), applied before the limit. */
  within?: string;
  limit: number;
}

/**
 * What a status list shows of a letter: who it is between, its facts and threads.
 * Never its text or audit trail, so lists are kept small and cannot leak.
 */
export type ListedLetter = Pick<
  Letter,
  'ref' | 'type' | 'urgent' | 'mandateKey' | 'companyKey' | 'previewed' | 'acknowledged' | 'formalSent' | 'replied' | 'withdrawn' | 'threads'
>;

/** Why: which letters a report reads: those previewed in its period, and every one still awaiting its reply (it may be overdue now). */
export interface ReportQuery {
  previewedFrom: Date;
  previewedBefore: Date;
  /** Only these mandates' letters (a mandate team's report); every letter when absent (an admin's). */
  mandateKeys?: string[];
}

/** Why: which flags a report reads: those raised in its period, and every one still unacknowledged (it may await one past its mark now). */
export interface FlagReportQuery {
  raisedFrom: Date;
  raisedBefore: Date;
  /**
   * Only flags routed to these mandates, each showing only these of its mandates (a mandate
   * team's report: another mandate's row is not theirs to see); every flag when absent (an admin's).
   */
  mandateKeys?: string[];
}

/** Why: which calls a report reads: those published in its period, and every one not closed whose deadline has passed (a company's answer may be missing now). */
export interface CallReportQuery {
  publishedFrom: Date;
  publishedBefore: Date;
  /** The report's moment: calls not closed whose deadline is before it are read whenever they were published. */
  now: Date;
  /** Only these mandates' calls (a mandate team's report); every call when absent (an admin's). */
  mandateKeys?: string[];
}

/** The list scope of a company's letters. */
export const companyScope = (key: string): string => `company:${key}`;
/** The list scope of a mandate's letters. */
export const mandateScope = (key: string): string => `mandate:${key}`;
/** The list scope of the letters routed to a person. */
export const personScope = (key: string): string => `person:${key}`;
/** The list scope of every letter (admins). */
export const ALL_SCOPE = 'all';

/** Letters and their append-only audit trails; every change is one atomic document update. */
export interface LetterRepository {
  /** Allocate the next reference `PL-<year>-<NNNN>` atomically. */
  nextRef(year: number): Promise<string>;
  /**
   * Saves a new letter: in its lists, due for the scheduler at its preview time (which
   * publishes it), then the letter itself. A conflicting reference is 'conflict'.
   * Returns the letter's agenda entry as the save left it, so publishing at once needs no read of it.
   */
  create(letter: Letter): Promise<ScheduleEntry>;
  get(ref: string): Promise<Letter | null>;
  /** The letter whose thread this is (a reply in the thread acts on it), or null. */
  findByThread(threadRef: string): Promise<Letter | null>;
  /**
   * Set a fact only if it and every fact in `absent` are still unset, appending the
   * audit event in the same atomic update; the letter is made due for the scheduler
   * first, so a new fact is never left unplanned. Returns the letter after the attempt
   * and whether this call was the one that set it.
   */
  setFact(
    ref: string,
    fact: FactName,
    value: Fact,
    options: {
      absent: FactName[];
      audit: AuditEvent;
      officialSymbol?: string;
      withdrawReason?: string;
    },
  ): Promise<{ applied: boolean; letter: Letter | null }>;
  /** Records where the letter's root card is (and makes the thread findable); a repeat of the same thread is a no-op. */
  addThread(ref: string, thread: Letter['threads'][number], audit: AuditEvent): Promise<Letter | null>;
  appendAudit(ref: string, event: AuditEvent): Promise<void>;
  /**
   * Newest first, at most `limit`, from the asker's scopes, as list entries (no text):
   * reads the scopes' lists and a few documents of entries, never the letters' history.
   */
  list(query: LetterListQuery): Promise<ListedLetter[]>;
  /** Forgets a finished letter in every list (history retention); the letter itself stays, found by reference. */
  unlist(letter: Letter): Promise<void>;
  /**
   * Why: a report is the one reader of history, now and then: the letters it counts as facts
   * only (never their text or audit trail), in one query rather than one read per letter.
   */
  forReport(query: ReportQuery): Promise<ReportLetter[]>;
}

/** One letter's place in the scheduler's agenda; `version` changes whenever something makes it due earlier. */
export interface ScheduleEntry {
  ref: string;
  at: Date;
  version: number;
}

/**
 * When each letter next needs the scheduler, kept small (open letters and finished
 * ones awaiting their history pruning) and addressed by reference, plus one "wake"
 * time no later than the earliest entry, so a sweep with nothing due reads one document.
 */
export interface ScheduleRepository {
  /** The earliest time anything may be due (null: nothing planned) and its version for settleWake. */
  wake(): Promise<{ at: Date | null; version: number }>;
  /** Entries due at or before `now`, earliest first. */
  due(now: Date, limit: number): Promise<ScheduleEntry[]>;
  /** One letter's entry, or null. */
  entry(ref: string): Promise<ScheduleEntry | null>;
  /** Makes a letter due no later than `at` (and the wake time too); never delays it. Returns the entry as it left it. */
  lower(ref: string, at: Date): Promise<ScheduleEntry>;
  /**
   * Moves a letter's entry to `at` (null removes it) only if its version is still
   * `seenVersion`: a change made meanwhile keeps the earlier time. Returns whether it was written.
   */
  reschedule(ref: string, at: Date | null, seenVersion: number): Promise<boolean>;
  /** Sets the wake time to the earliest entry now, unless something lowered it since `seenVersion` was read. */
  settleWake(seenVersion: number): Promise<void>;
}

/** Records platform event ids so a retried delivery is answered but not acted on twice. */
export interface InboundEventRepository {
  /** True the first time an id is seen; false for every repeat. */
  recordOnce(platform: string, eventId: string, at: Date): Promise<boolean>;
  /** Forgets ids recorded before `before` (platforms stop retrying within minutes); returns how many. */
  pruneBefore(before: Date): Promise<number>;
}

/** Why a nudge is sent; part of its deterministic delivery key (the domain's schedule kinds). */
export type DeliveryKind = NudgeKind;

/** A nudge claim as stored: the insert of its deterministic key is the claim. */
export interface DeliveryRecord {
  /** `<letter>:<kind>:<step>:<recipient>` */
  key: string;
  letterRef: string;
  kind: DeliveryKind;
  step: string;
  recipientKey: string;
  dueAt: Date;
  status: 'claimed' | 'sent' | 'failed' | 'cancelled';
  claimedBy: string;
  leaseUntil: Date;
  attempts: number;
  sentAt?: Date;
  lastErrorCode?: string;
  /** The platform message it left (an owner's copy of the letter's card), so later changes can update it. */
  messageRef?: string;
}

/** Claims of deliveries, so any number of instances make each delivery exactly once. */
export interface DeliveryRepository {
  /** Insert the claim; false when the key already exists (another instance has it, or had it). */
  claim(
    delivery: Pick<DeliveryRecord, 'key' | 'letterRef' | 'kind' | 'step' | 'recipientKey' | 'dueAt'>,
    owner: string,
    leaseUntil: Date,
  ): Promise<boolean>;
  /** Insert several claims at once; the keys this call claimed (the others are held by someone, or were). */
  claimMany(
    deliveries: Array<Pick<DeliveryRecord, 'key' | 'letterRef' | 'kind' | 'step' | 'recipientKey' | 'dueAt'>>,
    owner: string,
    leaseUntil: Date,
  ): Promise<Set<string>>;
  /**
   * Take over a claim whose lease ended (its sender died, or it waits to be retried):
   * one atomic update conditional on the attempt count seen, so one instance wins.
   * Returns the claim as taken, or null when someone else got there first.
   */
  takeOver(seen: DeliveryRecord, owner: string, leaseUntil: Date): Promise<DeliveryRecord | null>;
  /** Mark sent, with the message it left if any; says whether `owner` still held the claim. */
  markSent(key: string, owner: string, at: Date, messageRef?: string): Promise<boolean>;
  /** Record a failed attempt; with `retryAt` the claim waits for it, with null it failed for good. */
  markFailed(key: string, owner: string, errorCode: string, retryAt: Date | null): Promise<void>;
  /** Cancel one claim this owner holds, because the letter no longer calls for it. */
  cancel(key: string, owner: string): Promise<void>;
  get(key: string): Promise<DeliveryRecord | null>;
  /** Deletes every delivery record of a letter (history retention); returns how many. */
  pruneLetter(letterRef: string): Promise<number>;
}

/**
 * Where each Teams tenant is reached: Teams names its Bot Connector service URL only on
 * inbound activities, and whichever instance heard it, every instance needs it to post
 * proactively (a new letter's root card, a direct message). Kept in the database.
 */
export interface ServiceUrlRepository {
  /** Records the URL a tenant's activity came from at `at`; a URL heard later wins, one heard earlier never overwrites it. */
  remember(tenantId: string, serviceUrl: string, at: Date): Promise<void>;
  /** The URL the tenant was last heard from, or null when no instance has heard from it yet. */
  find(tenantId: string): Promise<string | null>;
}

/** One copy of a relayed message on the other side of a bridge. */
export interface RelayCopy {
  platform: Platform;
  messageRef: string;
}

/** Why: the bridge remembers where it relayed each message, so the original's edit or deletion reaches the copies. */
export interface RelayRepository {
  /** Adds copies of one original message (its key names platform, workspace, channel and message). */
  record(originalKey: string, letterRef: string, copies: RelayCopy[], at: Date): Promise<void>;
  /** The copies of an original; none when it was never relayed. */
  copiesOf(originalKey: string): Promise<RelayCopy[]>;
}

// The dialogue's other kinds (flags, calls for input) have their ports in dialogue-repositories.ts.
export type { CallAnswerResult, CallRepository, CallUpdate, FlagListQuery, FlagRepository } from './dialogue-repositories';
