// The composition root: the only place that reads configuration, creates the logger, opens the
// store, and wires the core, ingestion, digests and adapters together. Every CLI command that
// needs the bot's state starts here; everything else receives what it needs as arguments.
import type { Logger } from 'pino';
import type {
  BriefingService,
  LinkBriefingService,
  Log,
  PlatformStatus,
  Services,
  StatusService,
} from './commands/ports.js';
import {
  loadConfigFile,
  parseEnv,
  processEnv,
  secretsOf,
  type Config,
  type EnvSettings,
  storeLocation,
} from './config/index.js';
import type { Platform } from './core/types.js';
import type { Adapter, PlatformEntry } from './adapters/adapter.js';
import { settlesWithin, withDeadline } from './async/deadline.js';
import { consolePlatform } from './adapters/console/platform.js';
import { discordPlatform } from './adapters/discord/platform.js';
import { slackPlatform } from './adapters/slack/platform.js';
import { renderText } from './adapters/console/render.js';
import { dispatch } from './commands/dispatch.js';
import { consoleInvocation } from './adapters/console/handlers.js';
import { createDigestService } from './digests/index.js';
import { createFeedbackService } from './digests/feedback.js';
import { createStoryRefs } from './digests/story-refs.js';
import type { ChannelPoster } from './digests/ports.js';
import { createIngestor, formatIngestSummary } from './ingest/index.js';
import { watchForStop } from './lifecycle.js';
import { createLogger } from './logger.js';
import { createAskServices } from './services/ask.js';
import { createBriefingService } from './services/briefings.js';
import { createTopicCatalog } from './services/chat-topics.js';
import { createGuardedLinkService } from './services/links.js';
import { createSearchService } from './services/search.js';
import { createStatusService } from './services/status.js';
import { message } from './core/messages.js';
import { isStoreFault } from './store/health.js';
import { openStore, StoreError, type Store } from './store/open.js';
import { sharingOf } from './store/postgres/sharing.js';
import { createHealthBoard, type HealthBoard } from './ops/health.js';
import { startOps } from './ops/start.js';
import { startPlatforms } from './ops/adapter-start.js';
import { startDigests } from './ops/digest-start.js';
import { createPrometheusMetrics } from './ops/prometheus.js';
import { noMetrics, type Metrics } from './ops/metrics.js';

export interface Overrides {
  configPath?: string;
  dbPath?: string;
}

interface Setup {
  env: EnvSettings;
  config: Config;
  log: Logger;
}

