/**
 * A compact fictional directory for use-case tests: one mandate, two companies
 * (so tests can prove a letter never reaches the wrong one), people in three zones.
 */
import type { ChannelBinding, Directory, Person, PlatformIdentity } from '../../src/domain/types';

function person(key: string, name: string, timeZone: string, userId: string, admin = false): Person {
  return {
    key,
    name,
    email: `${key}@example.org`,
    timeZone,
    identities: [{ platform: 'slack', workspaceId: 'T0TEST', userId }],
    admin,
  };
}

/** Channel bound to Northwind in the test directory. */
export const NORTHWIND_CHANNEL: ChannelBinding = { platform: 'slack', workspaceId: 'T0TEST', channelId: 'C0NORTH' };
/** Channel bound to Kestrel: Northwind letters must never appear here. */
export const KESTREL_CHANNEL: ChannelBinding = { platform: 'slack', workspaceId: 'T0TEST', channelId: 'C0KESTREL' };
/** A channel no company is bound to. */
export const UNBOUND_CHANNEL: ChannelBinding = { platform: 'slack', workspaceId: 'T0TEST', channelId: 'C0RANDOM' };

/** The Slack identity of a test person, as an adapter would pass it in. */
export function slackUser(userId: string): PlatformIdentity {
  return { platform: 'slack', workspaceId: 'T0TEST', userId };
}

/** Who is who, by Slack user id, so tests read like the story they tell. */
export const USERS = {
  mara: slackUser('U0MARA'), // mandate holder
  tom: slackUser('U0TOM'), // mandate staff
  ana: slackUser('U0ANA'), // Northwind owner, Los Angeles
  wei: slackUser('U0WEI'), // Northwind owner, Singapore
  bea: slackUser('U0BEA'), // Northwind backup
  dana: slackUser('U0DANA'), // Northwind human-rights lead (default contact)
  kai: slackUser('U0KAI'), // Kestrel owner
  root: slackUser('U0ROOT'), // admin
  stranger: slackUser('U0NOBODY'), // not in the directory
};

/** The directory itself. */
export const TEST_DIRECTORY: Directory = {
  people: [
    person('mara', 'Mara Quell', 'Europe/Zurich', 'U0MARA'),
    person('tom', 'Tom Arlen', 'Europe/Zurich', 'U0TOM'),
    person('ana', 'Ana Ruiz', 'America/Los_Angeles', 'U0ANA'),
    person('wei', 'Wei Tan', 'Asia/Singapore', 'U0WEI'),
    person('bea', 'Bea Holm', 'America/Los_Angeles', 'U0BEA'),
    person('dana', 'Dana Cole', 'America/New_York', 'U0DANA'),
    person('eli', 'Eli Park', 'America/New_York', 'U0ELI'),
    person('kai', 'Kai Berg', 'Europe/Dublin', 'U0KAI'),
    person('root', 'Robin Admin', 'Europe/Zurich', 'U0ROOT', true),
  ],
  mandates: [
    {
      key: 'sr-expression',
      title: 'Special Rapporteur on freedom of opinion and expression',
      timeZone: 'Europe/Zurich',
      team: ['mara', 'tom'],
      topics: ['content-moderation', 'surveillance'],
    },
  ],
  companies: [
    {
      key: 'northwind',
      name: 'Northwind Social',
      aliases: ['Northwind'],
      timeZone: 'America/Los_Angeles',
      channels: [NORTHWIND_CHANNEL],
      defaultContacts: ['dana'],
      escalationContacts: ['eli'],
      urgentLine: ['dana'],
      routes: [{ topics: ['content-moderation'], owners: ['ana', 'wei'], backups: ['bea'] }],
    },
    {
      key: 'kestrel',
      name: 'Kestrel Cloud',
      aliases: [],
      timeZone: 'Europe/Dublin',
      channels: [KESTREL_CHANNEL],
      defaultContacts: [],
      escalationContacts: [],
      urgentLine: [],
      routes: [{ topics: ['surveillance'], owners: ['kai'], backups: [] }],
    },
  ],
};
