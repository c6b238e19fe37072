import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, loadConfig } from '../src/config';
import { DEFAULT_POLICY } from '../src/domain/policy';

describe('configuration', () => {
  it('starts with no configuration at all: embedded database, Slack off, Teams off (nothing served unauthenticated)', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.mongodbUri).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(config.teams).toBeUndefined();
    expect(config.switchedOff).toEqual({ slack: false, teams: false });
    expect(config.policy.responseWindowDays).toBe(60);
    expect(config.policy.countdownDaysLeft).toEqual([30, 14, 7, 3, 1]);
    expect(config.scheduler).toEqual({ enabled: true, cron: '* * * * *' });
    expect(config.sweeperLeaseMs).toBe(90_000);
  });

  it('uses the domain clock defaults for every clock variable left unset, so the two can never disagree', () => {
    expect(loadConfig({}).policy).toEqual(DEFAULT_POLICY);
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

  it('takes MICROSOFT_LOGIN_URL as an https host only, for the Teams tokens, and the public cloud when it is unset', () => {
    const credentials = { MICROSOFT_APP_ID: 'app-id', MICROSOFT_APP_PASSWORD: 'p' };
    expect(loadConfig({ ...credentials, MICROSOFT_LOGIN_URL: 'https://127.0.0.1:8443/' }).teams?.loginUrl).toBe('https://127.0.0.1:8443');
    expect(loadConfig(credentials).teams?.loginUrl).toBeUndefined();
    for (const bad of ['http://login.example', 'https://login.example/botframework.com', 'login.microsoftonline.com']) {
      expect(() => loadConfig({ ...credentials, MICROSOFT_LOGIN_URL: bad })).toThrow(`MICROSOFT_LOGIN_URL: expected an https address with no path, such as https://login.microsoftonline.com (got "${bad}")`);
    }
  });

  it('serves Teams with credentials, or in emulator mode only when TEAMS_EMULATOR asks for it', () => {
    const credentials = { MICROSOFT_APP_ID: 'app-id', MICROSOFT_APP_PASSWORD: 'p' };
    expect(loadConfig(credentials).teams).toEqual({ appId: 'app-id', appPassword: 'p', tenantId: undefined, appType: 'MultiTenant' });
    expect(loadConfig({ TEAMS_EMULATOR: 'on' }).teams).toEqual({ appType: 'MultiTenant' });
    expect(loadConfig({ TEAMS_EMULATOR: 'off' }).teams).toBeUndefined();
    // A Slack-only deployment never gets an unauthenticated Teams endpoint by default.
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).teams).toBeUndefined();
  });

  it('opens the emulator for first-run only while nothing is configured: no Teams or Slack credentials, no MONGODB_URI', () => {
    expect(loadConfig({ TEAMS_EMULATOR: 'first-run' }).teams).toEqual({ appType: 'MultiTenant' });
    expect(loadConfig({ TEAMS_EMULATOR: 'first-run', PORT: '4000', DATA_DIR: '/tmp/x' }).teams).toEqual({ appType: 'MultiTenant' });
    expect(loadConfig({ TEAMS_EMULATOR: 'first-run', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).teams).toBeUndefined();
    expect(loadConfig({ TEAMS_EMULATOR: 'first-run', MONGODB_URI: 'mongodb://127.0.0.1/preletter' }).teams).toBeUndefined();
    expect(loadConfig({ TEAMS_EMULATOR: 'first-run', MICROSOFT_APP_ID: 'app-id', MICROSOFT_APP_PASSWORD: 'p' }).teams?.appId).toBe('app-id');
  });

  it('takes npm start’s package.json default for TEAMS_EMULATOR, and a TEAMS_EMULATOR set anywhere wins over it', () => {
    expect(loadConfig({ npm_package_config_teams_emulator: 'first-run' }).teams).toEqual({ appType: 'MultiTenant' });
    expect(loadConfig({ npm_package_config_teams_emulator: 'first-run', TEAMS_EMULATOR: 'off' }).teams).toBeUndefined();
    expect(loadConfig({ npm_package_config_teams_emulator: 'first-run', TEAMS_EMULATOR: '' }).teams).toEqual({ appType: 'MultiTenant' });
  });

  it('refuses the emulator together with Teams credentials, naming TEAMS_EMULATOR', () => {
    expect(() => loadConfig({ TEAMS_EMULATOR: 'on', MICROSOFT_APP_ID: 'app-id', MICROSOFT_APP_PASSWORD: 'p' })).toThrow(
      'TEAMS_EMULATOR: cannot be on while MICROSOFT_APP_ID is set (emulator mode has no authentication): unset one of them (got "on")',
    );
    expect(() => loadConfig({ TEAMS_EMULATOR: 'yes' })).toThrow('TEAMS_EMULATOR: must be one of off, on or first-run (got "yes")');
  });

  it('turns either platform off with SLACK=off or TEAMS=off, whatever else is set, and requires it configured with on', () => {
    const everything = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', MICROSOFT_APP_ID: 'app-id', MICROSOFT_APP_PASSWORD: 'p' };
    const off = loadConfig({ ...everything, SLACK: 'off', TEAMS: 'off' });
    expect(off.slack).toBeUndefined();
    expect(off.teams).toBeUndefined();
    expect(off.switchedOff).toEqual({ slack: true, teams: true });
    expect(loadConfig({ TEAMS: 'off', TEAMS_EMULATOR: 'on' }).teams).toBeUndefined();
    expect(loadConfig({ ...everything, SLACK: 'on', TEAMS: 'on' }).switchedOff).toEqual({ slack: false, teams: false });
    expect(() => loadConfig({ SLACK: 'on', TEAMS: 'on' })).toThrow(
      'SLACK: is on, so SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are required (got "on")\nTEAMS: is on, so MICROSOFT_APP_ID (with MICROSOFT_APP_PASSWORD) or TEAMS_EMULATOR=on is required (got "on")',
    );
    expect(loadConfig({ TEAMS: 'on', TEAMS_EMULATOR: 'on' }).teams).toEqual({ appType: 'MultiTenant' });
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
