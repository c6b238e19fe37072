/**
 * The routing directory in MongoDB: people, mandates and companies addressed by
 * their keys, accounts and channels by their claims (one person per account, one
 * company per channel, kept by the database's `_id`), so every lookup a command
 * makes is an `_id` read or a scan of a small collection.
 */
import type { Model, QueryFilter } from 'mongoose';
import type { DirectoryRepository } from '../bot/repositories';
import { PreLetterError } from '../domain/errors';
import type { ChannelBinding, Company, Directory, Mandate, Person, PlatformIdentity } from '../domain/types';
import type { AccountDoc, ChannelBindingDoc } from './claim-models';
import { channelKey, fromCompanyDoc, nameKey, toCompanyDoc, type CompanyDoc } from './company-model';
import { isDuplicateKeyError, retryOnDuplicateKey } from './db-errors';
import { fromMandateDoc, toMandateDoc, type MandateDoc } from './mandate-model';
import { fromPersonDoc, identityKey, toPersonDoc, type PersonDoc } from './person-model';
import type { StoreContext } from './store-connection';

/** Why: the directory as the database has it, every call a read; directory-cache.ts puts units of work in front of it. */
export type UncachedDirectory = Omit<DirectoryRepository, 'unitOfWork'>;

/** DirectoryRepository on mongoose; returns plain domain objects only. */
export class MongoDirectoryRepository implements UncachedDirectory {
  constructor(private readonly ctx: StoreContext) {}

  findPersonByIdentity(identity: PlatformIdentity): Promise<Person | null> {
    return this.ctx.run('findPersonByIdentity', { platform: identity.platform }, async () => {
      const account = await this.ctx.models.account.findOne({ _id: identityKey(identity) }).lean<AccountDoc>();
      if (!account) return null;
      const doc = await this.ctx.models.person.findOne({ _id: account.personKey }).lean<PersonDoc>();
      return doc ? fromPersonDoc(doc) : null;
    });
  }

  getPerson(key: string): Promise<Person | null> {
    return this.ctx.run('getPerson', { personKey: key }, async () => {
      const doc = await this.ctx.models.person.findOne({ _id: key }).lean<PersonDoc>();
      return doc ? fromPersonDoc(doc) : null;
    });
  }

  /** People in the order the keys were asked for (routing order matters), unknown keys skipped. */
  getPeople(keys: string[]): Promise<Person[]> {
    return this.ctx.run('getPeople', { count: keys.length }, async () => {
      const unique = [...new Set(keys)];
      // One `_id` read each: the embedded server answers only an exact `_id` from its index.
      const docs = await Promise.all(unique.map((key) => this.ctx.models.person.findOne({ _id: key }).lean<PersonDoc>()));
      const byKey = new Map(docs.flatMap((d) => (d ? [[d.key, fromPersonDoc(d)] as const] : [])));
      return unique.flatMap((k) => byKey.get(k) ?? []);
    });
  }

  getMandate(key: string): Promise<Mandate | null> {
    return this.ctx.run('getMandate', { mandateKey: key }, async () => {
      const doc = await this.ctx.models.mandate.findOne({ _id: key }).lean<MandateDoc>();
      return doc ? fromMandateDoc(doc) : null;
    });
  }

  mandatesOfPerson(personKey: string): Promise<Mandate[]> {
    return this.ctx.run('mandatesOfPerson', { personKey }, async () => {
      const docs = await this.ctx.models.mandate.find({ team: personKey }).sort({ key: 1 }).lean<MandateDoc[]>();
      return docs.map(fromMandateDoc);
    });
  }

  getCompany(key: string): Promise<Company | null> {
    return this.ctx.run('getCompany', { companyKey: key }, async () => {
      const doc = await this.ctx.models.company.findOne({ _id: key }).lean<CompanyDoc>();
      return doc ? fromCompanyDoc(doc) : null;
    });
  }

  findCompanyByChannel(channel: ChannelBinding): Promise<Company | null> {
    return this.ctx.run('findCompanyByChannel', { platform: channel.platform, channelId: channel.channelId }, async () => {
      const binding = await this.ctx.models.channelBinding.findOne({ _id: channelKey(channel) }).lean<ChannelBindingDoc>();
      if (!binding) return null;
      const doc = await this.ctx.models.company.findOne({ _id: binding.companyKey }).lean<CompanyDoc>();
      return doc ? fromCompanyDoc(doc) : null;
    });
  }

  companiesOfPerson(personKey: string): Promise<Company[]> {
    return this.ctx.run('companiesOfPerson', { personKey }, async () => {
      const docs = await this.ctx.models.company.find({ memberKeys: personKey }).sort({ key: 1 }).lean<CompanyDoc[]>();
      return docs.map(fromCompanyDoc);
    });
  }

  /** Case-insensitive match on key, name or alias; when several match, the first by key wins. */
  findCompanyByName(name: string): Promise<Company | null> {
    return this.ctx.run('findCompanyByName', {}, async () => {
      const wanted = nameKey(name);
      if (!wanted) return null;
      const doc = await this.ctx.models.company.findOne({ nameKeys: wanted }).sort({ key: 1 }).lean<CompanyDoc>();
      return doc ? fromCompanyDoc(doc) : null;
    });
  }

