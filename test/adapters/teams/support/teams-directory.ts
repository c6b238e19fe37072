/**
 * The shared test directory with Teams accounts added: every person gets an Azure AD
 * object id in one tenant, and Northwind and Kestrel each get a Teams channel bound to
 * them (shared channels of the mandate team's tenant). Slack identities stay, so the
 * same people act on both platforms.
 */
import type { ChannelBinding, Directory, PlatformIdentity } from '../../../../src/domain/types';
import { TEST_DIRECTORY } from '../../../support/test-directory';

/** The tenant every test person and channel lives in (as in the fixtures). */
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
/** The bot's own account id, as Teams puts it in `recipient.id` (the fixtures use it). */
export const BOT_ID = '28:00000000-0000-0000-0000-0000000b0700';
/** The team's General channel (equal to the team id), where the install card goes. */
export const GENERAL_CHANNEL = '19:un-team-general@thread.tacv2';

/** Azure AD object ids by directory key. */
export const AAD = {
  mara: 'a0000000-0000-4000-8000-0000000000a1',
  tom: 'a0000000-0000-4000-8000-0000000000a2',
  ana: 'a0000000-0000-4000-8000-0000000000a3',
  wei: 'a0000000-0000-4000-8000-0000000000a4',
  bea: 'a0000000-0000-4000-8000-0000000000a5',
  dana: 'a0000000-0000-4000-8000-0000000000a6',
  eli: 'a0000000-0000-4000-8000-0000000000a7',
  kai: 'a0000000-0000-4000-8000-0000000000a8',
  root: 'a0000000-0000-4000-8000-0000000000a9',
  stranger: 'a0000000-0000-4000-8000-0000000000ff', // not in the directory
} as const;

/** A person's key in this file. */
export type TeamsPerson = keyof typeof AAD;

function channel(channelId: string): ChannelBinding {
  return { platform: 'teams', workspaceId: TENANT, channelId };
}

/** Teams channels: two bound ones and one no company is bound to. */
export const TEAMS_CHANNELS = {
  northwind: channel('19:northwind-shared@thread.tacv2'),
  kestrel: channel('19:kestrel-shared@thread.tacv2'),
  unbound: channel('19:random-chat@thread.tacv2'),
} as const;

/** The Teams identity of a test person, as the adapter builds it from an activity. */
export function teamsUser(person: TeamsPerson): PlatformIdentity {
  return { platform: 'teams', workspaceId: TENANT, userId: AAD[person] };
}

/** The test directory with Teams identities and channels added. */
export const TEAMS_DIRECTORY: Directory = {
  people: TEST_DIRECTORY.people.map((p) => ({ ...p, identities: [...p.identities, teamsUser(p.key as TeamsPerson)] })),
  mandates: TEST_DIRECTORY.mandates,
  companies: TEST_DIRECTORY.companies.map((c) => {
    const bound = c.key === 'northwind' ? TEAMS_CHANNELS.northwind : c.key === 'kestrel' ? TEAMS_CHANNELS.kestrel : undefined;
    return bound ? { ...c, channels: [...c.channels, bound] } : c;
  }),
};

/** Display names by AAD id, for the connector fake's member look-ups. */
export const TEAMS_NAMES: Array<[string, string]> = TEST_DIRECTORY.people.map((p) => [AAD[p.key as TeamsPerson], p.name]);
