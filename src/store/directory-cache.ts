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

  constructor(
    readonly token: string,
    /** Which token read created it: an older read that answers later must not replace it. */
    readonly ticket: number,
  ) {}

  /** Remembers a lookup; `keep` says which answers may be kept (unknown accounts and channels are not, so strangers cannot fill memory). */
  once<T>(key: string, load: () => Promise<T>, keep: (value: T) => boolean = () => true): Promise<T> {
    const found = this.entries.get(key) as Promise<T> | undefined;
    if (found) return found;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const value = load().then(frozen);
    this.entries.set(key, value);
    value.then(
      (v) => {
        if (!keep(v)) this.entries.delete(key);
      },
      () => this.entries.delete(key), // a failed read is not remembered: the next caller tries again
    );
    return value;
  }

  peek<T>(key: string): Promise<T> | undefined {
    return this.entries.get(key) as Promise<T> | undefined;
  }
}

const known = <T>(value: T | null): boolean => value !== null;

/** Why: one token read per unit of work instead of a read per directory lookup, on every instance alike. */
export class CachedDirectoryRepository implements DirectoryRepository {
  private current: Generation | undefined;
  private tickets = 0;

  constructor(
    private readonly inner: UncachedDirectory,
    private readonly ctx: StoreContext,
  ) {}

  /** Why: reads the import token once; every lookup of the returned directory is answered from this instance's memory of that token. */
  unitOfWork(): DirectoryRepository {
    // Read on the first lookup, not before: a unit that looks nothing up (help) reads nothing.
    let read: Promise<Generation> | undefined;
    const current = () => (read ??= this.generation());
    const inner = this.inner;
    const on = async <T>(key: string, load: () => Promise<T>, keep?: (value: T) => boolean): Promise<T> => (await current()).once(key, load, keep);
    const getPerson = (key: string) => on(`person:${key}`, () => inner.getPerson(key), known);
    const unit: DirectoryRepository = {
      findPersonByIdentity: async (identity: PlatformIdentity) => {
        const g = await current();
        return g.once(
          `identity:${identityKey(identity)}`,
          async () => {
            const person = await inner.findPersonByIdentity(identity);
            // The person is also known by key from now on: the use case looks them up that way next.
            if (person) void g.once(`person:${person.key}`, () => Promise.resolve(person));
            return person;
          },
          known,
        );
      },
      getPerson,
      getPeople: async (keys: string[]) => {
        const g = await current();
        const unique = [...new Set(keys)];
        const missing = unique.filter((k) => !g.peek(`person:${k}`));
        if (missing.length > 1) {
          const read = inner.getPeople(missing);
          for (const key of missing) g.once(`person:${key}`, async () => (await read).find((p) => p.key === key) ?? null, known);
        }
        const found = await Promise.all(unique.map(getPerson));
        return found.flatMap((p) => (p ? [p] : []));
      },
      getMandate: (key: string) => on(`mandate:${key}`, () => inner.getMandate(key), known),
      mandatesOfPerson: (key: string) => on(`mandates-of:${key}`, () => inner.mandatesOfPerson(key)),
      getCompany: (key: string) => on(`company:${key}`, () => inner.getCompany(key), known),
      findCompanyByChannel: (channel: ChannelBinding) => on(`channel:${channelKey(channel)}`, () => inner.findCompanyByChannel(channel), known),
      companiesOfPerson: (key: string) => on(`companies-of:${key}`, () => inner.companiesOfPerson(key)),
      findCompanyByName: (name: string) => on(`name:${name}`, () => inner.findCompanyByName(name), known),
      listAdmins: () => on('admins', () => inner.listAdmins()),
      isEmpty: () => this.isEmpty(),
      apply: (directory: Directory) => this.apply(directory),
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
  isEmpty(): Promise<boolean> {
    return this.inner.isEmpty();
  }
  exportAll(): Promise<Directory> {
    return this.inner.exportAll();
  }

  /** A new token before anything is written (readers meanwhile keep nothing past the import) and after (readers from then on start afresh). */
  async apply(directory: Directory): Promise<{ people: number; mandates: number; companies: number }> {
    await this.newToken();
    try {
      return await this.inner.apply(directory);
    } finally {
      await this.newToken();
    }
  }

  /** Why: after the database was dropped (tests), nothing remembered from it may answer. */
  forget(): void {
    this.current = undefined;
  }

  private newToken(): Promise<void> {
    this.current = undefined;
    return this.ctx.run('newDirectoryToken', {}, async () => {
      await this.ctx.models.meta.updateOne({ _id: DIRECTORY_TOKEN_ID }, { $set: { token: randomUUID() } }, { upsert: true }).exec();
    });
  }

  private async generation(): Promise<Generation> {
    const ticket = (this.tickets += 1);
    const token = await this.ctx.run('readDirectoryToken', {}, async () => {
      const doc = await this.ctx.models.meta.findOne({ _id: DIRECTORY_TOKEN_ID }).lean<{ token?: string }>();
      return doc?.token ?? '';
    });
    const current = this.current;
    if (current && current.token === token) return current;
    // A read that started before the current generation's own read answers with what was true then: it uses it, and keeps it to itself.
    if (current && ticket < current.ticket) return new Generation(token, ticket);
    this.current = new Generation(token, ticket);
    return this.current;
  }
}
