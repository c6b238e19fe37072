/**
 * Every environment variable PreLetter reads, parsed once by one zod schema.
 * A bad value stops start-up with one line per problem, naming the variable;
 * secret values are never echoed.
 */
import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';
import { PreLetterError } from './domain/errors';
import { DEFAULT_POLICY, type ClockPolicy } from './domain/policy';

const SECRET_VARIABLES = new Set([
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'MICROSOFT_APP_PASSWORD',
  'MONGODB_URI',
]);

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const wholeNumber = (min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `expected a whole number from ${min} to ${max}` })
    .int(`expected a whole number from ${min} to ${max}`)
    .min(min, `expected a whole number from ${min} to ${max}`)
    .max(max, `expected a whole number from ${min} to ${max}`)
    .default(fallback);

const timeZone = z
  .string()
  .default(DEFAULT_POLICY.defaultTimeZone)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'expected an IANA time zone such as Europe/Zurich or America/New_York');

const dayList = z
  .string()
  .default(DEFAULT_POLICY.countdownDaysLeft.join(','))
  .transform((v, ctx) => {
    const days = v.split(',').map((s) => Number(s.trim()));
    if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 365)) {
      ctx.addIssue({ code: 'custom', message: 'expected comma-separated whole numbers of days, like 30,14,7,3,1' });
      return z.NEVER;
    }
    return [...new Set(days)].sort((a, b) => b - a);
  });

const url = z.string().url('expected a URL such as https://slack.com/api/').optional();

/** Where the Bot Connector's tokens come from: Azure AD's public cloud login host. */
export const DEFAULT_MICROSOFT_LOGIN_URL = 'https://login.microsoftonline.com';

/** auto: on when configured; on: must be configured (start-up fails otherwise); off: not mounted, not registered. */
const platformSwitch = z.enum(['auto', 'on', 'off']).default('auto');

