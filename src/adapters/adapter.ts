// The one shape every chat platform has. main.ts starts the platforms of its list in order, each
// through the same `start`, and gives digests the posters they return; nothing outside a
// platform's folder knows its settings, its wording or its limits.
import type { Logger } from 'pino';
import type { Services } from '../commands/ports.js';
import type { Config, EnvSettings } from '../config/index.js';
import type { Platform } from '../core/types.js';
import type { ChannelPoster } from '../digests/ports.js';
import type { OpsEndpoints } from '../ops/http.js';

/** A running adapter. */
export interface Adapter {
  readonly platform: Platform;
  /** How digests reach this platform's channels (it also says how many posts may be in flight). */
  readonly poster: ChannelPoster;
  /** Resolves when the adapter has finished by itself (the console at end of input); servers never do. */
  readonly done?: Promise<void>;
  /** The adapter answers /healthz and /metrics on its own HTTP server (Slack over HTTP). */
  readonly servesOps?: boolean;
  /** Stops taking work and lets what is in flight finish; bounded. */
  stop(): Promise<void>;
}

/** What an adapter is started with: the same for every platform. */
export interface AdapterContext {
  env: EnvSettings;
  config: Config;
  services: Services;
  /** Already a child logger for this platform. */
  log: Logger;
  ops: OpsEndpoints;
  /** No other platform runs (the console then reads commands from standard input). */
  alone: boolean;
}

/** One entry of main.ts's platform list. */
export interface PlatformEntry {
  readonly platform: Platform;
  /** On when the environment holds its credentials. */
  enabled(env: EnvSettings): boolean;
  /**
   * How it shows on /healthz while starting and once up (`{ mode: 'socket' }`), or undefined when
   * it takes no commands there (the console beside another platform only prints digests).
   */
  health(env: EnvSettings, alone: boolean): { mode?: string } | undefined;
  /** Connects or listens; rejects with an explained error when the platform refuses. */
  start(context: AdapterContext): Promise<Adapter>;
}
