import { PreLetterError } from '../domain/errors';
import type { Person, Platform, PlatformIdentity } from '../domain/types';
import type { BotDeps } from './deps';

const PLATFORM_NAMES: Record<Platform, string> = { slack: 'Slack', teams: 'Microsoft Teams' };

/** The ids an admin needs to add this account to the directory, as the directory file names them. */
function accountDetails(identity: PlatformIdentity): string {
  return identity.platform === 'teams'
    ? `Microsoft Teams tenant ${identity.workspaceId}, Azure AD object id ${identity.userId}`
    : `Slack workspace ${identity.workspaceId}, user ${identity.userId}`;
}

/**
 * Maps the platform user who acted to a directory person; strangers are refused
 * politely, because every permission hangs on who someone is in the directory.
 */
export async function resolveActor(deps: BotDeps, identity: PlatformIdentity): Promise<Person> {
  const person = await deps.directory.findPersonByIdentity(identity);
  if (!person) {
    throw new PreLetterError(
      'forbidden',
      `I don't know your ${PLATFORM_NAMES[identity.platform]} account yet, so I can't act for you. Ask your PreLetter admin to add it to the routing directory, and give them these ids: ${accountDetails(identity)}.`,
      { platform: identity.platform, userId: identity.userId },
    );
  }
  return person;
}

/** The identity a person has on a platform, if any: whom to mention or direct-message there. */
export function identityOn(person: Person, platform: Platform): PlatformIdentity | undefined {
  return person.identities.find((i) => i.platform === platform);
}