const variables = z.object({
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
    METRICS: z.enum(['on', 'off']).default('on'),
    SHUTDOWN_GRACE_SECONDS: wholeNumber(1, 600, 25),
    PORT: wholeNumber(1, 65535, 3978),
    MONGODB_URI: optionalText.refine(
      (v) => v === undefined || /^mongodb(\+srv)?:\/\//.test(v),
      'expected a MongoDB connection string starting with mongodb:// or mongodb+srv://',
    ),
    DATA_DIR: z.string().default('./data'),
    DEMO_DIRECTORY: z.enum(['auto', 'off']).default('auto'),
    RESPONSE_WINDOW_DAYS: wholeNumber(1, 365, DEFAULT_POLICY.responseWindowDays),
    DEFAULT_TIMEZONE: timeZone,
    WORKDAY_START_HOUR: wholeNumber(0, 23, DEFAULT_POLICY.workdayStartHour),
    REMIND_AFTER_BUSINESS_DAYS: wholeNumber(1, 30, DEFAULT_POLICY.normal.remindAfterBusinessDays),
    ESCALATE_BACKUPS_AFTER_BUSINESS_DAYS: wholeNumber(1, 30, DEFAULT_POLICY.normal.escalateBackupsAfterBusinessDays),
    ESCALATE_EXECUTIVE_AFTER_BUSINESS_DAYS: wholeNumber(1, 60, DEFAULT_POLICY.normal.escalateExecutiveAfterBusinessDays),
    URGENT_REMIND_AFTER_HOURS: wholeNumber(1, 72, DEFAULT_POLICY.urgent.remindAfterHours),
    URGENT_ESCALATE_BACKUPS_AFTER_HOURS: wholeNumber(1, 72, DEFAULT_POLICY.urgent.escalateBackupsAfterHours),
    URGENT_ESCALATE_EXECUTIVE_AFTER_HOURS: wholeNumber(1, 168, DEFAULT_POLICY.urgent.escalateExecutiveAfterHours),
    COUNTDOWN_DAYS: dayList,
    OVERDUE_REPEAT_DAYS: wholeNumber(1, 60, DEFAULT_POLICY.overdueRepeatDays),
    FLAG_REMIND_AFTER_BUSINESS_DAYS: wholeNumber(1, 30, DEFAULT_POLICY.flag.normal.remindAfterBusinessDays),
    FLAG_REMIND_AGAIN_AFTER_BUSINESS_DAYS: wholeNumber(1, 30, DEFAULT_POLICY.flag.normal.remindAgainAfterBusinessDays),
    FLAG_ESCALATE_ADMINS_AFTER_BUSINESS_DAYS: wholeNumber(1, 60, DEFAULT_POLICY.flag.normal.escalateAdminsAfterBusinessDays),
    FLAG_URGENT_REMIND_AFTER_HOURS: wholeNumber(1, 72, DEFAULT_POLICY.flag.urgent.remindAfterHours),
    FLAG_URGENT_REMIND_AGAIN_AFTER_HOURS: wholeNumber(1, 72, DEFAULT_POLICY.flag.urgent.remindAgainAfterHours),
    FLAG_URGENT_ESCALATE_ADMINS_AFTER_HOURS: wholeNumber(1, 168, DEFAULT_POLICY.flag.urgent.escalateAdminsAfterHours),
    SCHEDULER: z.enum(['on', 'off']).default('on'),
    HISTORY_RETENTION_DAYS: wholeNumber(1, 3650, 30),
    DELIVERY_LEASE_SECONDS: wholeNumber(1, 3600, 300),
    SWEEPER_LEASE_SECONDS: wholeNumber(2, 3600, 90),
    EVENT_ID_RETENTION_DAYS: wholeNumber(1, 365, 7),
    NUDGE_CRON: z
      .string()
      .default('* * * * *')
      .refine((v) => isValidCron(v), 'expected a cron expression such as "* * * * *" (every minute)'),
    SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), 'expected a bot token starting with xoxb-'),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), 'expected an app-level token starting with xapp-'),
    SLACK_API_URL: url,
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TENANT_ID: optionalText,
    MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MICROSOFT_LOGIN_URL: z
      .string()
      .refine((v) => /^https:\/\/[^/?#]+\/?$/.test(v), 'expected an https address with no path, such as https://login.microsoftonline.com')
      .transform((v) => v.replace(/\/$/, ''))
      .optional(),
    SLACK: platformSwitch,
    TEAMS: platformSwitch,
    TEAMS_EMULATOR: z.enum(['off', 'on', 'first-run']).default('off'),
});

/** Every variable PreLetter reads; .env.example must list exactly these. */
export const CONFIG_VARIABLES = Object.keys(variables.shape);

const schema = variables.superRefine((env, ctx) => {
    if (Boolean(env.SLACK_BOT_TOKEN) !== Boolean(env.SLACK_SIGNING_SECRET)) {
      const missing = env.SLACK_BOT_TOKEN ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'required when the other Slack credential is set' });
    }
    if (env.MICROSOFT_APP_ID && env.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !env.MICROSOFT_APP_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_PASSWORD'], message: 'required when MICROSOFT_APP_ID is set' });
    }
    if (env.MICROSOFT_APP_TYPE === 'SingleTenant' && env.MICROSOFT_APP_ID && !env.MICROSOFT_APP_TENANT_ID) {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_TENANT_ID'], message: 'required for a SingleTenant app' });
    }
    if (env.TEAMS_EMULATOR === 'on' && env.MICROSOFT_APP_ID) {
      ctx.addIssue({ code: 'custom', path: ['TEAMS_EMULATOR'], message: 'cannot be on while MICROSOFT_APP_ID is set (emulator mode has no authentication): unset one of them' });
    }
    if (env.SLACK === 'on' && !slackConfigured(env)) {
      ctx.addIssue({ code: 'custom', path: ['SLACK'], message: 'is on, so SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are required' });
    }
    if (env.TEAMS === 'on' && teamsMode(env) === 'unconfigured') {
      ctx.addIssue({ code: 'custom', path: ['TEAMS'], message: 'is on, so MICROSOFT_APP_ID (with MICROSOFT_APP_PASSWORD) or TEAMS_EMULATOR=on is required' });
    }
});

