// The environment variables newsbrief reads (the README's table), parsed once. This folder is the only reader of process.env:
// callers pass the env object in, so tests can give their own.
import type { Result } from '../core/result.js';
import { z } from 'zod';
import { storeLocation, storeSecret } from './store.js';
import { isHttpUrl } from './validators.js';

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const optionalUrl = optionalText.refine((v) => v === undefined || isHttpUrl(v), 'must be an http(s) URL');

const wholeNumber = (min: number, max: number) =>
  optionalText.refine(
    (v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max),
    `must be a whole number from ${min} to ${max}`,
  );

const shardList = (v: string) => v.split(',').map((n) => Number(n.trim()));

const envSchema = z
  .object({
    NEWSBRIEF_CONFIG: optionalText,
    NEWSBRIEF_DB: optionalText.superRefine((v, ctx) => {
      const where = v === undefined ? undefined : storeLocation(v);
      if (typeof where === 'string') ctx.addIssue({ code: 'custom', message: where });
    }),
    NEWSBRIEF_DB_POOL_SIZE: wholeNumber(1, 200),
    NEWSBRIEF_DB_STATEMENT_TIMEOUT_MS: wholeNumber(100, 3_600_000),
    NEWSBRIEF_LEASE_SECONDS: wholeNumber(2, 3600),
    LOG_LEVEL: optionalText.refine(
      (v) => v === undefined || ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(v),
      'must be one of fatal, error, warn, info, debug, trace, silent',
    ),
    SLACK_BOT_TOKEN: optionalText.refine(
      (v) => v === undefined || v.startsWith('xoxb-'),
      'must be a bot token starting with xoxb-',
    ),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.refine(
      (v) => v === undefined || v.startsWith('xapp-'),
      'must be an app-level token starting with xapp-',
    ),
    PORT: optionalText.refine(
      (v) => v === undefined || (/^\d+$/.test(v) && Number(v) <= 65535),
      'must be a port number between 0 and 65535',
    ),
    SLACK_API_URL: optionalUrl,
    DISCORD_TOKEN: optionalText,
    DISCORD_APPLICATION_ID: optionalText.refine(
      (v) => v === undefined || /^\d{5,25}$/.test(v),
      'must be a numeric application id (a snowflake)',
    ),
    DISCORD_GUILD_ID: optionalText.refine(
      (v) => v === undefined || /^\d{5,25}$/.test(v),
      'must be a numeric guild id (a snowflake)',
    ),
    DISCORD_API_URL: optionalUrl,
    DISCORD_SHARDS: optionalText.refine(
      (v) => v === undefined || /^\d+(\s*,\s*\d+)*$/.test(v),
      'must be shard numbers separated by commas, like 0,1',
    ),
    DISCORD_SHARD_COUNT: wholeNumber(1, 10_000),
    // Set by npm, npx, yarn and pnpm for the script they run (see src/lifecycle.ts).
    npm_lifecycle_event: optionalText,
  })
  .superRefine((env, ctx) => {
    // A half-configured adapter is a mistake worth stopping for: say which half is missing.
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)',
      });
    if ((env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN) && !env.SLACK_BOT_TOKEN)
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message: 'is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set',
      });
    if (env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID)
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_APPLICATION_ID'],
        message: 'is required with DISCORD_TOKEN',
      });
    if (env.DISCORD_SHARDS && !env.DISCORD_SHARD_COUNT)
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_SHARD_COUNT'],
        message: 'is required with DISCORD_SHARDS (the total number of shards across every instance)',
      });
    if (
      env.DISCORD_SHARDS &&
      env.DISCORD_SHARD_COUNT &&
      shardList(env.DISCORD_SHARDS).some((n) => n >= Number(env.DISCORD_SHARD_COUNT))
    )
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_SHARDS'],
        message: 'names a shard outside 0 to DISCORD_SHARD_COUNT - 1',
      });
    if (env.DISCORD_APPLICATION_ID && !env.DISCORD_TOKEN)
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_TOKEN'],
        message: 'is required with DISCORD_APPLICATION_ID',
      });
  });

