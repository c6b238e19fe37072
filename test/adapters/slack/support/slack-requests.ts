/**
 * Signed requests to PreLetter's /slack/events, exactly as Slack sends them: slash
 * commands as form bodies, interactivity as a form with `payload=<json>`, events as
 * JSON envelopes; `X-Slack-Signature` is v0=HMAC-SHA256 of `v0:timestamp:body`.
 * Payloads start from the documented shapes in test/fixtures/slack and get fresh
 * ids per call, so two requests are never mistaken for a Slack retry by accident.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/slack');

/** A documented payload shape from test/fixtures/slack, parsed fresh each time. */
export function fixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as T;
}

/** What PreLetter answered. */
export interface SlackReply {
  status: number;
  text: string;
  json(): any;
}

/** Options for one request: a forged signature, an old timestamp, retry headers. */
export interface SendOptions {
  timestamp?: number;
  signature?: string;
  headers?: Record<string, string>;
}

let counter = 0;
/** A fresh id for payloads (trigger ids, event ids, view hashes). */
export function freshId(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

/** Sends signed requests to one PreLetter host. */
export class SlackRequests {
  constructor(
    private readonly url: string,
    private readonly signingSecret: string,
  ) {}

  /** Why: Slack's documented signature, so Bolt's real verification is what the tests exercise. */
  sign(body: string, timestamp: number, secret = this.signingSecret): string {
    return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  }

  async post(body: string, contentType: string, options: SendOptions = {}): Promise<SlackReply> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': options.signature ?? this.sign(body, timestamp),
        ...options.headers,
      },
      body,
    });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) };
  }

  /** A slash command: application/x-www-form-urlencoded fields. */
  command(fields: Record<string, string>, options?: SendOptions): Promise<SlackReply> {
    return this.post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
  }

  /** An interaction (block_actions, view_submission): a form with one `payload` field holding JSON. */
  interaction(payload: unknown, options?: SendOptions): Promise<SlackReply> {
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
  }

  /** An Events API envelope, as JSON. */
  event(envelope: unknown, options?: SendOptions): Promise<SlackReply> {
    return this.post(JSON.stringify(envelope), 'application/json', options);
  }
}

/** A `/preletter` command from the fixture, by this user in this channel. */
export function slashCommand(user: string, text: string, channel = 'C0NORTH', responseUrl?: string): Record<string, string> {
  const body = fixture<Record<string, string>>('slash-command');
  return {
    ...body,
    user_id: user,
    user_name: user.toLowerCase(),
    channel_id: channel,
    text,
    trigger_id: freshId('trigger.'),
    ...(responseUrl ? { response_url: responseUrl } : {}),
  };
}

/** A block_actions click on a card button. */
export function buttonClick(options: { user: string; action: string; ref: string; channel: string; messageTs: string; threadTs?: string; responseUrl?: string; fixture?: string }): any {
  const body = fixture(options.fixture ?? 'block-actions');
  body.user = { ...body.user, id: options.user, username: options.user.toLowerCase(), name: options.user.toLowerCase() };
  body.container = { ...body.container, channel_id: options.channel, message_ts: options.messageTs };
  body.channel = { id: options.channel, name: 'conversation' };
  body.message = { ...body.message, ts: options.messageTs, ...(options.threadTs ? { thread_ts: options.threadTs } : {}) };
  body.actions = [{ ...body.actions[0], action_id: options.action, value: options.ref, action_ts: `${Math.floor(Date.now() / 1000)}.000001` }];
  body.trigger_id = freshId('trigger.');
  if (options.responseUrl) body.response_url = options.responseUrl;
  return body;
}

/** A view_submission of the preview modal with these block values. */
export function viewSubmission(options: { user: string; privateMetadata: string; values: Record<string, Record<string, unknown>>; viewId?: string; hash?: string }): any {
  const body = fixture('view-submission');
  body.user = { ...body.user, id: options.user };
  body.trigger_id = freshId('trigger.');
  body.view = {
    ...body.view,
    id: options.viewId ?? freshId('V0'),
    hash: options.hash ?? freshId('hash.'),
    private_metadata: options.privateMetadata,
    state: { values: options.values },
  };
  return body;
}

/** The state values of a preview form, as Slack reports them in view.state.values. */
export function previewValues(form: { type?: string; topics?: string[]; summary?: string; date?: string | null; urgent?: boolean; mandate?: string }): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {
    type: { value: { type: 'static_select', selected_option: form.type ? { text: { type: 'plain_text', text: form.type }, value: form.type } : null } },
    topics: { value: { type: 'multi_static_select', selected_options: (form.topics ?? []).map((t) => ({ text: { type: 'plain_text', text: t }, value: t })) } },
    summary: { value: { type: 'plain_text_input', value: form.summary ?? null } },
    expected_date: { value: { type: 'datepicker', selected_date: form.date ?? null } },
    urgent: { value: { type: 'checkboxes', selected_options: form.urgent ? [{ text: { type: 'plain_text', text: 'Urgent' }, value: 'urgent' }] : [] } },
  };
  if (form.mandate !== undefined) values.mandate = { value: { type: 'static_select', selected_option: { value: form.mandate } } };
  return values;
}

