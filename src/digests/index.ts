// The digest service the composition root wires: subscriptions (the commands' port), the
// schedule, and the runs. See run.ts for how a slot runs and what survives a crash.
import type { Logger } from 'pino';
import type {
  BriefingService,
  Invocation,
  SubscriptionService,
  SubscriptionView,
} from '../commands/ports.js';
import type { Config } from '../config/load.js';
import type { Platform } from '../core/types.js';
import type { ArticleRepository, Store, Subscription } from '../store/ports.js';
import { settlesWithin } from '../async/deadline.js';
import { syncConfigDigests } from './config-sync.js';
import type { ChannelPoster } from './ports.js';
import type { Metrics } from '../ops/metrics.js';
import { findMissedSlots, recoverUnfinished, type PendingSlot } from './recovery.js';
import { createRunner, type RunSummary } from './run.js';
import { createStoryRefs, type StoryRefs } from './story-refs.js';
import { createScheduler, slotKey } from './schedule.js';
import { createSubscriptionService, toView } from './subscriptions.js';

export interface DigestService {
  /** The port behind /brief subscribe, unsubscribe and subscriptions. */
  subscriptions: SubscriptionService;
  /** Threaded digests of the invocation's workspace posted without threads, and why (for /brief status). */
  threadNotes(invocation: Invocation): Promise<{ topic: string; channelId: string; note: string }[]>;
  /** Subscriptions that are failing or paused, for /brief status (only the invocation's workspace when given). */
  failing(invocation?: Invocation): Promise<SubscriptionView[]>;
  /** Loads config digests, schedules every active subscription, settles runs left by a stop, catches up missed slots. */
  start(): Promise<void>;
  /**
   * Settles open runs of instances that stopped (on a shared database: those whose heartbeat
   * lapsed), as start() does, and runs the ones it resumes. Several instances: called every
   * lease period, so survivors take over a dead instance's digests. Returns how many it resumes.
   */
  adoptOrphans(): Promise<number>;
  /** Stops new runs; lets posts in flight finish (at most `stopTimeoutMs`); never closes the db. */
  stop(): Promise<void>;
  /** Runs a subscription's slot now (tests, and a future admin command). */
  runSlot(subscriptionId: string, slot: Date): Promise<void>;
  /** Topic briefings built by runs so far: one per topic per slot, however many channels. */
  briefingsBuilt(): number;
  /** Resolves when no run is in flight (tests, benchmarks). */
  settled(): Promise<void>;
}

export interface DigestServiceDeps {
  store: Pick<Store, 'subscriptions' | 'deliveries' | 'memory' | 'threads'>;
  config: Config;
  log: Logger;
  /** Builds the topic's briefing from the store; the same function /brief uses. Returns undefined for unknown topics. */
  briefings: BriefingService;
  articles: ArticleRepository;
  posters: Partial<Record<Platform, ChannelPoster>>;
  now?: () => Date;
  /** Concurrent posts per platform, instead of what each poster says (tests, benchmarks). */
  concurrency?: Partial<Record<Platform, number>>;
  /** Post attempts per slot for 429/5xx before giving up on that slot (default 5). */
  maxAttempts?: number;
  /** First retry wait when the platform gave no Retry-After; doubles per attempt (default 1 s). */
  retryBaseMs?: number;
  /** Permanent failures in a row before a subscription pauses (default 3). */
  pauseAfter?: number;
  /** How long stop() waits for posts in flight (default 10 s). */
  stopTimeoutMs?: number;
  /** Counts digests posted/failed and post retries; absent: nothing counted. */
  metrics?: Metrics;
  /** The stories one-message digests' buttons refer to; share it with the feedback service. */
  storyRefs?: StoryRefs;
}

