/**
 * A shared channel (Teams Connect) between the mandate team's organisation and the
 * company's: the company's people are external members. Their activities carry a tenant
 * that is not the one the letter's thread was posted under, and the directory lists them
 * under their own organisation. Through botbuilder's real CloudAdapter over HTTP.
 */
import { previewLetter } from '../../../src/bot/preview-letter';
import type { ConnectorCall } from './support/connector-fake';
import { AAD, TEAMS_CHANNELS, TEAMS_DIRECTORY, teamsUser, TENANT } from './support/teams-directory';
import { visibleText } from './support/teams-message-view';
import { openTeamsWorld, type TeamsWorld } from './support/teams-world';

/** The company's own organisation (Northwind's Azure AD tenant). */
const COMPANY_TENANT = 'c0a1b2c3-d4e5-4f60-8a9b-0c1d2e3f4a5b';

/** How Teams may name the tenant of an external member's activity in a shared channel. */
const ACTIVITY_TENANTS = [
  ['the channel’s (host) tenant', TENANT],
  ['the member’s own tenant', COMPANY_TENANT],
] as const;

function asTenant(activity: any, tenant: string): any {
  activity.conversation.tenantId = tenant;
  activity.channelData = { ...activity.channelData, tenant: { id: tenant } };
  return activity;
}

describe('Teams: external members of a shared channel', () => {
  let w: TeamsWorld;
  let root: ConnectorCall;
  beforeEach(async () => {
    w = await openTeamsWorld();
    // Ana works for Northwind: the directory knows her by her own organisation's tenant.
    await w.harness.store.directory.apply({
      ...TEAMS_DIRECTORY,
      people: TEAMS_DIRECTORY.people.map((p) =>
        p.key === 'ana' ? { ...p, identities: p.identities.map((i) => (i.platform === 'teams' ? { ...i, workspaceId: COMPANY_TENANT } : i)) } : p,
      ),
    });
    w.fake.addMember(AAD.ana, 'Ana Ruiz', COMPANY_TENANT);
    await previewLetter(w.deps, { actor: teamsUser('mara'), channel: TEAMS_CHANNELS.northwind, type: 'AL', topics: ['content-moderation'], summary: 'Takedown of protest footage.', urgent: false });
    await w.teams.idle();
    root = w.fake.of('create').find((c) => c.body?.isGroup)!;
    w.fake.clear();
  });
  afterEach(async () => w.close());

  it.each(ACTIVITY_TENANTS)('lets an external owner acknowledge by `@PreLetter ack` in the letter’s reply chain when the activity names %s', async (_name, tenant) => {
    const reply = asTenant(w.send.message({ from: 'ana', text: 'ack', threadRoot: root.activityId! }), tenant);
    expect((await w.send.post(reply)).status).toBe(200);
    await w.teams.idle();
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.acknowledged?.by).toBe('ana');
    const told = w.fake.of('send').filter((c) => !c.conversationId.startsWith(TEAMS_CHANNELS.northwind.channelId)).map(visibleText).join('\n');
    expect(told).toContain('PL-2026-0001 is acknowledged');
    expect(told).not.toContain('not a letter');
  });

  it.each(ACTIVITY_TENANTS)('lets an external owner acknowledge by the card’s button when the activity names %s', async (_name, tenant) => {
    const click = asTenant(w.send.cardAction({ from: 'ana', verb: 'acknowledge', data: { ref: 'PL-2026-0001' }, conversationId: root.conversationId, replyToId: root.activityId! }), tenant);
    const answer = (await w.send.post(click)).json();
    expect(JSON.stringify(answer.value)).toContain('PL-2026-0001 is acknowledged');
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.acknowledged?.by).toBe('ana');
  });

  it('gives the external owner their own view of the card, with the button their role allows', async () => {
    const refresh = w.send.cardAction({ from: 'ana', verb: 'refresh', data: { ref: 'PL-2026-0001' }, conversationId: root.conversationId, replyToId: root.activityId! });
    const view = (await w.send.post(refresh)).json().value;
    expect(view.actions.filter((a: any) => a.type === 'Action.Execute').map((a: any) => a.verb)).toEqual(['acknowledge']);
    // She is on the card's refresh list too, by the Teams id the roster gave.
    expect(view.refresh.userIds).toContain(`29:${AAD.ana}`);
  });

  it('still tells someone the roster does not know, in the reply chain, that PreLetter does not know their account', async () => {
    const reply = asTenant(w.send.message({ from: 'stranger', text: 'ack', threadRoot: root.activityId! }), COMPANY_TENANT);
    await w.send.post(reply);
    await w.teams.idle();
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.acknowledged).toBeUndefined();
    expect(w.fake.of('send').map(visibleText).join('\n')).toContain(AAD.stranger);
  });
});

describe('Teams: channel talk delivered under resource-specific consent', () => {
  let w: TeamsWorld;
  beforeEach(async () => {
    w = await openTeamsWorld();
  });
  afterEach(async () => w.close());

  it('refreshes the tenant’s service URL only from messages said to PreLetter, not from every channel message', async () => {
    const elsewhere = 'http://127.0.0.1:9/teams-elsewhere/';
    const chatter = w.send.message({ from: 'ana', text: 'Lunch at noon?', mention: false });
    chatter.serviceUrl = elsewhere;
    expect((await w.send.post(chatter)).status).toBe(200);
    await w.teams.idle();
    expect(await w.harness.store.serviceUrls.find(TENANT)).not.toBe(elsewhere);

    const said = w.send.message({ from: 'ana', text: 'help' });
    said.serviceUrl = elsewhere;
    await w.send.post(said);
    await w.teams.idle();
    expect(await w.harness.store.serviceUrls.find(TENANT)).toBe(elsewhere);
  });
});
