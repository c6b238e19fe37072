/**
 * Bot Framework activities as Teams sends them to /api/messages, built from the
 * documented shapes in test/fixtures/teams with fresh ids per call (so two requests are
 * never mistaken for a repeat by accident) and the connector fake as serviceUrl.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AAD, TEAMS_CHANNELS, TENANT, type TeamsPerson } from './teams-directory';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/teams');

/** A documented activity shape from test/fixtures/teams, parsed fresh each time. */
export function fixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as T;
}

let counter = 0;
/** A fresh Teams message id (digits, like Teams' own). */
export function freshMessageId(): string {
  counter += 1;
  return String(1772525000000 + counter * 7 + Math.floor(Math.random() * 5));
}

/** What PreLetter answered. */
export interface TeamsReply {
  status: number;
  text: string;
  json(): any;
}

/** Posts activities to one PreLetter host, as the Bot Connector would. */
export class TeamsRequests {
  constructor(
    readonly url: string,
    readonly serviceUrl: string,
  ) {}

  async post(activity: unknown, options: { authorization?: string; body?: string; headers?: Record<string, string> } = {}): Promise<TeamsReply> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.authorization ? { authorization: options.authorization } : {}), ...options.headers },
      body: options.body ?? JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) };
  }

  /** A message: in a channel (with or without the bot's mention, maybe in a reply chain) or in personal chat. */
  message(options: { from: TeamsPerson; text: string; channelId?: string; personal?: boolean; mention?: boolean; threadRoot?: string; id?: string }): any {
    const personal = options.personal ?? false;
    const a = fixture(personal ? 'message-personal' : 'message-channel-mention');
    const id = options.id ?? freshMessageId();
    a.id = id;
    a.serviceUrl = this.serviceUrl;
    a.from = { ...a.from, id: `29:1${options.from}`, name: options.from, aadObjectId: AAD[options.from] };
    if (personal) {
      a.conversation.id = `a:1personal-${AAD[options.from]}`;
      a.text = options.text;
      return a;
    }
    const channelId = options.channelId ?? TEAMS_CHANNELS.northwind.channelId;
    a.conversation.id = `${channelId};messageid=${options.threadRoot ?? id}`;
    a.channelData = { ...a.channelData, teamsChannelId: channelId, channel: { id: channelId } };
    const mention = options.mention ?? true;
    a.text = mention ? `<at>PreLetter</at> ${options.text}` : options.text;
    a.entities = mention ? [a.entities[0]] : [];
    return a;
  }

  /** An `adaptiveCard/action` invoke: a click on an Action.Execute button (data holds the form inputs too). */
  cardAction(options: { from: TeamsPerson; verb: string; data: Record<string, unknown>; conversationId: string; replyToId?: string; personal?: boolean; id?: string; fixture?: string }): any {
    const a = fixture(options.fixture ?? 'invoke-adaptive-card-action');
    a.id = options.id ?? `f:${randomUUID()}`;
    a.serviceUrl = this.serviceUrl;
    a.from = { ...a.from, id: `29:1${options.from}`, name: options.from, aadObjectId: AAD[options.from] };
    a.conversation = options.personal
      ? { conversationType: 'personal', tenantId: TENANT, id: options.conversationId }
      : { ...a.conversation, id: options.conversationId };
    if (options.personal) a.channelData = { tenant: { id: TENANT }, source: { name: 'message' } };
    if (options.replyToId) a.replyToId = options.replyToId;
    else delete a.replyToId;
    a.value = { action: { type: 'Action.Execute', verb: options.verb, data: options.data }, trigger: 'manual' };
    return a;
  }

  /** An older client's click: the button's Action.Submit fallback, a message whose value is the button's data (verb included). */
  cardSubmit(options: { from: TeamsPerson; data: Record<string, unknown>; conversationId: string; replyToId: string; personal?: boolean; id?: string }): any {
    const a = fixture('message-card-submit');
    a.id = options.id ?? freshMessageId();
    a.serviceUrl = this.serviceUrl;
    a.from = { ...a.from, id: `29:1${options.from}`, name: options.from, aadObjectId: AAD[options.from] };
    a.conversation = options.personal ? { conversationType: 'personal', tenantId: TENANT, id: options.conversationId } : { ...a.conversation, id: options.conversationId };
    if (options.personal) a.channelData = { tenant: { id: TENANT } };
    a.replyToId = options.replyToId;
    a.value = options.data;
    return a;
  }

  /**
   * A dialog invoke: `task/fetch|submit` from a card in a channel's reply chain, or the message
   * extension's `composeExtension/fetchTask|submitAction` in a channel's compose box.
   */
  dialog(options: { from: TeamsPerson; step: 'fetch' | 'submit'; source: 'card' | 'extension'; data?: Record<string, unknown>; commandId?: string; channelId?: string; id?: string; fixture?: string }): any {
    const name =
      options.fixture ??
      (options.source === 'card' ? (options.step === 'fetch' ? 'invoke-task-fetch' : 'invoke-task-submit') : options.step === 'fetch' ? 'invoke-compose-extension-fetch-task' : 'invoke-compose-extension-submit-action');
    const a = fixture(name);
    a.id = options.id ?? `f:${randomUUID()}`;
    a.serviceUrl = this.serviceUrl;
    a.from = { ...a.from, id: `29:1${options.from}`, name: options.from, aadObjectId: AAD[options.from] };
    const channelId = options.channelId ?? TEAMS_CHANNELS.northwind.channelId;
    a.conversation = { ...a.conversation, id: options.source === 'card' ? `${channelId};messageid=1772524800001` : channelId };
    a.channelData = { ...a.channelData, channel: { id: channelId } };
    if (options.data) a.value.data = options.data;
    else delete a.value.data;
    if (options.commandId !== undefined) a.value.commandId = options.commandId;
    return a;
  }

  /** The bot being added to a team (conversationUpdate in the General channel). */
  install(options: { id?: string } = {}): any {
    const a = fixture('conversation-update-team-install');
    a.id = options.id ?? `f:${randomUUID()}`;
    a.serviceUrl = this.serviceUrl;
    return a;
  }
}

