/**
 * The bridge between Slack and Teams, through both real SDK entry points on one host:
 * Northwind's channel is on Slack, the mandate team's own channel on Teams. A letter
 * previewed in Northwind's Slack channel is mirrored in the mandate's Teams channel;
 * replies, edits and deletions cross in both directions with the author's name and
 * nothing active; PreLetter's own posts never cross back; buttons on either card act
 * on the one letter and update both cards.
 */
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from '../../adapters/slack/app';
import { createTeamsApp, TEAMS_MESSAGES_PATH, type TeamsApp } from '../../adapters/teams/app';
import { previewLetter } from '../../src/bot/preview-letter';
import type { BotDeps } from '../../src/bot/deps';
import type { ChannelBinding, Directory } from '../../src/domain/types';
import type { HttpHost } from '../../src/http';
import { openBotHarness, type BotHarness } from '../support/bot-harness';
import { silentLogger } from '../support/silent-logger';
import { NORTHWIND_CHANNEL, slackUser } from '../support/test-directory';
import { openWorldHost } from '../support/world-host';
import { SlackApiFake } from './slack/support/slack-api-fake';
import { buttonClick, fixture as slackFixture, SlackRequests, threadReply } from './slack/support/slack-requests';
import { analyse as analyseSlack, visibleText as slackText } from './slack/support/slack-message-view';
import { BOT_TOKEN, SIGNING_SECRET } from './slack/support/slack-world';
import { ConnectorFake } from './teams/support/connector-fake';
import { fixture as teamsFixture, TeamsRequests } from './teams/support/teams-activities';
import { AAD, TEAMS_CHANNELS, TEAMS_DIRECTORY, TEAMS_NAMES, teamsUser, TENANT } from './teams/support/teams-directory';
import { analyse as analyseTeams, visibleText as teamsText } from './teams/support/teams-message-view';

/** The mandate team's own Teams channel, bound to no company. */
const MANDATE_TEAMS: ChannelBinding = { platform: 'teams', workspaceId: TENANT, channelId: '19:sr-expression-team@thread.tacv2' };

/** The mandate team's own Slack channel, for the other direction. */
const MANDATE_SLACK: ChannelBinding = { platform: 'slack', workspaceId: 'T0TEST', channelId: 'C0MANDATE' };

/**
 * The Teams directory, with Northwind bound on Slack only, Kestrel on Teams only, and the
 * mandate's own channel where the test says (Teams by default).
 */
function bridgedDirectory(mandateChannel: ChannelBinding | null = MANDATE_TEAMS): Directory {
  return {
    ...TEAMS_DIRECTORY,
    mandates: TEAMS_DIRECTORY.mandates.map((m) => (m.key === 'sr-expression' && mandateChannel ? { ...m, channel: mandateChannel } : { ...m, channel: undefined })),
    companies: TEAMS_DIRECTORY.companies.map((c) =>
      c.key === 'northwind' ? { ...c, channels: [NORTHWIND_CHANNEL] } : c.key === 'kestrel' ? { ...c, channels: [TEAMS_CHANNELS.kestrel] } : c,
    ),
  };
}

interface BridgeWorld {
  harness: BotHarness;
  deps: BotDeps;
  slackFake: SlackApiFake;
  connector: ConnectorFake;
  host: HttpHost;
  slack: SlackApp;
  teams: TeamsApp;
  slackSend: SlackRequests;
  teamsSend: TeamsRequests;
  idle(): Promise<void>;
  close(): Promise<void>;
}

async function openBridgeWorld(): Promise<BridgeWorld> {
  const harness = await openBotHarness();
  await harness.store.directory.apply(bridgedDirectory());
  const slackFake = await SlackApiFake.start();
  for (const p of TEAMS_DIRECTORY.people) slackFake.addUser(p.identities[0]!.userId, p.name);
  const connector = await ConnectorFake.start();
  for (const [aad, name] of TEAMS_NAMES) connector.addMember(aad, name);
  const { host, deps } = await openWorldHost(harness, { path: SLACK_EVENTS_PATH, platform: 'slack' });
  const slack = createSlackApp({ config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: slackFake.apiUrl }, deps, host, logger: silentLogger });
  const teams = createTeamsApp({ config: { appType: 'MultiTenant' }, deps, serviceUrls: harness.store.serviceUrls, host, logger: silentLogger, fallbackServiceUrl: connector.serviceUrl });
  await slack.start();
  await teams.start();
  return {
    harness,
    deps,
    slackFake,
    connector,
    host,
    slack,
    teams,
    slackSend: new SlackRequests(`http://127.0.0.1:${host.port}${SLACK_EVENTS_PATH}`, SIGNING_SECRET),
    teamsSend: new TeamsRequests(`http://127.0.0.1:${host.port}${TEAMS_MESSAGES_PATH}`, connector.serviceUrl),
    idle: async () => {
      await slack.idle();
      await teams.idle();
    },
    async close() {
      await slack.stop();
      await teams.stop();
      await host.close();
      await slackFake.close();
      await connector.close();
      await harness.close();
    },
  };
}

