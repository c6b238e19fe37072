/**
 * The routing directory in MongoDB: people, mandates and companies, looked up by
 * the flattened, indexed keys their models derive.
 */
import type { FilterQuery, Model } from 'mongoose';
import type { DirectoryRepository } from '../bot/repositories';
import type { ChannelBinding, Company, Directory, Mandate, Person, PlatformIdentity } from '../domain/types';
import { channelKey, fromCompanyDoc, nameKey, toCompanyDoc, type CompanyDoc } from './company-model';
import { retryOnDuplicateKey } from './db-errors';
import { fromMandateDoc, toMandateDoc, type MandateDoc } from './mandate-model';
import { fromPersonDoc, identityKey, toPersonDoc, type PersonDoc } from './person-model';
import type { StoreContext } from './store-connection';

/** DirectoryRepository on mongoose; returns plain domain objects only. */
export class MongoDirectoryRepository implements DirectoryRepository {
  constructor(private readonly ctx: StoreContext) {}

  findPersonByIdentity(identity: PlatformIdentity): Promise<Person | null> {
    return this.ctx.run('findPersonByIdentity', { platform: identity.platform }, async () => {
      const doc = await this.ctx.models.person.findOne({ identityKeys: identityKey(identity) }).lean<PersonDoc>();
      return doc ? fromPersonDoc(doc) : null;
    });
  }

  getPerson(key: string): Promise<Person | null> {
    return this.ctx.run('getPerson', { personKey: key }, async () => {
      const doc = await this.ctx.models.person.findOne({ key }).lean<PersonDoc>();
      return doc ? fromPersonDoc(doc) : null;
    });
  }

  /** People in the order the keys were asked for (routing order matters), unknown keys skipped. */
  getPeople(keys: string[]): Promise<Person[]> {
    return this.ctx.run('getPeople', { count: keys.length }, async () => {
      if (keys.length === 0) return [];
      const docs = await this.ctx.models.person.find({ key: { $in: keys } }).lean<PersonDoc[]>();
      const byKey = new Map(docs.map((d) => [d.key, fromPersonDoc(d)]));
      return [...new Set(keys)].flatMap((k) => byKey.get(k) ?? []);
    });
  }

  getMandate(key: string): Promise<Mandate | null> {
    return this.ctx.run('getMandate', { mandateKey: key }, async () => {
      const doc = await this.ctx.models.mandate.findOne({ key }).lean<MandateDoc>();
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
      const doc = await this.ctx.models.company.findOne({ key }).lean<CompanyDoc>();
      return doc ? fromCompanyDoc(doc) : null;
    });
  }

  findCompanyByChannel(channel: ChannelBinding): Promise<Company | null> {
    return this.ctx.run('findCompanyByChannel', { platform: channel.platform, channelId: channel.channelId }, async () => {
      const doc = await this.ctx.models.company
        .findOne({ channelKeys: channelKey(channel) })
        .sort({ key: 1 })
        .lean<CompanyDoc>();
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
   * Upserts every document by key, one atomic replaceOne each (there are no
   * multi-document transactions), and returns how many of each were written.
   * Documents absent from the file are kept, not deleted: removing a person still
   * named on an open letter's routing would orphan it.
   */
  apply(directory: Directory): Promise<{ people: number; mandates: number; companies: number }> {
    const counts = {
      people: directory.people.length,
      mandates: directory.mandates.length,
      companies: directory.companies.length,
    };
    return this.ctx.run('applyDirectory', counts, async () => {
      const { person, mandate, company } = this.ctx.models;
      for (const p of directory.people) {
        await this.upsert(person, toPersonDoc(p));
      }
      for (const m of directory.mandates) {
        await this.upsert(mandate, toMandateDoc(m));
      }
      for (const c of directory.companies) {
        await this.upsert(company, toCompanyDoc(c));
      }
      this.ctx.logger.info(counts, 'directory applied');
      return counts;
    });
  }

  private async upsert<D extends { key: string }>(model: Model<D>, doc: D): Promise<void> {
    const filter = { key: doc.key } as FilterQuery<D>;
    await retryOnDuplicateKey(() => this.ctx.atomic(model, () => model.replaceOne(filter, doc, { upsert: true }).exec()));
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
