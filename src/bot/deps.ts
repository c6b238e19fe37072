import type { Clock } from '../domain/clock';
import type { ClockPolicy } from '../domain/policy';
import type { Logger } from '../logger';
import type { DeliverySettings } from './deliver-letter';
import type { PlatformRegistry } from './ports';
import type {
  CallRepository,
  DeliveryRepository,
  DirectoryRepository,
  InboundEventRepository,
  LetterRepository,
  RelayRepository,
  FlagRepository,
  ScheduleRepository,
} from './repositories';

/**
 * Why: one command, preview or sweep is one unit of work for the directory: it checks
 * once whether the directory changed and reads each entry at most once (nesting is free).
 */
export function inUnitOfWork(deps: BotDeps): BotDeps {
  return { ...deps, directory: deps.directory.unitOfWork() };
}

/** Everything a use case may touch, injected so tests swap platforms and time but keep the real store. */
export interface BotDeps {
  directory: DirectoryRepository;
  letters: LetterRepository;
  schedule: ScheduleRepository;
  deliveries: DeliveryRepository;
  inbound: InboundEventRepository;
  /** Where the bridge relayed each message between a letter's threads. */
  relays: RelayRepository;
  /** Flags raised by companies with the Special Procedures. */
  flags: FlagRepository;
  /** Calls for input published by mandates to companies. */
  calls: CallRepository;
  platforms: PlatformRegistry;
  clock: Clock;
  policy: ClockPolicy;
  /** How this instance claims and retries deliveries (publications and reminders alike). */
  delivery: DeliverySettings;
  logger: Logger;
}