/** Environment and config, validated; on failure prints every problem and returns undefined. */
function setup(
  overrides: Overrides,
  defaultLogLevel: string | ((env: EnvSettings) => string) = 'info',
): Setup | undefined {
  const envResult = parseEnv(processEnv());
  if (!envResult.ok) {
    process.stderr.write(
      `newsbrief: the environment has problems:\n${envResult.error.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    return undefined;
  }
  const env = {
    ...envResult.value,
    configPath: overrides.configPath ?? envResult.value.configPath,
    dbPath: overrides.dbPath ?? envResult.value.dbPath,
  };
  const fallbackLevel = typeof defaultLogLevel === 'function' ? defaultLogLevel(env) : defaultLogLevel;
  const log = createLogger({ level: env.logLevel ?? fallbackLevel, secrets: secretsOf(env) });
  const loaded = loadConfigFile(env.configPath);
  if (!loaded.ok) {
    process.stderr.write(
      `newsbrief: the config file ${env.configPath} has ${loaded.error.length === 1 ? 'a problem' : `${loaded.error.length} problems`}:\n` +
        `${loaded.error.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    return undefined;
  }
  for (const warning of loaded.value.warnings) process.stderr.write(`newsbrief: warning: ${warning}\n`);
  return { env, config: loaded.value.config, log };
}

/**
 * Opens the store, or says in one line why it cannot be used and gives the exit status: 2 for a
 * fault the operator must fix (read-only when it must migrate, damaged, too new), 1 for one that
 * may pass (locked, unreachable). With `check`, a SQLite file also gets its start-up integrity
 * check, and a store that opened but cannot write, or has damage, is said as a warning: the bot
 * runs on and answers from what is stored.
 */
async function openStoreOrSay(
  env: EnvSettings,
  log: Logger,
  options: { check?: boolean } = {},
): Promise<Store | number> {
  // A postgres:// NEWSBRIEF_DB opens the shared PostgreSQL store; anything else is a SQLite file.
  const where = storeLocation(env.dbPath);
  if (typeof where === 'string') {
    process.stderr.write(`newsbrief: NEWSBRIEF_DB ${where}\n`);
    return 1;
  }
  let store: Store;
  try {
    store = await openStore(where, {
      max: env.dbPoolSize,
      statementTimeoutMs: env.dbStatementTimeoutMs,
      leaseMs: env.leaseSeconds === undefined ? undefined : env.leaseSeconds * 1000,
      onError: (err) => log.warn({ err: (err as Error).message }, 'PostgreSQL connection problem'),
    });
  } catch (err) {
    if (err instanceof StoreError) {
      process.stderr.write(`newsbrief: ${err.message}\n`);
      return err.permanent ? 2 : 1;
    }
    throw err;
  }
  if (where.kind === 'sqlite') await sayStoreState(store, where.path, log, options.check ?? false);
  return store;
}

/** One line on stderr for each fault the opened SQLite store has (and the integrity check found). */
async function sayStoreState(store: Store, file: string, log: Logger, check: boolean): Promise<void> {
  const warn = (line: string) => process.stderr.write(`newsbrief: warning: ${line}\n`);
  if (check && store.checkIntegrity) {
    const found = await store.checkIntegrity();
    if (found.state === 'damaged') warn(message('STORE_START_DAMAGED', { file, found: found.found }));
    else if (found.state === 'unfinished')
      warn(message('STORE_START_CHECK_UNFINISHED', { file, seconds: Math.round(found.waitedMs / 1000) }));
    else if (found.state === 'failed')
      warn(message('STORE_START_CHECK_FAILED', { file, reason: found.reason }));
    else log.info({ file }, 'database integrity check passed');
  }
  const health = await store.health();
  if (health.state === 'read-only') warn(message('STORE_START_READ_ONLY', { file }));
  // A lock is said where it is met (a command, a source): held for a moment by another
  // newsbrief process it is normal, and gone by the time anything writes.
  else if (health.state === 'unavailable' || health.state === 'disk-full')
    warn(`${file}: ${health.error ?? health.state}`);
}

/** The services every adapter shares. Topics are the config's plus those made in chat. */
async function createCore(config: Config, store: Store, log: Logger, metrics?: Metrics) {
  const catalog = createTopicCatalog(config.topics, store.topics);
  await catalog.load();
  const topics = () => catalog.all();
  const briefings = createBriefingService({
    topics,
    articles: store.articles,
    windowDays: config.briefing.windowDays,
    maxPoints: config.briefing.maxPoints,
  });
  // Several instances on one database: each source is fetched by whichever holds its lease.
  const sharing = sharingOf(store);
  const ingestor = createIngestor({ config, store, log, metrics, topics, sourceLease: sharing?.sourceLease });
  return { briefings, ingestor, catalog };
}

/**
 * Everything commands use, built in one place for the bot and the CLI's one-shot commands alike.
 * The caller chooses the status view (the bot's per channel, the operator's of every digest).
 */
function createServices(p: {
  config: Config;
  store: Store;
  catalog: ReturnType<typeof createTopicCatalog>;
  briefings: BriefingService;
  digests: ReturnType<typeof createDigestService>;
  links: LinkBriefingService;
  feedback: ReturnType<typeof createFeedbackService>;
  status: StatusService;
  log: Log;
  metrics: Metrics;
}): Services {
  const ask = createAskServices({
    store: p.store,
    config: p.config,
    catalog: p.catalog,
    briefings: p.briefings,
  });
  return {
    briefings: p.briefings,
    subscriptions: p.digests.subscriptions,
    links: p.links,
    why: ask.why,
    chatTopics: ask.chatTopics,
    search: createSearchService({
      index: p.store.search,
      topics: () => p.catalog.all(),
      windowDays: p.config.briefing.windowDays,
      maxPoints: p.config.briefing.maxPoints,
    }),
    status: p.status,
    feedback: p.feedback,
    log: p.log,
    metrics: p.metrics,
  };
}

/** Chat links' service: through the fetch guard (config-file sources do not go through it). */
function createLinks(config: Config, log: Logger) {
  return createGuardedLinkService({
    fetch: config.fetch ?? { allowPrivateAddresses: false, linksPerMinute: 5 },
    maxPoints: config.briefing.maxPoints,
    log: log.child({ module: 'links' }),
  });
}

const DAY_MS = 86_400_000;

const configuredSources = (config: Config) => config.sources.map((s) => ({ id: s.id, type: s.type }));

/**
 * Every chat platform, in start order. Adding one is its folder under src/adapters/ (exporting a
 * PlatformEntry from platform.ts) and one line here; see "A platform" in the README.
 */
const PLATFORMS: readonly PlatformEntry[] = [slackPlatform, discordPlatform, consolePlatform];

/** The platforms this environment turns on (the console always is). */
const enabledPlatforms = (env: EnvSettings) => PLATFORMS.filter((p) => p.enabled(env));

/** The platforms /brief status lists: those not up, with why. */
function platformsDown(adapters: ReturnType<HealthBoard['adapters']>): PlatformStatus[] {
  return Object.entries(adapters).flatMap(([platform, a]) =>
    a.state === 'up' ? [] : [{ platform, state: a.state, error: a.error, nextAttemptAt: a.nextAttemptAt }],
  );
}

/** `newsbrief start`: every adapter whose credentials are set, else the console. */
export async function runStart(overrides: Overrides): Promise<number> {
  // The console shares the terminal with the logs: unless LOG_LEVEL says otherwise, only warnings
  // and errors interleave with the replies there.
  const s = setup(overrides, (env) => (enabledPlatforms(env).length > 1 ? 'info' : 'warn'));
  if (!s) return 2;
  const { env, config, log } = s;
  const store = await openStoreOrSay(env, log, { check: true });
  if (typeof store === 'number') return store;
  const sharing = sharingOf(store);
  await sharing?.start();
  // One metrics registry and one health board for this bot, served at /metrics and /healthz.
  const metrics = createPrometheusMetrics();
  const health = createHealthBoard({ store: () => store.health() });
  const { briefings, ingestor, catalog } = await createCore(config, store, log, metrics);
  // A promise some library forgot to handle must not take down every channel the bot serves:
  // log it loudly (it is a bug to fix) and keep serving. Commands and scheduled jobs catch their
  // own errors, so this only sees what escapes third-party code.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));

  // Listen for SIGINT/SIGTERM (and, under `npm start`, the parent going) from the first moment:
  // a stop asked for during start-up (a slow first fetch, an adapter connecting) skips the rest
  // of the start and shuts down cleanly.
  const stopWatch = watchForStop({ log, withParent: env.launchedByScript });
  const { stopped } = stopWatch;

  // Digests post through whichever platforms start below; a digest for one that is off is
  // reported as such (DIGEST_NO_POSTER), never lost silently.
  const posters: Partial<Record<Platform, ChannelPoster>> = {};
  // One set of story references for /brief's buttons and the digests': a story shown by both is
  // one stored row, and one vote per person.
  const storyRefs = createStoryRefs(store.memory);
  const digests = createDigestService({
    storyRefs,
    store,
    config,
    log: log.child({ module: 'digests' }),
    briefings,
    articles: store.articles,
    posters,
    metrics,
  });
  const links = createLinks(config, log);
  const feedback = createFeedbackService({ memory: store.memory, storyRefs });
  const services = createServices({
    config,
    store,
    catalog,
    briefings,
    digests,
    links: links.service,
    feedback,
    status: createStatusService({
      sources: () => store.sources.list(configuredSources(config)),
      failingDigests: (inv) => digests.failing(inv),
      platforms: () => platformsDown(health.adapters()),
      store: () => store.health(),
      threadNotes: (inv) => digests.threadNotes(inv),
      feedback: (inv, now) => feedback.counts(inv, now),
    }),
    log: log.child({ module: 'commands' }),
    metrics,
  });

  // Read what is due before answering anything, so the first /brief has articles. Bounded: a
  // slow feed must not hold the bot's start hostage (ingestion keeps polling afterwards).
  const initialIngest = ingestor.runOnce({ onlyDue: true });
  await withDeadline(Promise.race([initialIngest, stopped]), 20_000, undefined, { unref: true });

  const adapters: Adapter[] = [];
  const stops: (() => Promise<void> | void)[] = [];
  const enabled = enabledPlatforms(env);
  const ops = { health, metrics };
  // /healthz and /metrics in every mode: an adapter with an HTTP server of its own (Slack over
  // HTTP) serves them there; otherwise a small server on PORT does (when only the console runs,
  // only if PORT is set: it is a local tool). While Slack over HTTP is retrying its start, the
  // small server holds PORT and lets go of it for each attempt.
  let opsServer: { close(): Promise<void> } | undefined;
  const openOps = async () => {
    if (opsServer || adapters.some((a) => a.servesOps) || stopWatch.requested()) return;
    if (enabled.length > 1 || env.portFromEnv) opsServer = await startOps(ops, env.port, log);
  };
  const closeOps = async () => {
    const server = opsServer;
    opsServer = undefined;
    await server?.close();
  };
  // One platform failing to start keeps the others; a retryable failure is tried again with
  // backoff in the background (src/ops/adapter-start.ts), and /healthz and /brief status show it.
  const starter = startPlatforms(
    enabled,
    { env, config, services, ops },
    {
      health,
      log,
      stopping: () => stopWatch.requested(),
      onUp: (adapter) => {
        adapters.push(adapter);
        posters[adapter.platform] = adapter.poster;
        stops.push(() => adapter.stop());
      },
      beforeRetry: async () => closeOps(),
      afterFailedRetry: async () => openOps(),
    },
  );
  stops.push(() => starter.cancel());
  const { failures } = await starter.ready;
  const chatUp = adapters.some((a) => a.platform !== 'console' || enabled.length === 1);
  if (!chatUp && failures.length > 0 && failures.every((f) => f.permanent)) {
    // Nothing can serve and nothing will get better by waiting: say why, one line each, and stop.
    for (const f of failures) process.stderr.write(`newsbrief: ${f.reason}\n`);
    starter.cancel();
    await Promise.allSettled(stops.map(async (stop) => stop()));
    await settlesWithin(initialIngest, 5_000, { unref: true });
    await links.close();
    await store.close();
    stopWatch.dispose();
    return 2;
  }
  for (const f of failures)
    process.stderr.write(
      `newsbrief: ${f.reason}${f.permanent ? '' : ' Retrying in the background; /healthz shows when it is up.'}\n`,
    );
  // An adapter that ends by itself (the console at end of input) ends the bot.
  const finished = adapters.flatMap((a) => (a.done ? [a.done] : []));
  await openOps();
  stops.push(() => closeOps());

  let cancelDigestRetry: (() => void) | undefined;
  let pruneTimer: NodeJS.Timeout | undefined;
  let adoptTimer: NodeJS.Timeout | undefined;
  if (!stopWatch.requested()) {
    ingestor.start();
    cancelDigestRetry = await startDigests(digests, log, { stopping: () => stopWatch.requested() });
    const prune = async () => {
      try {
        // On a shared database one instance prunes per day.
        if (sharing && !(await sharing.retentionTurn(DAY_MS))) return;
        const now = new Date();
        const removed = await store.pruneExpired(
          new Date(now.getTime() - config.store.retentionDays * DAY_MS),
          now,
        );
        if (removed.articles + removed.runs > 0)
          log.info(
            { ...removed, retentionDays: config.store.retentionDays },
            'expired old articles and digest records',
          );
      } catch (err) {
        if (isStoreFault(err))
          log.warn({ fault: err.fault }, `pruning expired articles: ${err.message}; will try again tomorrow`);
        else log.error({ err }, 'pruning expired articles failed; will try again tomorrow');
      }
    };
    await prune();
    pruneTimer = setInterval(() => void prune(), DAY_MS);
    pruneTimer.unref();
    // Survivors take over the digests of an instance that died (its heartbeat lapsed).
    if (sharing) {
      adoptTimer = setInterval(
        () =>
          void digests
            .adoptOrphans()
            .catch((err: unknown) =>
              log.warn({ err: (err as Error).message }, 'orphaned digest sweep failed'),
            ),
        sharing.leaseMs,
      );
      adoptTimer.unref();
    }
  }
  await Promise.race([stopped, ...finished]);

  // Stop taking work, let what is in flight finish (each stop is bounded), then close the store.
  cancelDigestRetry?.();
  if (pruneTimer) clearInterval(pruneTimer);
  if (adoptTimer) clearInterval(adoptTimer);
  await digests.stop();
  await ingestor.stop();
  // stop() cancels fetches in flight, so a first fetch that outlasted its 20 s start-up window
  // ends here too; wait for it (bounded) so nothing writes after the store is closed.
  await settlesWithin(initialIngest, 5_000, { unref: true });
  await Promise.allSettled(stops.map(async (stop) => stop()));
  await links.close();
  await store.close();
  stopWatch.dispose();
  return 0;
}

/** `newsbrief brief <topic>`: refresh what is due, then print one briefing. */
export async function runBrief(
  options: Overrides & { topic: string; format: 'text' | 'markdown' | 'json' },
): Promise<number> {
  const s = setup(options, 'warn');
  if (!s) return 2;
  const store = await openStoreOrSay(s.env, s.log);
  if (typeof store === 'number') return store;
  const links = createLinks(s.config, s.log);
  let services: ReturnType<typeof operatorServices> | undefined;
  try {
    const { briefings, ingestor, catalog } = await createCore(s.config, store, s.log);
    services = operatorServices(s, store, { briefings, catalog }, links.service);
    await ingestor.runOnce({ onlyDue: true });
    const now = new Date();
    const reply = await dispatch(
      { name: 'topic', options: { topic: options.topic } },
      consoleInvocation('cli'),
      services,
      now,
    );
    if (reply.kind !== 'briefing') {
      // On the command line, point at the command line's own `topics` and `status`.
      const text = renderText(reply).replace(/`\/brief (topics|status)`/g, '`newsbrief $1`');
      process.stderr.write(`${text}\n`);
      return 1;
    }
    if (options.format === 'json') process.stdout.write(`${JSON.stringify(reply.briefing, null, 2)}\n`);
    else process.stdout.write(`${renderText(reply, options.format === 'markdown')}\n`);
    return 0;
  } finally {
    await services?.stop();
    await links.close();
    await store.close();
  }
}

/**
 * `newsbrief topics` / `newsbrief status`: the chat command's answer, printed, so what replies
 * and errors point at (`/brief topics`, `/brief status`) is on the command line too.
 */
export async function runChatCommand(options: Overrides & { command: 'topics' | 'status' }): Promise<number> {
  const s = setup(options, 'warn');
  if (!s) return 2;
  const store = await openStoreOrSay(s.env, s.log, { check: options.command === 'status' });
  if (typeof store === 'number') return store;
  const { briefings, catalog } = await createCore(s.config, store, s.log);
  const links = createLinks(s.config, s.log);
  const services = operatorServices(s, store, { briefings, catalog }, links.service);
  try {
    const reply = await dispatch({ name: options.command, options: {} }, consoleInvocation('cli'), services);
    process.stdout.write(`${renderText(reply)}\n`);
    return 0;
  } finally {
    await services.stop();
    await links.close();
    await store.close();
  }
}

/**
 * The services of the CLI's one-shot commands: no platform runs, nothing is counted, and status
 * is the operator's view (every failing digest, whatever its platform).
 */
function operatorServices(
  s: Setup,
  store: Store,
  core: { briefings: BriefingService; catalog: ReturnType<typeof createTopicCatalog> },
  links: LinkBriefingService,
): Services & { stop(): Promise<void> } {
  const p = { config: s.config, log: s.log, store, links, ...core };
  const digests = createDigestService({
    store: p.store,
    config: p.config,
    log: p.log.child({ module: 'digests' }),
    briefings: p.briefings,
    articles: p.store.articles,
    posters: {},
  });
  const services = createServices({
    ...p,
    digests,
    feedback: createFeedbackService({ memory: p.store.memory }),
    status: createStatusService({
      sources: () => p.store.sources.list(configuredSources(p.config)),
      failingDigests: () => digests.failing(),
      store: () => p.store.health(),
    }),
    metrics: noMetrics,
  });
  return { ...services, stop: () => digests.stop() };
}

/** `newsbrief ingest [--once]`: fetch every source now with progress on stderr. */
export async function runIngest(options: Overrides & { once: boolean }): Promise<number> {
  // With --once the progress lines and the table are the report; logs would only repeat them.
  const s = setup(options, options.once ? 'error' : 'info');
  if (!s) return 2;
  const store = await openStoreOrSay(s.env, s.log, { check: true });
  if (typeof store === 'number') return store;
  const { ingestor } = await createCore(s.config, store, s.log);
  const onProgress = (e: { sourceId: string; phase: string; detail?: string }) =>
    process.stderr.write(
      `${e.phase === 'failed' ? '✗' : e.phase === 'done' ? '✓' : '…'} ${e.sourceId}${e.detail ? `: ${e.detail}` : ''}\n`,
    );
  try {
    const summary = await ingestor.runOnce({ onProgress });
    // The table is the run's result (stdout, for scripts and pipes); progress stays on stderr.
    process.stdout.write(`${formatIngestSummary(summary)}\n`);
    if (!options.once) {
      // Without --once, keep polling every source on its interval until interrupted. The poll
      // timers never hold the process open, so the stop watch keeps it alive meanwhile.
      const stopWatch = watchForStop({ log: s.log, withParent: s.env.launchedByScript, keepAlive: true });
      process.stderr.write('Polling every source on its interval; Ctrl-C to stop.\n');
      ingestor.start();
      await stopWatch.stopped;
      await ingestor.stop();
      stopWatch.dispose();
    }
    // Non-zero when a source could not be read at all, so scripts and cron notice; a source that
    // worked but skipped an odd item is a success with a note in the table.
    return summary.rows.some((r) => r.error && r.fetched === 0 && !r.notModified) ? 1 : 0;
  } finally {
    await store.close();
  }
}

/** `newsbrief discord-register`: write the /brief command definitions. */
export async function runDiscordRegister(overrides: Overrides): Promise<number> {
  const s = setup(overrides);
  if (!s) return 2;
  if (!s.env.discord) {
    process.stderr.write('newsbrief discord-register: set DISCORD_TOKEN and DISCORD_APPLICATION_ID first.\n');
    return 2;
  }
  const { registerDiscordCommands } = await import('./adapters/discord/index.js');
  try {
    const result = await registerDiscordCommands({ settings: s.env.discord, log: s.log });
    process.stdout.write(
      `Registered ${result.count} command(s) ${result.scope === 'guild' ? `in guild ${s.env.discord.guildId}` : 'globally (may take up to an hour to appear)'}.\n`,
    );
    return 0;
  } catch (err) {
    // A server that echoes headers back could put the token in the message: never show it.
    const token = s.env.discord.token;
    const text = String((err as Error).message ?? err)
      .split(token)
      .join('[DISCORD_TOKEN]');
    s.log.error({ err: { message: text } }, 'discord command registration failed');
    process.stderr.write(`newsbrief discord-register: ${text.split('\n')[0]}\n`);
    return 1;
  }
}
