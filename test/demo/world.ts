/**
 * The demo's world: a fresh embedded database in a temporary folder, the fictional
 * demo directory, a simulated clock, the one HTTP host with the real Slack and Teams
 * apps mounted on it, and local fakes of the Slack Web API and the Bot Connector.
 * People act only through signed Slack requests and Teams activities, as the
 * platforms would send them. Nothing here reaches the network beyond 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSlackApp, SLACK_EVENTS_PATH, type SlackApp } from '../../adapters/slack/app';
import { createTeamsApp, TEAMS_MESSAGES_PATH, type TeamsApp } from '../../adapters/teams/app';
import { storeDeps, testDeliverySettings } from '../support/bot-harness';
import type { BotDeps } from '../../src/bot/deps';
import { loadDemoDirectory } from '../../src/cli/directory-file';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import type { Directory, Person, PlatformIdentity } from '../../src/domain/types';
import { startHttpHost, type HttpHost } from '../../src/http';
import type { Logger } from '../../src/logger';
import { openStore, type Store } from '../../src/store';
import { startEmbeddedServer, type EmbeddedServer } from '../../src/store/embedded/launcher';
import { SlackApiFake } from '../adapters/slack/support/slack-api-fake';
import { buttonClick, freshId, SlackRequests, slashCommand, threadReply, viewSubmission, type SlackReply } from '../adapters/slack/support/slack-requests';
import { ConnectorFake } from '../adapters/teams/support/connector-fake';
import { fixture, freshMessageId, TeamsRequests, type TeamsReply } from '../adapters/teams/support/teams-activities';
import { SimulatedClock } from '../support/simulated-clock';

/** Local-only test credentials: they open nothing anywhere and are never printed (the test checks). */
export const DEMO_CREDENTIALS = { signingSecret: 'demo-signing-secret-local-only', botToken: 'xoxb-demo-local-only' } as const;
const { signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN } = DEMO_CREDENTIALS;

/** Warnings and errors the bot logged during the demo: constant messages only, never their context. */
export interface LogNotes {
  lines: string[];
}

function notingLogger(notes: LogNotes): Logger {
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (_context, message) => void notes.lines.push(`warn: ${message}`),
    error: (_context, message) => void notes.lines.push(`error: ${message}`),
    child: () => logger,
  };
  return logger;
}

/** Everything the demo story drives. */
export interface DemoWorld {
  directory: Directory;
  people: Map<string, Person>;
  clock: SimulatedClock;
  deps: BotDeps;
  store: Store;
  slackFake: SlackApiFake;
  connector: ConnectorFake;
  notes: LogNotes;
  /** Who a Slack trigger id belongs to, so a modal finds its reader. */
  slackOrigins: Map<string, string>;
  slack: SlackActions;
  teams: TeamsActions;
  /** Waits until both apps have finished every turn received so far. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export function identityOf(person: Person, platform: 'slack' | 'teams'): PlatformIdentity {
  const identity = person.identities.find((i) => i.platform === platform);
  if (!identity) throw new Error(`${person.key} has no ${platform} account in the demo directory`);
  return identity;
}

/** A person's Slack gestures, signed as Slack signs them. */
export class SlackActions {
  constructor(
    private readonly send: SlackRequests,
    private readonly fake: SlackApiFake,
    private readonly people: Map<string, Person>,
    private readonly origins: Map<string, string>,
  ) {}

  private me(key: string): PlatformIdentity {
    return identityOf(this.people.get(key)!, 'slack');
  }

  /** Slack's fallback for private replies, pointed at the fake (never hooks.slack.com). */
  private responseUrl(key: string): string {
    return this.fake.responseUrl(freshId(`${key}-`));
  }

  /** `/preletter <text>` typed in a channel of the workspace that hosts it. */
  command(key: string, text: string, channel: { workspaceId: string; channelId: string }): Promise<SlackReply> {
    const me = this.me(key);
    const fields: Record<string, string> = { ...slashCommand(me.userId, text, channel.channelId, this.responseUrl(key)), team_id: channel.workspaceId, user_name: key };
    this.origins.set(fields.trigger_id!, key);
    return this.send.command(fields);
  }

