/**
 * One mongoose connection of one store: opens it (again, after a failed start),
 * builds indexes and runs pending migrations before first use, and runs every
 * repository call through one error mapping. Several stores can coexist in a process
 * because each has its own connection, never mongoose's global one. The same commands
 * go to MongoDB and to the embedded server: the embedded program itself makes each
 * write atomic for every client, so nothing here depends on which server answers.
 */
import mongoose, { type Connection, type Model } from 'mongoose';
import { PreLetterError } from '../domain/errors';
import { errorDetails, type Logger } from '../logger';
import { accountSchema, channelBindingSchema, type AccountDoc, type ChannelBindingDoc } from './claim-models';
import { companySchema, type CompanyDoc } from './company-model';
import { counterSchema, type CounterDoc } from './counter-model';
import { isUnreachableError, mayHaveReachedServer, unavailableError, withoutStoredValues } from './db-errors';
import { deliverySchema, type DeliveryDoc } from './delivery-model';
import { inboundEventSchema, type InboundEventDoc } from './inbound-event-model';
import {
  letterLinesSchema,
  letterListSchema,
  letterThreadSchema,
  metaSchema,
  scheduleSchema,
  type LetterLinesDoc,
  type LetterListDoc,
  type LetterThreadDoc,
  type MetaDoc,
  type ScheduleDoc,
} from './letter-index-models';
import { leaseSchema, paceSchema, type LeaseDoc, type PaceDoc } from './lease-model';
import { letterSchema, type LetterDoc } from './letter-model';
import { mandateSchema, type MandateDoc } from './mandate-model';
import { migrate } from './migrations';
import { personSchema, type PersonDoc } from './person-model';
import { serviceUrlSchema, type ServiceUrlDoc } from './service-url-model';
import { relaySchema, type RelayDoc } from './relay-model';
import { flagListSchema, flagSchema, type FlagDoc, type FlagListDoc } from './flag-model';
import { callListSchema, callSchema, type CallDoc, type CallListDoc } from './call-model';

/** The models of one connection; repositories only ever see these. */
export interface StoreModels {
  person: Model<PersonDoc>;
  mandate: Model<MandateDoc>;
  company: Model<CompanyDoc>;
  letter: Model<LetterDoc>;
  delivery: Model<DeliveryDoc>;
  inbound: Model<InboundEventDoc>;
  counter: Model<CounterDoc>;
  /** Which person each platform account belongs to: the `_id` makes it one person per account. */
  account: Model<AccountDoc>;
  /** Which company each channel is bound to: the `_id` makes it one company per channel. */
  channelBinding: Model<ChannelBindingDoc>;
  /** Thread ref → letter, so a reply in a thread finds its letter by `_id`. */
  letterThread: Model<LetterThreadDoc>;
  /** The references in each list scope (company, mandate, person, all). */
  letterList: Model<LetterListDoc>;
  /** The list entries of letters, a hundred references a document. */
  letterLines: Model<LetterLinesDoc>;
  /** When each letter next needs the scheduler. */
  schedule: Model<ScheduleDoc>;
  /** Singletons: the sweep's wake time and the schema version. */
  meta: Model<MetaDoc>;
  /** Named leases between instances (the sweeper). */
  lease: Model<LeaseDoc>;
  /** Each channel's next free posting slot, shared by every instance. */
  pace: Model<PaceDoc>;
  /** Teams tenants' service URLs, as their newest activity told them. */
  serviceUrl: Model<ServiceUrlDoc>;
  relay: Model<RelayDoc>;
  flag: Model<FlagDoc>;
  /** Calls for input, by reference. */
  call: Model<CallDoc>;
  /** The calls of each mandate and company, by scope. */
  callList: Model<CallListDoc>;
  /** The references in each company's and mandate's flag list. */
  flagList: Model<FlagListDoc>;
}