/** A message event envelope: a person's reply in a thread. */
export function threadReply(options: { user: string; text: string; threadTs: string; channel?: string; eventId?: string; extra?: Record<string, unknown> }): any {
  const body = fixture('event-message');
  const ts = `${Math.floor(Date.now() / 1000)}.${String(counter + 1).padStart(6, '0')}`;
  body.event = { ...body.event, user: options.user, text: options.text, thread_ts: options.threadTs, ts, event_ts: ts, channel: options.channel ?? 'C0NORTH', ...options.extra };
  body.event_id = options.eventId ?? freshId('Ev0');
  return body;
}

/** A message event envelope: text a person typed in the app's Messages tab. */
export function directMessage(options: { user: string; text: string; channel?: string; extra?: Record<string, unknown> }): any {
  const body = fixture('event-message-im');
  const ts = `${Math.floor(Date.now() / 1000)}.${String(counter + 1).padStart(6, '0')}`;
  body.event = { ...body.event, user: options.user, text: options.text, ts, event_ts: ts, channel: options.channel ?? `D${options.user.slice(1)}`, ...options.extra };
  body.event_id = freshId('Ev0');
  return body;
}

/** An app_mention event envelope. */
export function mention(options: { user: string; text: string; channel?: string; threadTs?: string }): any {
  const body = fixture('event-app-mention');
  body.event = { ...body.event, user: options.user, text: options.text, channel: options.channel ?? 'C0NORTH', ...(options.threadTs ? { thread_ts: options.threadTs } : {}) };
  body.event_id = freshId('Ev0');
  return body;
}

/** An app_home_opened event envelope. */
export function homeOpened(user: string, tab = 'home'): any {
  const body = fixture('event-app-home-opened');
  body.event = { ...body.event, user, tab };
  body.event_id = freshId('Ev0');
  return body;
}

/**
 * A view_submission of the flag modal (test/fixtures/slack/view-submission-flag.json), by this user,
 * with the form's metadata; `values` replaces the fixture's state when given (flagValues builds it).
 */
export function flagSubmission(options: { user: string; privateMetadata: string; values?: Record<string, Record<string, unknown>>; viewId?: string; hash?: string }): any {
  const body = fixture('view-submission-flag');
  body.user = { ...body.user, id: options.user };
  body.trigger_id = freshId('trigger.');
  body.view = {
    ...body.view,
    id: options.viewId ?? freshId('V0'),
    hash: options.hash ?? freshId('hash.'),
    private_metadata: options.privateMetadata,
    ...(options.values ? { state: { values: options.values } } : {}),
  };
  return body;
}

/** The state values of a flag form, as Slack reports them in view.state.values. */
export function flagValues(form: { topics?: string[]; summary?: string | null; mandate?: string; urgent?: boolean }): Record<string, Record<string, unknown>> {
  const option = (value: string) => ({ text: { type: 'plain_text', text: value, emoji: true }, value });
  return {
    flag_topics: { value: { type: 'multi_static_select', selected_options: (form.topics ?? []).map(option) } },
    flag_summary: { value: { type: 'plain_text_input', value: form.summary ?? null } },
    flag_mandate: { value: { type: 'static_select', selected_option: form.mandate ? option(form.mandate) : null } },
    flag_urgent: { value: { type: 'checkboxes', selected_options: form.urgent ? [option('urgent')] : [] } },
  };
}

/**
 * A view_submission of the call modal (test/fixtures/slack/view-submission-call.json), by this user,
 * with the form's metadata; `values` replaces the fixture's state when given (callValues builds it).
 */
export function callSubmission(options: { user: string; privateMetadata: string; values?: Record<string, Record<string, unknown>> }): any {
  const body = fixture('view-submission-call');
  body.user = { ...body.user, id: options.user };
  body.trigger_id = freshId('trigger.');
  body.view = { ...body.view, id: freshId('V0'), hash: freshId('hash.'), private_metadata: options.privateMetadata, ...(options.values ? { state: { values: options.values } } : {}) };
  return body;
}

/** The state values of a call form, as Slack reports them in view.state.values (a mandate block only when given). */
export function callValues(form: { mandate?: string; title?: string | null; link?: string | null; topics?: string[]; deadline?: string | null }): Record<string, Record<string, unknown>> {
  const option = (value: string) => ({ text: { type: 'plain_text', text: value, emoji: true }, value });
  return {
    ...(form.mandate !== undefined ? { call_mandate: { value: { type: 'static_select', selected_option: form.mandate ? option(form.mandate) : null } } } : {}),
    call_title: { value: { type: 'plain_text_input', value: form.title ?? null } },
    call_link: { value: { type: 'url_text_input', value: form.link ?? null } },
    call_topics: { value: { type: 'multi_static_select', selected_options: (form.topics ?? []).map(option) } },
    call_deadline: { value: { type: 'datepicker', selected_date: form.deadline ?? null } },
  };
}
