/**
 * Persistence ports the use cases depend on. src/store implements them; the
 * core never sees a database type.
 */
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
  isEmpty(): Promise<boolean>;
  /** Upsert every document of the directory, one atomic write per document. */
  apply(directory: Directory): Promise<{ people: number; mandates: number; companies: number }>;
  exportAll(): Promise<Directory>;
}

/** Filter for listing letters: a letter matches if any given key list contains it. */
export interface LetterFilter {
  /** Match every letter (admins). */
  all?: boolean;
  companyKeys?: string[];
  mandateKeys?: string[];
  /** Letters routed to this person (owners, backups, escalation). */
  routedTo?: string;
  limit?: number;
}

/** Letters and their append-only audit trails; every change is one atomic document update. */
export interface LetterRepository {
  /** Allocate the next reference `PL-<year>-<NNNN>` atomically. */
  nextRef(year: number): Promise<string>;
  /** Saves a new letter, due for the scheduler's first look at its preview time. */
  create(letter: Letter): Promise<void>;
  get(ref: string): Promise<Letter | null>;
  /** The letter whose thread this is (a reply in the thread acts on it), or null. */
  findByThread(threadRef: string): Promise<Letter | null>;
  /**
   * Set a fact only if it and every fact in `absent` are still unset, appending the
   * audit event and making the letter due for the scheduler (nextDueAt = the fact's
   * time) in the same update. Returns the letter after the attempt and whether
   * this call was the one that set it.
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
  addThread(ref: string, thread: Letter['threads'][number], audit: AuditEvent): Promise<void>;
  appendAudit(ref: string, event: AuditEvent): Promise<void>;
  list(filter: LetterFilter): Promise<Letter[]>;
  /**
   * When the scheduler should next look at this letter (null: never), so sweeps read an
   * index, not every letter. With `expectedAuditLength`, only if the letter has not
   * changed since it was read (a fact set meanwhile keeps the letter due); returns
   * whether it was written.
   */
  setNextDueAt(ref: string, at: Date | null, expectedAuditLength?: number): Promise<boolean>;
  /** References of letters due at or before `now`, earliest first. */
  listDueRefs(now: Date, limit: number): Promise<string[]>;
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
}

/** Nudge claims, so any number of instances post each nudge exactly once. */
export interface DeliveryRepository {
  /** Insert the claim; false when the key already exists (another instance has it). */
  claim(
    delivery: Pick<DeliveryRecord, 'key' | 'letterRef' | 'kind' | 'step' | 'recipientKey' | 'dueAt'>,
    owner: string,
    leaseUntil: Date,
  ): Promise<boolean>;
  /** Take over claims whose lease ended by `now` and were never sent; one atomic update each. */
  reclaimExpired(now: Date, owner: string, leaseUntil: Date, limit: number): Promise<DeliveryRecord[]>;
  /** Mark sent, only if `owner` still holds the claim. */
  markSent(key: string, owner: string, at: Date): Promise<boolean>;
  /** Record a failed attempt; `retryAt` null means the last attempt failed. */
  markFailed(key: string, owner: string, errorCode: string, retryAt: Date | null): Promise<void>;
  /** Cancel one claim this owner holds, because the letter no longer calls for it. */
  cancel(key: string, owner: string): Promise<void>;
  /** Cancel every unsent claim of a letter (acknowledged, replied, withdrawn). */
  cancelForLetter(letterRef: string, kinds?: DeliveryKind[]): Promise<number>;
  get(key: string): Promise<DeliveryRecord | null>;
}