export function createDigestService(deps: DigestServiceDeps): DigestService {
  const log = deps.log;
  const now = deps.now ?? (() => new Date());
  const { subscriptions, deliveries, memory, threads } = deps.store;
  let stopping = false;

  // Slots of several schedules firing at the same moment are gathered and run together, so each
  // topic's briefing is still built once for all of them.
  const pending = new Map<string, { slot: Date; groups: Set<string> }>();
  const onSlot = (schedule: string, timezone: string, slot: Date) => {
    if (stopping) return;
    const key = slotKey(slot);
    const entry = pending.get(key);
    if (entry) return void entry.groups.add(`${timezone}\n${schedule}`);
    pending.set(key, { slot, groups: new Set([`${timezone}\n${schedule}`]) });
    setImmediate(() => {
      const batch = pending.get(key);
      pending.delete(key);
      if (!batch || stopping) return;
      void (async () => {
        const due: Subscription[] = [];
        for (const g of batch.groups) {
          const [tz = '', sched = ''] = g.split('\n');
          due.push(...(await subscriptions.due(sched, tz)));
        }
        if (!stopping) await runner.run(due, batch.slot);
      })().catch((err: unknown) => log.error({ err, slot: key }, 'digest slot could not start'));
    });
  };

  const scheduler = createScheduler({ log, onSlot });
  const resync = async () => {
    if (stopping) return;
    const schedules = await subscriptions.schedules();
    if (!stopping) scheduler.sync(schedules);
  };

  // Retry waits in progress; stop() cuts them short (the run stays claimed for the next start).
  const waits = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (stopping) return resolve(false);
      const wake = () => {
        clearTimeout(timer);
        waits.delete(wake);
        resolve(false);
      };
      const timer = setTimeout(() => {
        waits.delete(wake);
        resolve(true);
      }, ms);
      waits.add(wake);
    });

  const runner = createRunner({
    subscriptions,
    deliveries,
    memory,
    threads,
    storyRefs: deps.storyRefs ?? createStoryRefs(memory),
    maxPoints: deps.config.briefing.maxPoints,
    posters: deps.posters,
    log,
    now,
    sleep,
    maxAttempts: deps.maxAttempts ?? 5,
    retryBaseMs: deps.retryBaseMs ?? 1_000,
    pauseAfter: deps.pauseAfter ?? 3,
    onPaused: resync,
    briefings: deps.briefings,
    articles: deps.articles,
    concurrency: deps.concurrency ?? {},
    metrics: deps.metrics,
  });

  /** Runs start-up slots grouped by (slot, mode), so topics are still built once per slot. */
  const runPending = (list: PendingSlot[]): Promise<RunSummary[]> => {
    const groups = new Map<string, PendingSlot[]>();
    for (const p of list) {
      const k = `${p.mode}|${slotKey(p.slot)}`;
      const group = groups.get(k) ?? [];
      group.push(p);
      groups.set(k, group);
    }
    return Promise.all(
      [...groups.values()].map((g) =>
        runner.run(
          g.map((p) => p.subscription),
          (g[0] as PendingSlot).slot,
          (g[0] as PendingSlot).mode,
        ),
      ),
    );
  };

  return {
    subscriptions: createSubscriptionService({
      repository: subscriptions,
      briefings: deps.briefings,
      scheduler,
      onChange: resync,
      posters: deps.posters,
    }),
    async threadNotes(invocation) {
      return (await subscriptions.all())
        .filter((s) => s.threads && s.threadNote !== undefined)
        .filter((s) => s.platform === invocation.platform && s.workspaceId === invocation.workspaceId)
        .map((s) => ({ topic: s.topic, channelId: s.channelId, note: s.threadNote as string }));
    },
    async failing(invocation) {
      return (await subscriptions.all())
        .filter((s) => s.state !== 'active' || s.lastError !== undefined)
        .filter(
          (s) =>
            !invocation ||
            (s.platform === invocation.platform &&
              (s.workspaceId === invocation.workspaceId || s.workspaceId === '')),
        )
        .map((s) => toView(s, scheduler));
    },
    async start() {
      const at = now();
      await syncConfigDigests(subscriptions, deps.config.digests, at, log);
      const recoveryDeps = { subscriptions, deliveries, threads, scheduler, log, now: at };
      const resumed = await recoverUnfinished(recoveryDeps);
      const missed = await findMissedSlots(recoveryDeps);
      await resync();
      log.info(
        {
          subscriptions: await subscriptions.count(),
          schedules: scheduler.taskCount(),
          resumed: resumed.length,
          caughtUp: missed.length,
        },
        'digests started',
      );
      // Not awaited: start-up posts must not hold up the adapters; settled() waits for them.
      void runPending([...resumed, ...missed]);
    },
    async adoptOrphans() {
      if (stopping) return 0;
      const before = now();
      const resumed = await recoverUnfinished({
        subscriptions,
        deliveries,
        threads,
        scheduler,
        log,
        now: before,
      });
      if (resumed.length > 0 && !stopping) void runPending(resumed);
      return resumed.length;
    },
    async stop() {
      stopping = true;
      await scheduler.stop();
      for (const wake of [...waits]) wake();
      if (!(await settlesWithin(runner.settled(), deps.stopTimeoutMs ?? 10_000)))
        log.warn(
          {},
          'digest posts still in flight at shutdown; their runs stay open and are settled at the next start',
        );
    },
    async runSlot(subscriptionId, slot) {
      const sub = await subscriptions.get(subscriptionId);
      if (!sub) throw new Error(`no subscription ${subscriptionId}`);
      await runner.run([sub], slot);
    },
    briefingsBuilt: () => runner.briefingsBuilt(),
    settled: () => runner.settled(),
  };
}