/** What repositories need from the connection: models, a logger and one wrapper. */
export interface StoreContext {
  readonly models: StoreModels;
  readonly logger: Logger;
  /** Runs one repository call: connects if needed; "database unreachable" becomes PreLetterError('unavailable'). */
  run<T>(operation: string, context: Record<string, unknown>, fn: () => Promise<T>): Promise<T>;
}

/** Options of a store connection; the URI is never logged. */
export interface StoreConnectionOptions {
  uri: string;
  dbName?: string;
  logger: Logger;
  /** How long a call waits for an unreachable server before failing (default 5000 ms). */
  serverSelectionTimeoutMS?: number;
  /** Build indexes and run migrations on opening (default true); false sees the database as it is (`npm run doctor`). */
  prepare?: boolean;
}

/**
 * Repository operations that change nothing a person sees (reads, and the note that a
 * platform event was seen): when the server stops answering one of these, "nothing was
 * changed" is true. Any other operation may have written before its answer was lost.
 */
const READ_OPERATIONS = new Set([
  'recordInboundEvent',
  'findPersonByIdentity', 'getPerson', 'getPeople', 'getMandate', 'mandatesOfPerson', 'getCompany', 'findCompanyByChannel',
  'companiesOfPerson', 'findCompanyByName', 'listAdmins', 'isEmpty', 'exportDirectory', 'getLetter', 'findLetterByThread',
  'listLetters', 'readWake', 'listDue', 'readScheduleEntry', 'getDelivery', 'findServiceUrl', 'findRelay', 'getFlag', 'listFlags', 'listMandates', 'checkIndexes',
  'getCall', 'listCalls', 'listOpenCalls', 'listCompanies',
]);

/** Database used when neither `dbName` nor the URI names one. */
export const DEFAULT_DB_NAME = 'preletter';
const DEFAULT_SERVER_SELECTION_TIMEOUT_MS = 5000;
const MAX_PING_MS = 2000;