type Env = z.infer<typeof variables>;

function slackConfigured(env: Env): boolean {
  return Boolean(env.SLACK_BOT_TOKEN && env.SLACK_SIGNING_SECRET);
}

/**
 * Why: Teams is served with credentials, or unauthenticated for the Bot Framework Emulator
 * only when asked: TEAMS_EMULATOR=on, or first-run (what `npm start` asks for) while nothing
 * at all is configured (no Teams or Slack credentials, no MONGODB_URI), i.e. a newcomer's machine.
 */
function teamsMode(env: Env): 'authenticated' | 'emulator' | 'unconfigured' {
  if (env.MICROSOFT_APP_ID) return 'authenticated';
  if (env.TEAMS_EMULATOR === 'on') return 'emulator';
  const nothingConfigured = !env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.MONGODB_URI;
  return env.TEAMS_EMULATOR === 'first-run' && nothingConfigured ? 'emulator' : 'unconfigured';
}

/** Typed settings for the whole process; built once by loadConfig. */
export interface Config {
  logLevel: Env['LOG_LEVEL'];
  /** auto: readable lines on a terminal when pino-pretty is installed, JSON otherwise; json or pretty: always that. */
  logFormat: Env['LOG_FORMAT'];
  /** Whether GET /metrics is served (unauthenticated: turn it off where the port is reachable by others). */
  metrics: boolean;
  /** How long a stop (SIGTERM, SIGINT) may take before the process exits with code 1, in milliseconds. */
  shutdownGraceMs: number;
  port: number;
  /** Undefined means "start the embedded database". */
  mongodbUri?: string;
  dataDir: string;
  demoDirectory: 'auto' | 'off';
  policy: ClockPolicy;
  scheduler: { enabled: boolean; cron: string };
  /** How long history is kept: a finished letter's delivery records and list entries, and platform event ids. */
  retention: { historyDays: number; eventIdDays: number };
  /** How long an instance holds a delivery it is making before another may take it over (its holder died). */
  deliveryLeaseMs: number;
  /** How long the sweeping instance's lease lasts unless renewed: another instance takes over a dead sweeper after it. */
  sweeperLeaseMs: number;
  /** Undefined while Slack is off: SLACK=off, or the bot token and signing secret are not both set. */
  slack?: { botToken: string; signingSecret: string; appToken?: string; apiUrl?: string };
  /** Undefined while Teams is off: TEAMS=off, or no credentials and no TEAMS_EMULATOR; no app id means emulator mode. */
  teams?: {
    appId?: string;
    appPassword?: string;
    tenantId?: string;
    appType: Env['MICROSOFT_APP_TYPE'];
    /** The login host that issues the bot's Bot Connector tokens (MICROSOFT_LOGIN_URL); unset: DEFAULT_MICROSOFT_LOGIN_URL. */
    loginUrl?: string;
  };
  /** Platforms turned off explicitly (SLACK=off, TEAMS=off), so start-up says so instead of how to enable them. */
  switchedOff: { slack: boolean; teams: boolean };
}

function describe(issue: z.core.$ZodIssue, env: NodeJS.ProcessEnv): string {
  const name = String(issue.path[0] ?? 'environment');
  const raw = env[name];
  const got = raw === undefined || SECRET_VARIABLES.has(name) ? '' : ` (got "${raw}")`;
  return `${name}: ${sentence(issue)}${got}`;
}

/** zod's own wording for a wrong choice quotes JSON; a person reads the choices as words. */
function sentence(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_value') return issue.message;
  const choices = issue.values.map(String);
  return `must be one of ${choices.slice(0, -1).join(', ')}${choices.length > 1 ? ' or ' : ''}${choices.at(-1)}`;
}