describe('the bridge between a company on Slack and a mandate team on Teams', () => {
  let w: BridgeWorld;
  let slackRoot: string;
  let teamsChain: string;
  let teamsRoot: string;

  beforeEach(async () => {
    w = await openBridgeWorld();
    await previewLetter(w.deps, { actor: slackUser('U0MARA'), channel: NORTHWIND_CHANNEL, type: 'AL', topics: ['content-moderation'], summary: 'Takedown of protest footage.', urgent: false });
    await w.idle();
    slackRoot = String(w.slackFake.of('chat.postMessage').find((c) => c.args.channel === 'C0NORTH' && !c.args.thread_ts)!.result.ts);
    const mirror = w.connector.of('create').find((c) => c.body?.isGroup)!;
    teamsChain = mirror.conversationId;
    teamsRoot = mirror.activityId!;
  });
  afterEach(async () => w.close());

  /** A person's reply in the mirror's reply chain, as Teams delivers it with resource-specific consent (no mention). */
  function teamsReply(from: keyof typeof AAD, text: string, id: string): any {
    const a = teamsFixture('message-reply-chain');
    a.id = id;
    a.serviceUrl = w.connector.serviceUrl;
    a.from = { id: `29:1${from}`, name: TEAMS_NAMES.find(([aad]) => aad === AAD[from])![1], aadObjectId: AAD[from] };
    a.conversation = { ...a.conversation, id: teamsChain };
    a.channelData = { ...a.channelData, teamsChannelId: MANDATE_TEAMS.channelId, channel: { id: MANDATE_TEAMS.channelId } };
    a.replyToId = teamsRoot;
    a.text = text;
    a.entities = [];
    return a;
  }

  it('mirrors the letter in the mandate’s Teams channel, saying where the company’s thread is and that the two are relayed', async () => {
    const mirror = w.connector.of('create').find((c) => c.body?.isGroup)!;
    expect(mirror.body.channelData.channel.id).toBe(MANDATE_TEAMS.channelId);
    expect(teamsText(mirror)).toContain('Takedown of protest footage.');
    const note = w.connector.of('send').find((c) => c.conversationId === teamsChain)!;
    expect(teamsText(note)).toContain("This is the mandate team's copy of a letter posted in Northwind Social's Slack channel.");
    const letter = await w.harness.store.letters.get('PL-2026-0001');
    expect(letter?.threads.map((t) => [t.platform, t.channel.channelId])).toEqual([
      ['slack', 'C0NORTH'],
      ['teams', MANDATE_TEAMS.channelId],
    ]);
  });

  it('relays a company reply from Slack to Teams with its author’s name, and nothing in it mentions, links or broadcasts', async () => {
    w.connector.clear();
    const hostile = 'On it <!channel> <@U0EVIL123> <https://evil.example|click> https://evil.example @here';
    await w.slackSend.event(threadReply({ user: 'U0ANA', text: hostile, threadTs: slackRoot }));
    await w.idle();
    const copies = w.connector.of('send').filter((c) => c.conversationId === teamsChain);
    expect(copies).toHaveLength(1);
    expect(teamsText(copies[0]!)).toContain('Ana Ruiz, on Slack');
    expect(teamsText(copies[0]!)).toContain('On it');
    expect(analyseTeams(copies[0]!)).toMatchObject({ mentions: [], links: [] });
  });

  it('relays a mandate team reply from Teams to the Slack thread, and the relayed post never comes back', async () => {
    w.slackFake.clear();
    await w.teamsSend.post(teamsReply('mara', 'Thanks, the formal letter goes out next week. <at>Ana Ruiz</at>', '1772525300001'));
    await w.idle();
    const copies = w.slackFake.of('chat.postMessage').filter((c) => c.args.thread_ts === slackRoot);
    expect(copies).toHaveLength(1);
    expect(slackText(copies[0]!)).toContain('Mara Quell, on Microsoft Teams');
    expect(slackText(copies[0]!)).toContain('Thanks, the formal letter goes out next week. Ana Ruiz');
    expect(analyseSlack(copies[0]!)).toMatchObject({ mentions: [], broadcasts: [], links: [] });

    // Slack tells the bot of its own post: it is not relayed back.
    w.connector.clear();
    await w.slackSend.event(threadReply({ user: 'U0BOT', text: 'Mara Quell, on Microsoft Teams', threadTs: slackRoot, extra: { bot_id: 'B0PRELETTER', ts: String(copies[0]!.result.ts) } }));
    await w.idle();
    expect(w.connector.of('send')).toEqual([]);
  });

  it('relays words that mention PreLetter in the Teams chain but are no command, instead of answering them with help', async () => {
    w.slackFake.clear();
    w.connector.clear();
    const said = teamsReply('mara', '<at>PreLetter</at> thanks, noted', '1772525600001');
    said.entities = [{ type: 'mention', text: '<at>PreLetter</at>', mentioned: { id: said.recipient.id, name: 'PreLetter' } }];
    await w.teamsSend.post(said);
    await w.idle();
    const copies = w.slackFake.of('chat.postMessage').filter((c) => c.args.thread_ts === slackRoot);
    expect(copies.map(slackText).join('\n')).toContain('thanks, noted');
    expect(w.connector.of('send')).toEqual([]);
  });

  it('never relays PreLetter’s own post in the Teams chain back to Slack', async () => {
    await w.slackSend.event(threadReply({ user: 'U0ANA', text: 'On it.', threadTs: slackRoot }));
    await w.idle();
    const copy = w.connector.of('send').filter((c) => c.conversationId === teamsChain).at(-1)!;
    w.slackFake.clear();
    const echo = teamsReply('mara', 'Ana Ruiz, on Slack On it.', copy.activityId!);
    echo.from = { id: '28:00000000-0000-0000-0000-0000000b0700', name: 'PreLetter' };
    await w.teamsSend.post(echo);
    await w.idle();
    expect(w.slackFake.of('chat.postMessage')).toEqual([]);
  });

  it('shows an edit and a deletion of the original on its copy, in both directions', async () => {
    await w.slackSend.event(threadReply({ user: 'U0ANA', text: 'We are looking into it.', threadTs: slackRoot, extra: { ts: '1772525000.000200' } }));
    await w.idle();
    const copy = w.connector.of('send').filter((c) => c.conversationId === teamsChain).at(-1)!;

    const edited = slackFixture('event-message-changed');
    edited.event.message.thread_ts = slackRoot;
    await w.slackSend.event(edited);
    await w.idle();
    const update = w.connector.of('update').filter((c) => c.activityId === copy.activityId).at(-1)!;
    expect(teamsText(update)).toContain('We are looking into it, answer by Friday.');
    expect(teamsText(update)).toContain('(edited)');

    // Slack's own change events that leave the words as they were (an unfurl) mark nothing.
    const unfurled = slackFixture('event-message-changed');
    unfurled.event_id = 'Ev0MSGUNF01';
    unfurled.event.message = { ...unfurled.event.message, thread_ts: slackRoot, text: unfurled.event.previous_message.text };
    const updatesBefore = w.connector.of('update').length;
    await w.slackSend.event(unfurled);
    await w.idle();
    expect(w.connector.of('update')).toHaveLength(updatesBefore);

    const deleted = slackFixture('event-message-deleted');
    deleted.event.previous_message.thread_ts = slackRoot;
    await w.slackSend.event(deleted);
    await w.idle();
    expect(teamsText(w.connector.of('update').filter((c) => c.activityId === copy.activityId).at(-1)!)).toContain('The author deleted this message.');

    // And from Teams: the mandate team's reply, then its edit.
    await w.teamsSend.post(teamsReply('mara', 'Draft ready.', '1772525400001'));
    await w.idle();
    const slackCopy = w.slackFake.of('chat.postMessage').filter((c) => c.args.thread_ts === slackRoot).at(-1)!;
    const edit = { ...teamsReply('mara', 'Draft ready; sending Monday.', '1772525400001'), type: 'messageUpdate' };
    edit.channelData = { ...edit.channelData, eventType: 'editMessage' };
    await w.teamsSend.post(edit);
    await w.idle();
    const slackUpdate = w.slackFake.of('chat.update').filter((c) => c.args.ts === slackCopy.result.ts).at(-1)!;
    expect(slackText(slackUpdate)).toContain('Draft ready; sending Monday.');
  });

  it('lets a button on the Slack card act on the letter and updates both cards', async () => {
    w.slackFake.clear();
    w.connector.clear();
    await w.slackSend.interaction(buttonClick({ user: 'U0ANA', action: 'acknowledge', ref: 'PL-2026-0001', channel: 'C0NORTH', messageTs: slackRoot }));
    await w.idle();
    expect((await w.harness.store.letters.get('PL-2026-0001'))?.acknowledged?.by).toBe('ana');
    expect(slackText(w.slackFake.of('chat.update').find((c) => c.args.ts === slackRoot)!)).toContain('Acknowledged');
    expect(teamsText(w.connector.of('update').find((c) => c.activityId === teamsRoot)!)).toContain('Acknowledged');
  });

  it('relays nothing once the directory no longer names the mandate’s channel as the mandate’s', async () => {
    await w.harness.store.directory.apply(bridgedDirectory(null));
    w.connector.clear();
    await w.slackSend.event(threadReply({ user: 'U0ANA', text: 'Anyone there?', threadTs: slackRoot }));
    await w.idle();
    expect(w.connector.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });
});

describe('the bridge the other way: a company on Teams and a mandate team on Slack', () => {
  let w: BridgeWorld;
  afterEach(async () => w.close());

  it('mirrors the letter in the mandate’s Slack channel and relays replies both ways', async () => {
    w = await openBridgeWorld();
    await w.harness.store.directory.apply(bridgedDirectory(MANDATE_SLACK));
    await previewLetter(w.deps, { actor: teamsUser('mara'), channel: TEAMS_CHANNELS.kestrel, type: 'AL', topics: ['surveillance'], summary: 'Location data sold to brokers.', urgent: false });
    await w.idle();
    const mirror = w.slackFake.of('chat.postMessage').find((c) => c.args.channel === 'C0MANDATE' && !c.args.thread_ts)!;
    expect(slackText(mirror)).toContain('Location data sold to brokers.');
    const chain = w.connector.of('create').find((c) => c.body?.isGroup)!;

    // Kai (Kestrel, on Teams) replies in the company's chain: the mandate team reads it on Slack.
    const reply = teamsFixture('message-reply-chain');
    Object.assign(reply, { id: '1772525500001', serviceUrl: w.connector.serviceUrl, text: 'We will answer within the period.', replyToId: chain.activityId, entities: [] });
    reply.from = { id: '29:1kai', name: 'Kai', aadObjectId: AAD.kai };
    reply.conversation = { ...reply.conversation, id: chain.conversationId };
    reply.channelData = { ...reply.channelData, teamsChannelId: TEAMS_CHANNELS.kestrel.channelId, channel: { id: TEAMS_CHANNELS.kestrel.channelId } };
    await w.teamsSend.post(reply);
    await w.idle();
    const onSlack = w.slackFake.of('chat.postMessage').filter((c) => c.args.channel === 'C0MANDATE' && c.args.thread_ts === mirror.result.ts);
    expect(onSlack.map(slackText).join('\n')).toContain('on Microsoft Teams');
    expect(onSlack.map(slackText).join('\n')).toContain('We will answer within the period.');

    // Mara answers on Slack in the mirror's thread: Kestrel reads it in its Teams chain.
    w.connector.clear();
    await w.slackSend.event(threadReply({ user: 'U0MARA', text: 'Thank you, noted.', threadTs: String(mirror.result.ts), channel: 'C0MANDATE' }));
    await w.idle();
    const onTeams = w.connector.of('send').filter((c) => c.conversationId === chain.conversationId);
    expect(onTeams.map(teamsText).join('\n')).toContain('Mara Quell, on Slack');
    expect(onTeams.map(teamsText).join('\n')).toContain('Thank you, noted.');
  });
});