export interface SlackSettings {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
}

export interface DiscordSettings {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl?: string;
  /** The gateway shards this instance connects (DISCORD_SHARDS); undefined: every shard. */
  shards?: number[];
  /** Shards across every instance (DISCORD_SHARD_COUNT); undefined: discord.js decides (one). */
  shardCount?: number;
}

export interface EnvSettings {
  configPath: string;
  dbPath: string;
  /** LOG_LEVEL when set; otherwise the caller picks (info for the bot, warn for the console). */
  logLevel?: string;
  port: number;
  /** PORT was set (the console serves /healthz and /metrics only then). */
  portFromEnv?: boolean;
  /** PostgreSQL pool size (NEWSBRIEF_DB_POOL_SIZE); undefined: the store's default. */
  dbPoolSize?: number;
  /** PostgreSQL statement timeout (NEWSBRIEF_DB_STATEMENT_TIMEOUT_MS); undefined: the store's default. */
  dbStatementTimeoutMs?: number;
  /** How long an instance's leases and claims outlive its last heartbeat (NEWSBRIEF_LEASE_SECONDS). */
  leaseSeconds?: number;
  slack?: SlackSettings;
  discord?: DiscordSettings;
  /** Launched by a package manager's script (`npm start`): stop when that parent goes. */
  launchedByScript: boolean;
}

/** Fails with every bad variable, one line each. */
export type EnvResult = Result<EnvSettings, string[]>;

export const DEFAULT_CONFIG_PATH = 'config/newsbrief.yaml';
export const DEFAULT_DB_PATH = 'data/newsbrief.db';

/** Parses the variables; on failure lists every bad variable by name (never its value: it may be a secret). */
export function parseEnv(env: Record<string, string | undefined>): EnvResult {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${String(i.path[0] ?? 'environment')} ${i.message}`);
    return { ok: false, error: [...new Set(problems)] };
  }
  const e = parsed.data;
  return {
    ok: true,
    value: {
      configPath: e.NEWSBRIEF_CONFIG ?? DEFAULT_CONFIG_PATH,
      dbPath: e.NEWSBRIEF_DB ?? DEFAULT_DB_PATH,
      logLevel: e.LOG_LEVEL,
      port: e.PORT === undefined ? 3000 : Number(e.PORT),
      ...(e.PORT === undefined ? {} : { portFromEnv: true }),
      dbPoolSize: optionalNumber(e.NEWSBRIEF_DB_POOL_SIZE),
      dbStatementTimeoutMs: optionalNumber(e.NEWSBRIEF_DB_STATEMENT_TIMEOUT_MS),
      leaseSeconds: optionalNumber(e.NEWSBRIEF_LEASE_SECONDS),
      slack: e.SLACK_BOT_TOKEN
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            appToken: e.SLACK_APP_TOKEN,
            apiUrl: e.SLACK_API_URL,
          }
        : undefined,
      discord:
        e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID
          ? {
              token: e.DISCORD_TOKEN,
              applicationId: e.DISCORD_APPLICATION_ID,
              guildId: e.DISCORD_GUILD_ID,
              apiUrl: e.DISCORD_API_URL,
              shards: e.DISCORD_SHARDS ? shardList(e.DISCORD_SHARDS) : undefined,
              shardCount: optionalNumber(e.DISCORD_SHARD_COUNT),
            }
          : undefined,
      launchedByScript: e.npm_lifecycle_event !== undefined,
    },
  };
}

const optionalNumber = (v: string | undefined) => (v === undefined ? undefined : Number(v));

/** Values that must never reach a log line; the logger redacts them wherever they appear. */
export function secretsOf(settings: EnvSettings): string[] {
  return [
    storeSecret(settings.dbPath),
    settings.slack?.botToken,
    settings.slack?.signingSecret,
    settings.slack?.appToken,
    settings.discord?.token,
  ].filter((v): v is string => typeof v === 'string' && v.length > 0);
}
