/**
 * The routing directory, remembered by each instance and invalidated through the
 * database. The directory changes by hand and rarely (an import), while every command,
 * preview and sweep reads the same people, mandates and companies again: a preview
 * read ten directory documents, each a round trip. Every import writes a fresh random
 * token to one `meta` document before and after it writes; a unit of work (one
 * command, one preview, one sweep) reads that token once, and keeps using what this
 * instance already read under the same token. An import by any instance (or the
 * directory CLI) is therefore seen by the next unit of work everywhere.
 */
import { randomUUID } from 'node:crypto';
import type { DirectoryRepository } from '../bot/repositories';
import type { ChannelBinding, Company, Directory, Mandate, Person, PlatformIdentity } from '../domain/types';
import { channelKey } from './company-model';
import type { UncachedDirectory } from './directory-repository';
import { identityKey } from './person-model';
import type { StoreContext } from './store-connection';

/** The `meta` document whose token changes with every directory import. */
export const DIRECTORY_TOKEN_ID = 'directory';
/** Entries one instance keeps before it starts again from empty (a directory has hundreds). */
const MAX_ENTRIES = 20_000;

/** Why: values are shared by every unit of work of this instance, so none may be changed by a caller. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value as Record<string, unknown>)) frozen(inner);
  }
  return value;
}

/** What was read under one token. */
class Generation {
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(readonly token: string) {}

  /**
   * Remembers a lookup. `keep` says which answers may be kept (unknown accounts and
   * channels are not, so strangers cannot fill memory); `alsoBy` names the entries an
   * answer also is (the company a channel is bound to is that company by key too).
   */
  once<T>(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true, alsoBy: (value: T) => Array<[string, unknown]> = () => []): Promise<T> {
    const found = this.entries.get(key) as Promise<T> | undefined;
    if (found) return found;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const value = load().then(frozen);
    this.entries.set(key, value);
    value.then(
      (v) => {
        if (!keep(v)) return void this.entries.delete(key);
        for (const [other, entry] of alsoBy(v)) if (!this.entries.has(other)) this.entries.set(other, Promise.resolve(entry));
      },
      () => this.entries.delete(key), // a failed read is not remembered: the next caller tries again
    );
    return value;
  }
}

const known = <T>(value: T | null): boolean => value !== null;
const always = (): boolean => true;
const byKey = (prefix: string) => (value: { key: string } | null): Array<[string, unknown]> => (value ? [[`${prefix}:${value.key}`, value]] : []);
const eachByKey = (prefix: string) => (values: Array<{ key: string }>): Array<[string, unknown]> => values.map((v) => [`${prefix}:${v.key}`, v]);

/** Why: one token read per unit of work instead of a read per directory lookup, on every instance alike. */
export class CachedDirectoryRepository implements DirectoryRepository {
  private current: Generation | undefined;

  constructor(
    private readonly inner: UncachedDirectory,
    private readonly ctx: StoreContext,
  ) {}