/** The database a MongoDB URI names (`mongodb://host/name?…`), else `preletter`: the bot and the CLI agree on it. */
export function databaseNameFrom(uri: string): string {
  const name = /^mongodb(?:\+srv)?:\/\/[^/?#]*\/([^?#]*)/i.exec(uri)?.[1];
  return name ? decodeURIComponent(name) : DEFAULT_DB_NAME;
}

/** Connection lifecycle and the StoreContext handed to every repository. */
export class StoreConnection implements StoreContext {
  readonly models: StoreModels;
  readonly logger: Logger;
  readonly dbName: string;
  private readonly connection: Connection;
  private readonly timeoutMs: number;
  private opening: Promise<void> | null = null;
  private opened = false;
  private closed = false;

  constructor(private readonly options: StoreConnectionOptions) {
    this.dbName = options.dbName ?? databaseNameFrom(options.uri);
    this.logger = options.logger.child({ component: 'store', dbName: this.dbName });
    this.timeoutMs = options.serverSelectionTimeoutMS ?? DEFAULT_SERVER_SELECTION_TIMEOUT_MS;
    this.connection = mongoose.createConnection();
    const c = this.connection;
    this.models = {
      person: c.model<PersonDoc>('Person', personSchema, 'people'),
      mandate: c.model<MandateDoc>('Mandate', mandateSchema, 'mandates'),
      company: c.model<CompanyDoc>('Company', companySchema, 'companies'),
      letter: c.model<LetterDoc>('Letter', letterSchema, 'letters'),
      delivery: c.model<DeliveryDoc>('Delivery', deliverySchema, 'deliveries'),
      inbound: c.model<InboundEventDoc>('InboundEvent', inboundEventSchema, 'inbound_events'),
      counter: c.model<CounterDoc>('Counter', counterSchema, 'counters'),
      account: c.model<AccountDoc>('Account', accountSchema, 'accounts'),
      channelBinding: c.model<ChannelBindingDoc>('ChannelBinding', channelBindingSchema, 'channel_bindings'),
      letterThread: c.model<LetterThreadDoc>('LetterThread', letterThreadSchema, 'letter_threads'),
      letterList: c.model<LetterListDoc>('LetterList', letterListSchema, 'letter_lists'),
      letterLines: c.model<LetterLinesDoc>('LetterLines', letterLinesSchema, 'letter_lines'),
      schedule: c.model<ScheduleDoc>('Schedule', scheduleSchema, 'schedule'),
      meta: c.model<MetaDoc>('Meta', metaSchema, 'meta'),
      lease: c.model<LeaseDoc>('Lease', leaseSchema, 'leases'),
      pace: c.model<PaceDoc>('Pace', paceSchema, 'paces'),
      serviceUrl: c.model<ServiceUrlDoc>('ServiceUrl', serviceUrlSchema, 'service_urls'),
      relay: c.model<RelayDoc>('Relay', relaySchema, 'relays'),
      flag: c.model<FlagDoc>('Flag', flagSchema, 'flags'),
      call: c.model<CallDoc>('Call', callSchema, 'calls'),
      callList: c.model<CallListDoc>('CallList', callListSchema, 'call_lists'),
      flagList: c.model<FlagListDoc>('FlagList', flagListSchema, 'flag_lists'),
    };
  }

  /** Connects and builds indexes once; after a failure the next call tries again. */
  ensureOpen(): Promise<void> {
    if (this.closed) return Promise.reject(unavailableError({ closed: true }));
    if (this.opened) return Promise.resolve();
    this.opening ??= this.open().then(
      () => {
        this.opened = true;
      },
      (err: unknown) => {
        this.opening = null;
        throw err;
      },
    );
    return this.opening;
  }

  private async open(): Promise<void> {
    try {
      await this.connection.openUri(this.options.uri, {
        dbName: this.dbName,
        bufferCommands: false,
        autoIndex: false,
        autoCreate: false,
        serverSelectionTimeoutMS: this.timeoutMs,
      });
    } catch (err) {
      if (err instanceof Error && err.name === 'MongoParseError') {
        throw new PreLetterError('invalid-config', 'MONGODB_URI is not a valid MongoDB connection string.', {}, { cause: err });
      }
      throw err;
    }
    if (this.options.prepare === false) return;
    for (const model of Object.values(this.models) as Model<unknown>[]) await model.createIndexes();
    await migrate(this.models, this.logger);
    this.logger.info({}, 'store connected, indexes ready');
  }

  async run<T>(operation: string, context: Record<string, unknown>, fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw unavailableError({ operation, ...context, closed: true });
    try {
      await this.ensureOpen();
      return await fn();
    } catch (caught) {
      const err = withoutStoredValues(caught);
      // A nested call already said what happened (and whether a write may have landed).
      if (err instanceof PreLetterError || !isUnreachableError(err)) throw err;
      const uncertain = !READ_OPERATIONS.has(operation) && mayHaveReachedServer(err);
      this.logger.warn({ operation, ...context, uncertain, ...errorDetails(err) }, 'database unreachable');
      throw unavailableError({ operation, ...context }, err, uncertain);
    }
  }

  /** True when the database answers a ping within two seconds; never throws. */
  async ping(): Promise<boolean> {
    if (this.closed) return false;
    let timer: NodeJS.Timeout | undefined;
    const attempt = (async () => {
      await this.ensureOpen();
      await this.connection.db!.admin().ping();
      return true;
    })().catch(() => false);
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), Math.min(MAX_PING_MS, this.timeoutMs));
    });
    try {
      return await Promise.race([attempt, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Drops this store's whole database (tests and dev resets only). */
  dropDatabase(): Promise<void> {
    return this.run('dropDatabase', {}, () => this.connection.dropDatabase());
  }

  /** Closes the connection; later calls fail with 'unavailable' and ping() says false. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.opening?.catch(() => undefined);
    await this.connection.close();
    this.logger.info({}, 'store closed');
  }
}