  /** Submits the preview modal (view_submission) with the private metadata PreLetter gave it. */
  submit(key: string, privateMetadata: string, values: Record<string, Record<string, unknown>>): Promise<SlackReply> {
    const me = this.me(key);
    const body = viewSubmission({ user: me.userId, privateMetadata, values });
    body.user = { ...body.user, username: key, name: key, team_id: me.workspaceId };
    body.team = { ...body.team, id: me.workspaceId };
    return this.send.interaction(body);
  }

  /** Clicks a card button (block_actions) on a message in a channel or direct message. */
  click(key: string, action: string, ref: string, where: { channel: string; messageTs: string; teamId: string }): Promise<SlackReply> {
    const me = this.me(key);
    const body = buttonClick({ user: me.userId, action, ref, channel: where.channel, messageTs: where.messageTs, responseUrl: this.responseUrl(key) });
    body.user = { ...body.user, team_id: me.workspaceId };
    body.team = { ...body.team, id: where.teamId };
    this.origins.set(body.trigger_id, key);
    return this.send.interaction(body);
  }

  /** A reply in a channel's thread, as the Events API delivers it. */
  reply(key: string, text: string, where: { channel: string; threadTs: string; teamId: string }): Promise<SlackReply> {
    const me = this.me(key);
    const body = threadReply({ user: me.userId, text, threadTs: where.threadTs, channel: where.channel, extra: { user_team: me.workspaceId } });
    body.team_id = where.teamId;
    return this.send.event(body);
  }
}

/** A person's Teams gestures, as the Bot Connector delivers them. */
export class TeamsActions {
  constructor(
    private readonly send: TeamsRequests,
    private readonly connector: ConnectorFake,
    private readonly people: Map<string, Person>,
  ) {}

  /** The client's own report of where the person is, as Teams attaches it to each activity. */
  private clientInfo(key: string): Record<string, string> {
    return { type: 'clientInfo', locale: 'en-GB', platform: 'Desktop', timezone: this.people.get(key)!.timeZone ?? 'UTC' };
  }

  private from(key: string): { id: string; name: string; aadObjectId: string } {
    const person = this.people.get(key)!;
    const aad = identityOf(person, 'teams').userId;
    return { id: `29:1${aad}`, name: person.name, aadObjectId: aad };
  }

  /** The 1:1 chat between a person and the bot. */
  chatOf(key: string): string {
    return this.connector.personalChatOf(identityOf(this.people.get(key)!, 'teams').userId);
  }

  /** A message in the person's 1:1 chat with the bot. */
  personal(key: string, text: string): Promise<TeamsReply> {
    const a = fixture('message-personal');
    const tenantId = identityOf(this.people.get(key)!, 'teams').workspaceId;
    Object.assign(a, { id: freshMessageId(), serviceUrl: this.send.serviceUrl, from: this.from(key), text });
    a.conversation = { ...a.conversation, tenantId, id: this.chatOf(key) };
    a.channelData = { tenant: { id: tenantId } };
    a.entities = [this.clientInfo(key)];
    return this.send.post(a);
  }

  /** `@PreLetter <text>` posted in a channel (a new post, so a new reply chain). */
  mention(key: string, text: string, channel: { workspaceId: string; channelId: string }): Promise<TeamsReply> {
    const a = fixture('message-channel-mention');
    const id = freshMessageId();
    Object.assign(a, { id, serviceUrl: this.send.serviceUrl, from: this.from(key), text: `<at>PreLetter</at> ${text}` });
    a.conversation = { ...a.conversation, tenantId: channel.workspaceId, id: `${channel.channelId};messageid=${id}` };
    a.channelData = { ...a.channelData, teamsChannelId: channel.channelId, channel: { id: channel.channelId }, tenant: { id: channel.workspaceId } };
    a.attachments = [];
    a.entities = [a.entities[0], this.clientInfo(key)];
    return this.send.post(a);
  }

