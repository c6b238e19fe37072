/**
 * manifest/slack/manifest.yaml must match what adapters/slack handles: the command,
 * one request URL for events, commands and interactivity, exactly the events with a
 * listener, and exactly the scopes the adapter's Web API calls and events need.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { SLACK_BOT_EVENTS, SLACK_BOT_SCOPES, SLACK_COMMAND, SLACK_EVENT_TYPES, SLACK_EVENTS_PATH } from '../../../adapters/slack/app';
import { COMMAND_NAMES } from '../../../src/domain/command';

const ROOT = path.resolve(__dirname, '../../..');
const REQUEST_URL = `https://YOUR-HOST${SLACK_EVENTS_PATH}`;

/** The v1 app manifest fields PreLetter uses, strict so a misspelt key fails here rather than at import. */
const manifestSchema = z
  .object({
    _metadata: z.object({ major_version: z.literal(1), minor_version: z.number().int() }).strict(),
    display_information: z
      .object({
        name: z.string().min(1).max(35),
        description: z.string().max(140),
        long_description: z.string().min(175).max(4000),
        background_color: z.string().regex(/^#[0-9a-f]{6}$/i),
      })
      .strict(),
    features: z
      .object({
        app_home: z.object({ home_tab_enabled: z.boolean(), messages_tab_enabled: z.boolean(), messages_tab_read_only_enabled: z.boolean() }).strict(),
        bot_user: z.object({ display_name: z.string().min(1).max(80), always_online: z.boolean() }).strict(),
        slash_commands: z.array(
          z.object({ command: z.string().regex(/^\/[a-z0-9_-]+$/), url: z.string().url(), description: z.string().max(2000), usage_hint: z.string().max(1000), should_escape: z.boolean() }).strict(),
        ),
      })
      .strict(),
    oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }).strict() }).strict(),
    settings: z
      .object({
        event_subscriptions: z.object({ request_url: z.string().url(), bot_events: z.array(z.string()) }).strict(),
        interactivity: z.object({ is_enabled: z.boolean(), request_url: z.string().url() }).strict(),
        org_deploy_enabled: z.boolean(),
        socket_mode_enabled: z.boolean(),
        token_rotation_enabled: z.boolean(),
      })
      .strict(),
  })
  .strict();

/** Scope each Web API method needs (https://api.slack.com/methods); "none" for methods that need none. */
const METHOD_SCOPES: Record<string, string> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.getPermalink': 'none',
  'conversations.open': 'im:write',
  'users.info': 'users:read',
  'views.open': 'none',
  'views.publish': 'none',
  'auth.test': 'none',
  // Reading back the bot's own root card after a lost answer; needs the history scopes the message events need anyway.
  'conversations.history': 'channels:history',
};

/** Scope each bot event subscription needs. */
const EVENT_SCOPES: Record<string, string> = {
  app_mention: 'app_mentions:read',
  app_home_opened: 'none',
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
  'message.im': 'im:history',
};

function adapterApiMethods(): string[] {
  const dir = path.join(ROOT, 'adapters/slack');
  const source = ['platform.ts', 'app.ts', 'turn.ts'].map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
  return [...new Set([...source.matchAll(/clients?\.(?:once\.|retrying\.)?(\w+)\.(\w+)\(/g)].map((m) => `${m[1]}.${m[2]}`))].sort();
}

describe('Slack app manifest', () => {
  const raw: unknown = parse(readFileSync(path.join(ROOT, 'manifest/slack/manifest.yaml'), 'utf8'));
  const manifest = manifestSchema.parse(raw);

  it('declares /preletter on the one request URL, with every subcommand in its usage hint', () => {
    expect(manifest.features.slash_commands).toHaveLength(1);
    const [command] = manifest.features.slash_commands;
    expect(command).toMatchObject({ command: SLACK_COMMAND, url: REQUEST_URL, should_escape: false });
    for (const name of COMMAND_NAMES) expect(command!.usage_hint).toContain(name);
  });

  it('sends events and interactivity to the same URL the receiver is mounted on, over HTTP', () => {
    expect(manifest.settings.event_subscriptions.request_url).toBe(REQUEST_URL);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: REQUEST_URL });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('subscribes to exactly the events that have a listener', () => {
    const events = manifest.settings.event_subscriptions.bot_events;
    expect([...events].sort()).toEqual([...SLACK_BOT_EVENTS].sort());
    expect([...new Set(events.map((e) => e.split('.')[0]))].sort()).toEqual([...SLACK_EVENT_TYPES].sort());
  });

  it('asks for exactly the scopes the adapter uses: its Web API calls, its events and the command', () => {
    const methods = adapterApiMethods();
    expect(methods.length).toBeGreaterThanOrEqual(7);
    for (const method of methods) expect({ method, known: method in METHOD_SCOPES }).toEqual({ method, known: true });
    const needed = new Set(['commands', ...methods.map((m) => METHOD_SCOPES[m]!), ...SLACK_BOT_EVENTS.map((e) => EVENT_SCOPES[e]!)]);
    needed.delete('none');
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
    expect([...SLACK_BOT_SCOPES].sort()).toEqual([...needed].sort());
    expect(manifest.oauth_config.scopes.bot).not.toContain('chat:write.public');
  });

  it('enables the Home tab (status) and the Messages tab (direct messages)', () => {
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.features.bot_user.display_name).toBe('PreLetter');
  });
});