  /** Why: reads the import token once; every lookup of the returned directory is answered from this instance's memory of that token. */
  unitOfWork(): DirectoryRepository {
    // Read on the first lookup, not before: a unit that looks nothing up (help) reads nothing.
    let read: Promise<Generation> | undefined;
    const on = async <T>(key: string, load: () => Promise<T>, keep?: (value: T) => boolean, alsoBy?: (value: T) => Array<[string, unknown]>): Promise<T> =>
      (await (read ??= this.generation())).once(key, load, keep, alsoBy);
    const inner = this.inner;
    const getPerson = (key: string) => on(`person:${key}`, () => inner.getPerson(key), known);
    const unit: DirectoryRepository = {
      findPersonByIdentity: (identity) => on(`identity:${identityKey(identity)}`, () => inner.findPersonByIdentity(identity), known, byKey('person')),
      getPerson,
      getPeople: async (keys) => (await Promise.all([...new Set(keys)].map(getPerson))).flatMap((p) => (p ? [p] : [])),
      getMandate: (key) => on(`mandate:${key}`, () => inner.getMandate(key), known),
      mandatesOfPerson: (key) => on(`mandates-of:${key}`, () => inner.mandatesOfPerson(key), always, eachByKey('mandate')),
      getCompany: (key) => on(`company:${key}`, () => inner.getCompany(key), known),
      findCompanyByChannel: (channel) => on(`channel:${channelKey(channel)}`, () => inner.findCompanyByChannel(channel), known, byKey('company')),
      companiesOfPerson: (key) => on(`companies-of:${key}`, () => inner.companiesOfPerson(key), always, eachByKey('company')),
      findCompanyByName: (name) => on(`name:${name}`, () => inner.findCompanyByName(name), known, byKey('company')),
      listAdmins: () => on('admins', () => inner.listAdmins(), always, eachByKey('person')),
      listMandates: () => on('mandates', () => inner.listMandates(), always, eachByKey('mandate')),
      listCompanies: () => on('companies', () => inner.listCompanies(), always, eachByKey('company')),
      isEmpty: () => this.isEmpty(),
      apply: (directory) => this.apply(directory),
      exportAll: () => this.exportAll(),
      unitOfWork: () => unit,
    };
    return unit;
  }

  findPersonByIdentity(identity: PlatformIdentity): Promise<Person | null> {
    return this.unitOfWork().findPersonByIdentity(identity);
  }
  getPerson(key: string): Promise<Person | null> {
    return this.unitOfWork().getPerson(key);
  }
  getPeople(keys: string[]): Promise<Person[]> {
    return this.unitOfWork().getPeople(keys);
  }
  getMandate(key: string): Promise<Mandate | null> {
    return this.unitOfWork().getMandate(key);
  }
  mandatesOfPerson(personKey: string): Promise<Mandate[]> {
    return this.unitOfWork().mandatesOfPerson(personKey);
  }
  getCompany(key: string): Promise<Company | null> {
    return this.unitOfWork().getCompany(key);
  }
  findCompanyByChannel(channel: ChannelBinding): Promise<Company | null> {
    return this.unitOfWork().findCompanyByChannel(channel);
  }
  companiesOfPerson(personKey: string): Promise<Company[]> {
    return this.unitOfWork().companiesOfPerson(personKey);
  }
  findCompanyByName(name: string): Promise<Company | null> {
    return this.unitOfWork().findCompanyByName(name);
  }
  listAdmins(): Promise<Person[]> {
    return this.unitOfWork().listAdmins();
  }
  listMandates(): Promise<Mandate[]> {
    return this.unitOfWork().listMandates();
  }
  listCompanies(): Promise<Company[]> {
    return this.unitOfWork().listCompanies();
  }
  isEmpty(): Promise<boolean> {
    return this.inner.isEmpty();
  }
  exportAll(): Promise<Directory> {
    return this.inner.exportAll();
  }

  /** A new token before anything is written (what is read meanwhile is kept under it only) and after (readers from then on start afresh). */
  async apply(directory: Directory): Promise<{ people: number; mandates: number; companies: number }> {
    await this.newToken();
    try {
      return await this.inner.apply(directory);
    } finally {
      await this.newToken();
    }
  }

  private newToken(): Promise<void> {
    return this.ctx.run('newDirectoryToken', {}, async () => {
      await this.ctx.models.meta.updateOne({ _id: DIRECTORY_TOKEN_ID }, { $set: { token: randomUUID() } }, { upsert: true }).exec();
    });
  }

  /**
   * The generation of the token now stored. Tokens are random and never come back, so a
   * read that answers late with an older token only makes a generation nobody else reads.
   */
  private async generation(): Promise<Generation> {
    const token = await this.ctx.run('readDirectoryToken', {}, async () => {
      const doc = await this.ctx.models.meta.findOne({ _id: DIRECTORY_TOKEN_ID }).lean<{ token?: string }>();
      return doc?.token ?? '';
    });
    if (this.current?.token !== token) this.current = new Generation(token);
    return this.current;
  }
}
