import { accessTo, canSeeLetter, rolesFor } from '../../src/domain/access';
import { company, letter, mandate, person } from './fixtures';

const routed = letter('2026-03-02T09:00:00Z');

describe('rolesFor', () => {
  it('makes members of the letter’s mandate team mandate-team', () => {
    expect([...rolesFor(person('mara'), routed, mandate, company)]).toEqual(['mandate-team']);
  });

  it('treats everyone in the letter’s routing as an owner, and as a contact of its company', () => {
    for (const key of ['ana', 'bea', 'eva']) {
      expect(rolesFor(person(key), routed, mandate, company)).toEqual(new Set(['owner', 'company-contact']));
    }
  });

  it('makes anyone the company lists, but not routed here, a company contact only', () => {
    for (const key of ['dana', 'uri', 'carl']) {
      expect([...rolesFor(person(key), routed, mandate, company)]).toEqual(['company-contact']);
    }
  });

  it('marks directory admins as admin', () => {
    expect([...rolesFor(person('ada', undefined, true), routed, null, null)]).toEqual(['admin']);
  });

  it('gives no role to a stranger', () => {
    expect(rolesFor(person('zed'), routed, mandate, company).size).toBe(0);
  });

  it('ignores a mandate or company that is not the letter’s own', () => {
    const other = letter('2026-03-02T09:00:00Z', { mandateKey: 'other', companyKey: 'other' });
    expect(rolesFor(person('mara'), other, mandate, company).size).toBe(0);
    expect(rolesFor(person('dana'), other, mandate, company).size).toBe(0);
  });
});

describe('visibility', () => {
  it('lets any role see that a letter exists, and nobody without one', () => {
    expect(canSeeLetter(new Set(['company-contact']))).toBe(true);
    expect(canSeeLetter(new Set())).toBe(false);
  });

  it('shows the confidential summary to the mandate team and the routed people only, never to admins as such', () => {
    expect(accessTo(new Set(['mandate-team'])).read).toBe(true);
    expect(accessTo(new Set(['owner', 'company-contact'])).read).toBe(true);
    expect(accessTo(new Set(['admin'])).read).toBe(false);
    expect(canSeeLetter(new Set(['admin']))).toBe(true);
    expect(accessTo(new Set(['admin', 'mandate-team'])).read).toBe(true);
    expect(accessTo(new Set(['company-contact'])).read).toBe(false);
  });
});
