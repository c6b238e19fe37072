/**
 * A directory that remembers what it read, for one unit of work (a sweep, a status
 * answer): the directory changes by hand, rarely, while a sweep reads the same mandate,
 * company and people for every letter it handles. Writes and whole-directory reads
 * are passed through; a new cache per unit of work keeps every answer fresh enough.
 */
import type { Company, Mandate, Person } from '../domain/types';
import type { DirectoryRepository } from './repositories';

/** Wraps a directory so repeated lookups of the same key within one unit of work read the database once. */
export function cachedDirectory(directory: DirectoryRepository): DirectoryRepository {
  const people = new Map<string, Promise<Person | null>>();
  const mandates = new Map<string, Promise<Mandate | null>>();
  const companies = new Map<string, Promise<Company | null>>();
  let admins: Promise<Person[]> | undefined;
  const once = <T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> => {
    let value = map.get(key);
    if (!value) {
      value = load();
      map.set(key, value);
      // A failed read is not remembered: the next caller tries again.
      value.catch(() => map.delete(key));
    }
    return value;
  };
  const getPerson = (key: string) => once(people, key, () => directory.getPerson(key));
  return {
    ...directory,
    findPersonByIdentity: (identity) => directory.findPersonByIdentity(identity),
    getPerson,
    async getPeople(keys) {
      const unique = [...new Set(keys)];
      const found = await Promise.all(unique.map(getPerson));
      return found.flatMap((p) => (p ? [p] : []));
    },
    getMandate: (key) => once(mandates, key, () => directory.getMandate(key)),
    getCompany: (key) => once(companies, key, () => directory.getCompany(key)),
    mandatesOfPerson: (key) => directory.mandatesOfPerson(key),
    findCompanyByChannel: (channel) => directory.findCompanyByChannel(channel),
    companiesOfPerson: (key) => directory.companiesOfPerson(key),
    findCompanyByName: (name) => directory.findCompanyByName(name),
    listAdmins: () => (admins ??= directory.listAdmins().catch((err: unknown) => {
      admins = undefined;
      throw err;
    })),
    isEmpty: () => directory.isEmpty(),
    apply: (d) => directory.apply(d),
    exportAll: () => directory.exportAll(),
  };
}