  listMandates(): Promise<Mandate[]> {
    return this.ctx.run('listMandates', {}, async () => {
      const docs = await this.ctx.models.mandate.find({}).sort({ key: 1 }).lean<MandateDoc[]>();
      return docs.map(fromMandateDoc);
    });
  }

  listCompanies(): Promise<Company[]> {
    return this.ctx.run('listCompanies', {}, async () => {
      const docs = await this.ctx.models.company.find({}).sort({ key: 1 }).lean<CompanyDoc[]>();
      return docs.map(fromCompanyDoc);
    });
  }

  listAdmins(): Promise<Person[]> {
    return this.ctx.run('listAdmins', {}, async () => {
      const docs = await this.ctx.models.person.find({ admin: true }).sort({ key: 1 }).lean<PersonDoc[]>();
      return docs.map(fromPersonDoc);
    });
  }

  isEmpty(): Promise<boolean> {
    return this.ctx.run('isEmpty', {}, async () => {
      const { person, mandate, company } = this.ctx.models;
      const found = await Promise.all([person.exists({}), mandate.exists({}), company.exists({})]);
      return found.every((f) => f === null);
    });
  }

  /**
   * Applies a directory file: first the accounts and channels it gives up are released,
   * then every account and channel it names is claimed (a claim held by someone else
   * is a 'conflict' naming both, and no document is written), then every document is
   * upserted by key, one atomic replace each (there are no multi-document
   * transactions). Documents absent from the file are kept, not deleted: removing a
   * person still named on an open letter's routing would orphan it.
   */
  apply(directory: Directory): Promise<{ people: number; mandates: number; companies: number }> {
    const counts = {
      people: directory.people.length,
      mandates: directory.mandates.length,
      companies: directory.companies.length,
    };
    return this.ctx.run('applyDirectory', counts, async () => {
      const { person, mandate, company, account, channelBinding } = this.ctx.models;
      const accounts = directory.people.map((p) => ({ owner: p.key, ids: [...new Set((p.identities ?? []).map(identityKey))] }));
      const channels = directory.companies.map((c) => ({ owner: c.key, ids: [...new Set((c.channels ?? []).map(channelKey))] }));
      for (const { owner, ids } of accounts) await account.deleteMany({ personKey: owner, _id: { $nin: ids } }).exec();
      for (const { owner, ids } of channels) await channelBinding.deleteMany({ companyKey: owner, _id: { $nin: ids } }).exec();
      const conflicts = [
        ...(await this.claimAll(account, 'personKey', accounts, 'account')),
        ...(await this.claimAll(channelBinding, 'companyKey', channels, 'channel')),
      ];
      if (conflicts.length > 0) {
        throw new PreLetterError('conflict', `Nothing was changed in the directory: ${conflicts.join('; ')}.`, { conflicts: conflicts.length });
      }
      for (const p of directory.people) await this.upsert(person, toPersonDoc(p));
      for (const m of directory.mandates) await this.upsert(mandate, toMandateDoc(m));
      for (const c of directory.companies) await this.upsert(company, toCompanyDoc(c));
      this.ctx.logger.info(counts, 'directory applied');
      return counts;
    });
  }

  /** Inserts each claim; one already held by its owner is fine, one held by another owner is reported. */
  private async claimAll<D extends { _id: string }>(
    model: Model<D>,
    ownerField: 'personKey' | 'companyKey',
    claims: Array<{ owner: string; ids: string[] }>,
    what: string,
  ): Promise<string[]> {
    const conflicts: string[] = [];
    for (const { owner, ids } of claims) {
      for (const id of ids) {
        try {
          await model.create({ _id: id, [ownerField]: owner } as unknown as D);
        } catch (err) {
          if (!isDuplicateKeyError(err)) throw err;
          const held = await model.findOne({ _id: id } as QueryFilter<D>).lean<Record<string, string>>();
          if (held && held[ownerField] !== owner) conflicts.push(`the ${what} ${id} already belongs to ${held[ownerField]}, not ${owner}`);
        }
      }
    }
    return conflicts;
  }

  private async upsert<D extends { _id: string }>(model: Model<D>, doc: D): Promise<void> {
    const filter = { _id: doc._id } as QueryFilter<D>;
    await retryOnDuplicateKey(() => model.replaceOne(filter, doc, { upsert: true }).exec());
  }

  /** The whole directory sorted by key, in the import file's shape, so export → import round-trips. */
  exportAll(): Promise<Directory> {
    return this.ctx.run('exportDirectory', {}, async () => {
      const { person, mandate, company } = this.ctx.models;
      const [people, mandates, companies] = await Promise.all([
        person.find({}).sort({ key: 1 }).lean<PersonDoc[]>(),
        mandate.find({}).sort({ key: 1 }).lean<MandateDoc[]>(),
        company.find({}).sort({ key: 1 }).lean<CompanyDoc[]>(),
      ]);
      return {
        people: people.map(fromPersonDoc),
        mandates: mandates.map(fromMandateDoc),
        companies: companies.map(fromCompanyDoc),
      };
    });
  }
}