/** Parses the environment; throws PreLetterError 'invalid-config' with one line per problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty value (as copied from .env.example) means "use the default".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  // `npm start` passes package.json's "config": { "teams_emulator": ... } as the default; a TEAMS_EMULATOR set anywhere wins.
  if (given.TEAMS_EMULATOR === undefined && env.npm_package_config_teams_emulator) given.TEAMS_EMULATOR = env.npm_package_config_teams_emulator;
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => describe(issue, env));
    throw new PreLetterError('invalid-config', `PreLetter cannot start: fix these settings.\n${lines.join('\n')}`, {
      variables: parsed.error.issues.map((i) => String(i.path[0])),
    });
  }
  const e = parsed.data;
  return {
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    metrics: e.METRICS === 'on',
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    port: e.PORT,
    mongodbUri: e.MONGODB_URI,
    dataDir: e.DATA_DIR,
    demoDirectory: e.DEMO_DIRECTORY,
    policy: {
      responseWindowDays: e.RESPONSE_WINDOW_DAYS,
      defaultTimeZone: e.DEFAULT_TIMEZONE,
      workdayStartHour: e.WORKDAY_START_HOUR,
      normal: {
        remindAfterBusinessDays: e.REMIND_AFTER_BUSINESS_DAYS,
        escalateBackupsAfterBusinessDays: e.ESCALATE_BACKUPS_AFTER_BUSINESS_DAYS,
        escalateExecutiveAfterBusinessDays: e.ESCALATE_EXECUTIVE_AFTER_BUSINESS_DAYS,
      },
      urgent: {
        remindAfterHours: e.URGENT_REMIND_AFTER_HOURS,
        escalateBackupsAfterHours: e.URGENT_ESCALATE_BACKUPS_AFTER_HOURS,
        escalateExecutiveAfterHours: e.URGENT_ESCALATE_EXECUTIVE_AFTER_HOURS,
      },
      countdownDaysLeft: e.COUNTDOWN_DAYS,
      overdueRepeatDays: e.OVERDUE_REPEAT_DAYS,
      flag: {
        normal: {
          remindAfterBusinessDays: e.FLAG_REMIND_AFTER_BUSINESS_DAYS,
          remindAgainAfterBusinessDays: e.FLAG_REMIND_AGAIN_AFTER_BUSINESS_DAYS,
          escalateAdminsAfterBusinessDays: e.FLAG_ESCALATE_ADMINS_AFTER_BUSINESS_DAYS,
        },
        urgent: {
          remindAfterHours: e.FLAG_URGENT_REMIND_AFTER_HOURS,
          remindAgainAfterHours: e.FLAG_URGENT_REMIND_AGAIN_AFTER_HOURS,
          escalateAdminsAfterHours: e.FLAG_URGENT_ESCALATE_ADMINS_AFTER_HOURS,
        },
      },
    },
    scheduler: { enabled: e.SCHEDULER === 'on', cron: e.NUDGE_CRON },
    retention: { historyDays: e.HISTORY_RETENTION_DAYS, eventIdDays: e.EVENT_ID_RETENTION_DAYS },
    deliveryLeaseMs: e.DELIVERY_LEASE_SECONDS * 1000,
    sweeperLeaseMs: e.SWEEPER_LEASE_SECONDS * 1000,
    slack:
      e.SLACK !== 'off' && e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
        ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL }
        : undefined,
    teams:
      e.TEAMS !== 'off' && teamsMode(e) !== 'unconfigured'
        ? { appId: e.MICROSOFT_APP_ID, appPassword: e.MICROSOFT_APP_PASSWORD, tenantId: e.MICROSOFT_APP_TENANT_ID, appType: e.MICROSOFT_APP_TYPE, ...(e.MICROSOFT_LOGIN_URL ? { loginUrl: e.MICROSOFT_LOGIN_URL } : {}) }
        : undefined,
    switchedOff: { slack: e.SLACK === 'off', teams: e.TEAMS === 'off' },
  };
}