  /** A reply in a channel's reply chain, without a mention (delivered under resource-specific consent). */
  reply(key: string, text: string, chain: { workspaceId: string; channelId: string; rootId: string }): Promise<TeamsReply> {
    const a = fixture('message-reply-chain');
    Object.assign(a, { id: freshMessageId(), serviceUrl: this.send.serviceUrl, from: this.from(key), text, replyToId: chain.rootId });
    a.conversation = { ...a.conversation, tenantId: chain.workspaceId, id: `${chain.channelId};messageid=${chain.rootId}` };
    a.channelData = { ...a.channelData, teamsChannelId: chain.channelId, channel: { id: chain.channelId }, tenant: { id: chain.workspaceId } };
    a.entities = [this.clientInfo(key)];
    return this.send.post(a);
  }

  /** An Action.Execute click on a card in the person's 1:1 chat (adaptiveCard/action invoke). */
  cardAction(key: string, verb: string, data: Record<string, unknown>, replyToId: string): Promise<TeamsReply> {
    const a = fixture('invoke-adaptive-card-action');
    const tenantId = identityOf(this.people.get(key)!, 'teams').workspaceId;
    Object.assign(a, { id: `f:${freshId('demo')}`, serviceUrl: this.send.serviceUrl, from: this.from(key), replyToId });
    a.conversation = { conversationType: 'personal', tenantId, id: this.chatOf(key) };
    a.channelData = { tenant: { id: tenantId }, source: { name: 'message' } };
    a.value = { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' };
    a.entities = [this.clientInfo(key)];
    return this.send.post(a);
  }
}

/** Starts everything on a fresh temporary database; close() removes it again. */
export async function openDemoWorld(start: string): Promise<DemoWorld> {
  const notes: LogNotes = { lines: [] };
  const logger = notingLogger(notes);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'preletter-demo-'));
  const opened: Array<() => Promise<unknown>> = [async () => rmSync(dataDir, { recursive: true, force: true })];
  const closeAll = async () => {
    for (const close of opened.reverse()) await close().catch(() => undefined);
  };
  try {
    const embedded: EmbeddedServer = await startEmbeddedServer({ dataDir, logger });
    opened.push(() => embedded.stop());
    const store = await openStore({ uri: embedded.uri, dbName: 'preletter_demo', logger });
    opened.push(() => store.close());
    const directory = loadDemoDirectory();
    await store.directory.apply(directory);
    const people = new Map(directory.people.map((p) => [p.key, p]));

    const slackFake = await SlackApiFake.start();
    opened.push(() => slackFake.close());
    const connector = await ConnectorFake.start();
    opened.push(() => connector.close());
    for (const p of directory.people) {
      for (const i of p.identities) {
        if (i.platform === 'slack') slackFake.addUser(i.userId, p.name);
        else connector.addMember(i.userId, p.name);
      }
    }

    const clock = new SimulatedClock(start);
    const host: HttpHost = await startHttpHost({ port: 0, host: '127.0.0.1', logger, ready: () => store.ping() });
    opened.push(() => host.close());
    const deps: BotDeps = {
      ...storeDeps(store),
      platforms: {},
      clock,
      policy: DEFAULT_POLICY,
      delivery: testDeliverySettings('demo'),
      logger,
    };
    const slackApp: SlackApp = createSlackApp({ config: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: slackFake.apiUrl }, deps, host, logger });
    await slackApp.start();
    opened.push(() => slackApp.stop());
    // No app id: Bot Framework Emulator mode, local requests only, no Microsoft account.
    const teamsApp: TeamsApp = createTeamsApp({ config: { appType: 'MultiTenant' }, deps, serviceUrls: store.serviceUrls, host, logger, fallbackServiceUrl: connector.serviceUrl });
    await teamsApp.start();
    opened.push(() => teamsApp.stop());

    const base = `http://127.0.0.1:${host.port}`;
    const slackOrigins = new Map<string, string>();
    return {
      directory,
      people,
      clock,
      deps,
      store,
      slackFake,
      connector,
      notes,
      slackOrigins,
      slack: new SlackActions(new SlackRequests(`${base}${SLACK_EVENTS_PATH}`, SIGNING_SECRET), slackFake, people, slackOrigins),
      teams: new TeamsActions(new TeamsRequests(`${base}${TEAMS_MESSAGES_PATH}`, connector.serviceUrl), connector, people),
      async settle() {
        await slackApp.idle(10_000);
        await teamsApp.idle(10_000);
      },
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
