// The one place configuration enters the program: environment variables and the config file.
export { parseEnv, secretsOf, DEFAULT_CONFIG_PATH, DEFAULT_DB_PATH } from './env.js';
export type { EnvSettings, SlackSettings, DiscordSettings } from './env.js';
export { storeLocation, type StoreLocation } from './store.js';
export { loadConfigFile, parseConfigText, formatPath } from './load.js';
export type { Config, ConfigResult } from './load.js';
export type { SourceConfig, DigestConfig } from './schema.js';
export { parseDuration } from './schema.js';
export { isValidCron, isValidTimeZone } from './validators.js';

/** The process environment, read here and only here. */
export function processEnv(): Record<string, string | undefined> {
  return process.env;
}
