/**
 * The PreLetter store: repositories on MongoDB (or the embedded FerretDB server)
 * through mongoose. This folder is the only place that imports mongoose.
 */
import type {
  DeliveryRepository,
  DirectoryRepository,
  InboundEventRepository,
  LetterRepository,
  ScheduleRepository,
  FlagRepository,
  CallRepository,
  RelayRepository,
  ServiceUrlRepository,
} from '../bot/repositories';
import type { LeaseRepository, PaceRepository } from '../scheduler/ports';
import { errorDetails, type Logger } from '../logger';
import { isUnreachableError } from './db-errors';
import { MongoDeliveryRepository } from './delivery-repository';
import { MongoDirectoryRepository } from './directory-repository';
import { CachedDirectoryRepository } from './directory-cache';
import { MongoInboundEventRepository, type InboundEventPruning } from './inbound-event-repository';
import { MongoLeaseRepository } from './lease-repository';
import { MongoLetterRepository } from './letter-repository';
import { MongoPaceRepository } from './pace-repository';
import { MongoScheduleRepository } from './schedule-repository';
import { MongoServiceUrlRepository } from './service-url-repository';
import { MongoRelayRepository } from './relay-repository';
import { MongoFlagRepository } from './flag-repository';
import { MongoCallRepository } from './call-repository';
import { checkIndexes, type IndexCheck } from './index-check';
import { StoreConnection } from './store-connection';
import { exportLetters } from './letter-export';
import type { Letter } from '../domain/types';

/** Re-exported so the scheduler and main.ts can type the store's extra capabilities without deep imports. */
export type { InboundEventPruning } from './inbound-event-repository';
/** Re-exported so `npm run doctor` can word what the index check found. */
export type { IndexCheck, MissingIndex } from './index-check';
/** Re-exported so the CLI and tests name the same database the store opens. */
export { databaseNameFrom } from './store-connection';

/** Everything the bot persists, behind the repository ports, plus connection health for /readyz. */
export interface Store {
  directory: DirectoryRepository;
  letters: LetterRepository;
  schedule: ScheduleRepository;
  deliveries: DeliveryRepository;
  inbound: InboundEventRepository & InboundEventPruning;
  /** One sweeper at a time across instances. */
  leases: LeaseRepository;
  /** Posting slots per channel, shared by every instance. */
  paces: PaceRepository;
  /** Teams tenants' service URLs, heard by one instance, used by all. */
  serviceUrls: ServiceUrlRepository;
  /** Where the bridge relayed each message, for edits and deletions. */
  relays: RelayRepository;
  /** Flags raised by companies with the Special Procedures. */
  flags: FlagRepository;
  /** Calls for input published by mandates to companies. */
  calls: CallRepository;
  /** Every letter, oldest reference first, for the readable backup (`npm run letters -- export`). */
  exportLetters(pageSize?: number): AsyncIterable<Letter>;
  /** True when the database answers within two seconds; false when unreachable or closed. Never throws. */
  ping(): Promise<boolean>;
  /** Which indexes the models declare and the database lacks (PreLetterError 'unavailable' when unreachable). */
  checkIndexes(): Promise<IndexCheck>;
  close(): Promise<void>;
  /** Drops the whole database: tests and development resets only. */
  dropDatabase(): Promise<void>;
}

/** How to reach the database; the URI may hold credentials and is never logged. */
export interface OpenStoreOptions {
  uri: string;
  /** Defaults to the database named in the URI, else "preletter". */
  dbName?: string;
  logger: Logger;
  /** How long a call waits for an unreachable server before failing 'unavailable' (default 5000 ms). */
  serverSelectionTimeoutMS?: number;
  /** Build indexes and run migrations before returning (default true); false sees the database as it is, connecting on first use (`npm run doctor`). */
  prepare?: boolean;
}

/**
 * Connects on its own mongoose connection (several stores can share a process) and
 * builds every index before returning, so unique keys hold from the first write.
 * When the server cannot be reached it still resolves, so the bot can start before
 * its database: ping() reports false and each call retries the connection, failing
 * with PreLetterError('unavailable') until the server answers.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const connection = new StoreConnection(options);
  try {
    // Unprepared, nothing needs doing before first use: the first call connects, and says why it could not.
    if (options.prepare !== false) await connection.ensureOpen();
  } catch (err) {
    if (!isUnreachableError(err)) {
      await connection.close().catch(() => undefined);
      throw err;
    }
    connection.logger.warn({ ...errorDetails(err) }, 'database not reachable at start; will retry on use');
  }
  const schedule = new MongoScheduleRepository(connection);
  const directory = new CachedDirectoryRepository(new MongoDirectoryRepository(connection), connection);
  return {
    directory,
    letters: new MongoLetterRepository(connection, schedule),
    schedule,
    deliveries: new MongoDeliveryRepository(connection),
    inbound: new MongoInboundEventRepository(connection),
    leases: new MongoLeaseRepository(connection),
    paces: new MongoPaceRepository(connection),
    serviceUrls: new MongoServiceUrlRepository(connection),
    relays: new MongoRelayRepository(connection),
    flags: new MongoFlagRepository(connection),
    calls: new MongoCallRepository(connection),
    exportLetters: (pageSize) => exportLetters(connection, pageSize),
    ping: () => connection.ping(),
    checkIndexes: () => connection.run('checkIndexes', {}, () => checkIndexes(connection.models)),
    close: () => connection.close(),
    dropDatabase: () => connection.dropDatabase(),
  };
}
