import type { Person, Platform, PlatformIdentity } from '../domain/types';
import type { BotDeps } from './deps';
import { refusal } from './messages/catalogue';

/**
 * Maps the platform user who acted to a directory person; strangers are refused
 * politely, because every permission hangs on who someone is in the directory.
 */
export async function resolveActor(deps: BotDeps, identity: PlatformIdentity): Promise<Person> {
  const person = await deps.directory.findPersonByIdentity(identity);
  if (!person) {
    throw refusal(
      'forbidden',
      { key: 'actor.unknown', platform: identity.platform, workspaceId: identity.workspaceId, userId: identity.userId },
      { platform: identity.platform, userId: identity.userId },
    );
  }
  return person;
}

/** The identity a person has on a platform, if any: whom to mention or direct-message there. */
export function identityOn(person: Person, platform: Platform): PlatformIdentity | undefined {
  return person.identities.find((i) => i.platform === platform);
}
