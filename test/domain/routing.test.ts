import { resolveRouting } from '../../src/domain/routing';
import type { Company } from '../../src/domain/types';
import { company } from './fixtures';

const detailed: Company = {
  ...company,
  routes: [
    { topics: ['privacy', 'surveillance', 'children'], owners: ['broad'], backups: ['broad-backup'] },
    { topics: ['Privacy', 'Surveillance'], owners: ['narrow'], backups: ['narrow-backup'] },
    { topics: ['privacy', 'surveillance'], owners: ['later'], backups: [] },
    { topics: ['elections'], owners: ['ella'], backups: [] },
  ],
};

describe('resolveRouting', () => {
  it('picks the route sharing the most topics with the letter', () => {
    const routing = resolveRouting(detailed, ['privacy', 'children'], false);
    expect(routing.owners).toEqual(['broad']);
    expect(routing.backups).toEqual(['broad-backup']);
    expect(routing.matchedTopics).toEqual(['privacy', 'surveillance', 'children']);
  });

  it('prefers the route with fewer topics on a tie, then the first declared', () => {
    const routing = resolveRouting(detailed, ['privacy', 'surveillance'], false);
    expect(routing.owners).toEqual(['narrow']);
    expect(routing.matchedTopics).toEqual(['Privacy', 'Surveillance']);
  });

  it('compares topics ignoring case and surrounding spaces', () => {
    expect(resolveRouting(detailed, ['  ELECTIONS '], false).owners).toEqual(['ella']);
  });

  it('falls back to the default contacts with no backups when no route matches', () => {
    expect(resolveRouting(detailed, ['labour rights'], false)).toEqual({
      owners: ['dana'],
      backups: [],
      escalation: ['eva'],
      unrouted: false,
      matchedTopics: [],
    });
  });

  it('adds the urgent line to urgent letters without repeating anyone', () => {
    const withOverlap: Company = { ...detailed, urgentLine: ['uri', 'ella'] };
    expect(resolveRouting(withOverlap, ['elections'], true).owners).toEqual(['ella', 'uri']);
  });

  it('flags a letter unrouted when nobody is on file', () => {
    const empty: Company = { ...company, routes: [], defaultContacts: [], urgentLine: [], escalationContacts: [] };
    expect(resolveRouting(empty, ['privacy'], false)).toMatchObject({ owners: [], unrouted: true });
  });

  it('still routes an urgent appeal to the urgent line when no other owner exists', () => {
    const lineOnly: Company = { ...company, routes: [], defaultContacts: [] };
    expect(resolveRouting(lineOnly, ['privacy'], true)).toMatchObject({ owners: ['uri'], unrouted: false });
  });
});
