import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, loadConfig } from '../src/config';

describe('configuration', () => {
  it('starts with no configuration at all: embedded database, Slack off, Teams in emulator mode', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.mongodbUri).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(config.teams.appId).toBeUndefined();
    expect(config.policy.responseWindowDays).toBe(60);
    expect(config.policy.countdownDaysLeft).toEqual([30, 14, 7, 3, 1]);
    expect(config.scheduler).toEqual({ enabled: true, cron: '* * * * *' });
  });

  it('treats empty values, as copied from .env.example, as unset', () => {
    const env = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, '']));
    expect(loadConfig(env)).toEqual(loadConfig({}));
  });

  it('reports every bad value on its own line, naming the variable and what is expected', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', RESPONSE_WINDOW_DAYS: '0', DEFAULT_TIMEZONE: 'Mars/Olympus', COUNTDOWN_DAYS: '30,x', NUDGE_CRON: 'every minute' });
    } catch (err) {
      message = (err as Error).message;
    }
    const lines = message.split('\n');
    expect(lines[0]).toBe('PreLetter cannot start: fix these settings.');
    expect(lines.slice(1)).toEqual([
      'PORT: expected a whole number from 1 to 65535 (got "eighty")',
      'RESPONSE_WINDOW_DAYS: expected a whole number from 1 to 365 (got "0")',
      'DEFAULT_TIMEZONE: expected an IANA time zone such as Europe/Zurich or America/New_York (got "Mars/Olympus")',
      'COUNTDOWN_DAYS: expected comma-separated whole numbers of days, like 30,14,7,3,1 (got "30,x")',
      'NUDGE_CRON: expected a cron expression such as "* * * * *" (every minute) (got "every minute")',
    ]);
  });

  it('never repeats a secret value in an error', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxp-user-token-123', MONGODB_URI: 'postgres://user:pw@db' })).toThrow(
      /MONGODB_URI: expected a MongoDB connection string.*\nSLACK_BOT_TOKEN: expected a bot token starting with xoxb-/,
    );
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxp-user-token-123', MONGODB_URI: 'postgres://user:pw@db' });
    } catch (err) {
      expect((err as Error).message).not.toMatch(/xoxp-user-token-123|user:pw/);
    }
  });

  it('enables Slack only with both the bot token and the signing secret', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow('SLACK_SIGNING_SECRET: required when the other Slack credential is set');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).slack).toMatchObject({ botToken: 'xoxb-1' });
  });

  it('requires the Teams password with an app id, and a tenant for single-tenant apps', () => {
    expect(() => loadConfig({ MICROSOFT_APP_ID: 'id' })).toThrow('MICROSOFT_APP_PASSWORD: required when MICROSOFT_APP_ID is set');
    expect(() => loadConfig({ MICROSOFT_APP_ID: 'id', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'SingleTenant' })).toThrow(
      'MICROSOFT_APP_TENANT_ID: required for a SingleTenant app',
    );
  });

  it('documents exactly the variables it reads in .env.example, each with a comment', () => {
    const lines = readFileSync(path.resolve(__dirname, '..', '.env.example'), 'utf8').split('\n');
    const documented = lines.flatMap((line, i) => {
      const m = /^([A-Z_]+)=/.exec(line);
      if (!m) return [];
      let j = i - 1;
      while (j >= 0 && /^[A-Z_]+=/.test(lines[j]!)) j -= 1;
      expect(lines[j]).toMatch(/^#/);
      return [m[1]];
    });
    expect([...documented].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
