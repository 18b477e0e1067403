// The digest fan-out benchmark, shared by the SQLite section (fanout.ts) and the PostgreSQL one
// (postgres.ts) so both stores run the same thing: one slot of 10,000 subscriptions over 10
// topics on two platforms (8 articles a topic, the same on each store), through the real digest
// service and briefing service, against in-process fake posters that answer the first call of 1
// channel in 20 with a 429. Several stores on one database are several instances: each gets its
// own service and posters, all start together a minute after the slot (so each one's start-up
// catch-up races the others for every claim), and every channel's posts are counted across them.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import pino from 'pino';
import type { Topic } from '../src/core/types.js';
import { createDigestService } from '../src/digests/index.js';
import { createBriefingService } from '../src/services/briefings.js';
import type { Store } from '../src/store/ports.js';
import { createFakeDigestPoster, rateLimited } from '../test/fakes/digest-poster.js';

export const SUBSCRIPTIONS = 10_000;
export const TOPICS = 10;
const ARTICLES_PER_TOPIC = 8;
const CONCURRENCY = 16;
export const SLOT = new Date('2026-11-28T08:00:00.000Z');

const words = [
  'harbor',
  'budget',
  'treaty',
  'missile',
  'summit',
  'rainfall',
  'tariff',
  'vaccine',
  'satellite',
  'election',
  'drought',
  'pipeline',
];
const sentence = (t: number, a: number) =>
  `${words[(t + a) % words.length]} ${words[(t * 3 + a * 5) % words.length]} report ${t}x${a} published.`;

export const topics: Topic[] = Array.from({ length: TOPICS }, (_, i) => ({
  slug: `topic-${i}`,
  title: `Topic ${i}`,
  keywords: [`t${i}`],
  exclude: [],
}));

/** The subscription rows: `s<i>` in channel `c<i>`, odd ones on Discord, topics in turn. */
export const subscriptionRows = Array.from({ length: SUBSCRIPTIONS }, (_, i) => ({
  id: `s${i}`,
  platform: i % 2 ? 'discord' : 'slack',
  channelId: `c${i}`,
  topic: `topic-${i % TOPICS}`,
}));

/** The columns every subscription row shares, as the stores' bulk inserts write them. */
export const subscriptionDefaults = {
  workspaceId: 'W',
  schedule: '0 8 * * *',
  whenLabel: 'daily 08:00',
  timezone: 'UTC',
  createdBy: 'bench',
  at: '2026-11-27T00:00:00.000Z',
};

/** The articles, through the store's port (80 of them: the same on every store). */
export async function seedArticles(store: Store): Promise<void> {
  for (let t = 0; t < TOPICS; t++) {
    for (let a = 0; a < ARTICLES_PER_TOPIC; a++) {
      const id = `t${t}-a${a}`;
      const publishedAt = new Date(SLOT.getTime() - (a + 1) * 3_600_000).toISOString();
      await store.articles.upsert(
        {
          id,
          sourceId: 'bench',
          url: `https://news.example/${id}`,
          contentHash: id,
          title: `Article ${id}`,
          outlet: 'Bench',
          publishedAt,
          text: sentence(t, a),
          points: [sentence(t, a)],
        },
        { learned: false, now: new Date(publishedAt) },
      );
      await store.articles.setTopics(id, [{ topic: `topic-${t}`, relevance: 1 }]);
    }
  }
}

export interface FanOutResult {
  /** From start() of all instances until every post settled. */
  ms: number;
  /** start() of all instances (config, recovery, catch-up scan). */
  startMs: number;
  posted: number;
  /** Post calls, 429s included. */
  calls: number;
  /** Posts per instance. */
  byInstance: number[];
  /** Channels that got a post; channels that got more than one. */
  channels: number;
  doubled: number;
  briefingsBuilt: number;
  loopP99Ms: number;
  loopMaxMs: number;
  /** CPU time of this process during the run (user + system). */
  cpuMs: number;
}

/** One instance of the bench: a digest service on `store`, with its own fake posters. */
export function createBenchInstance(store: Store) {
  const every20th = (t: { channelId: string }, _m: unknown, attempt: number) =>
    attempt === 1 && Number(t.channelId.slice(1)) % 20 === 0 ? rateLimited(1) : undefined;
  const slack = createFakeDigestPoster('slack');
  const discord = createFakeDigestPoster('discord');
  slack.respond(every20th);
  discord.respond(every20th);
  const service = createDigestService({
    store,
    config: {
      file: 'bench',
      sources: [],
      topics,
      digests: [],
      briefing: { windowDays: 7, maxPoints: 6 },
      store: { retentionDays: 90 },
      slack: { managers: [] },
    },
    log: pino({ level: 'silent' }),
    briefings: createBriefingService({ topics, articles: store.articles, windowDays: 7, maxPoints: 6 }),
    articles: store.articles,
    posters: { slack, discord },
    now: () => new Date(SLOT.getTime() + 60_000),
    concurrency: { slack: CONCURRENCY, discord: CONCURRENCY },
  });
  return {
    service,
    /** The channel of every post made, and the post calls (429s included). */
    posted: () => [...slack.posts, ...discord.posts].map((p) => p.target.channelId),
    calls: () => slack.calls.length + discord.calls.length,
  };
}

/** What one instance did in a run. */
export interface InstanceTally {
  channels: string[];
  calls: number;
  briefingsBuilt: number;
  cpuMs: number;
  loopP99Ms: number;
  loopMaxMs: number;
}

/** Starts `instance`, waits until its slot settled, and says what it did. */
export async function runInstance(
  instance: ReturnType<typeof createBenchInstance>,
): Promise<InstanceTally & { startMs: number }> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await instance.service.start();
  const startMs = performance.now() - started;
  await instance.service.settled();
  const used = process.cpuUsage(cpu);
  loop.disable();
  await instance.service.stop();
  return {
    channels: instance.posted(),
    calls: instance.calls(),
    briefingsBuilt: instance.service.briefingsBuilt(),
    cpuMs: (used.user + used.system) / 1000,
    loopP99Ms: loop.percentile(99) / 1e6,
    loopMaxMs: loop.max / 1e6,
    startMs,
  };
}

/** Adds up what the instances of one run did. */
export function tally(tallies: (InstanceTally & { startMs: number })[], ms: number): FanOutResult {
  const perChannel = new Map<string, number>();
  for (const t of tallies) for (const c of t.channels) perChannel.set(c, (perChannel.get(c) ?? 0) + 1);
  const byInstance = tallies.map((t) => t.channels.length);
  return {
    ms,
    startMs: Math.max(...tallies.map((t) => t.startMs)),
    posted: byInstance.reduce((a, b) => a + b, 0),
    calls: tallies.reduce((n, t) => n + t.calls, 0),
    byInstance,
    channels: perChannel.size,
    doubled: [...perChannel.values()].filter((n) => n > 1).length,
    briefingsBuilt: tallies.reduce((n, t) => n + t.briefingsBuilt, 0),
    loopP99Ms: Math.max(...tallies.map((t) => t.loopP99Ms)),
    loopMaxMs: Math.max(...tallies.map((t) => t.loopMaxMs)),
    cpuMs: tallies.reduce((n, t) => n + t.cpuMs, 0),
  };
}

/**
 * Runs the slot on one service per store, all in this process (one event loop for all), and
 * counts what arrived where.
 */
export async function runFanOut(stores: Store[]): Promise<FanOutResult> {
  const instances = stores.map(createBenchInstance);
  const started = performance.now();
  // CPU and event loop figures are this process's, shared by all the instances in it.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu = process.cpuUsage();
  const tallies = await Promise.all(instances.map(runInstance));
  const used = process.cpuUsage(cpu);
  loop.disable();
  const result = tally(tallies, performance.now() - started);
  return {
    ...result,
    cpuMs: (used.user + used.system) / 1000,
    loopP99Ms: loop.percentile(99) / 1e6,
    loopMaxMs: loop.max / 1e6,
  };
}

/** The figures every fan-out section prints. */
export function describeFanOut(label: string, r: FanOutResult): string[] {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    `${label}: posted ${r.posted} digests to ${r.channels} of ${SUBSCRIPTIONS} channels in ${s(r.ms)} (${Math.round(r.posted / (r.ms / 1000))} posts/s), ${r.calls - r.posted} 429s retried; posted twice: ${r.doubled}${r.byInstance.length > 1 ? `; split ${r.byInstance.join(' + ')}` : ''}`,
    `  start() (config, recovery, catch-up scan) ${r.startMs.toFixed(0)} ms; briefings built ${r.briefingsBuilt}; event loop delay p99 ${r.loopP99Ms.toFixed(1)} ms, max ${r.loopMaxMs.toFixed(1)} ms; CPU of this process ${s(r.cpuMs)}`,
  ];
}

/** Where a worker thread's instance finds its store (fanout-worker.ts). */
export type WorkerStore =
  { kind: 'postgres'; url: string; instanceId: string } | { kind: 'sqlite'; file: string };

/**
 * Runs the slot with one instance per entry, each in a worker thread of its own (fanout-worker.ts)
 * and started together once all are ready; CPU is the whole process's (all threads). Every
 * instance starts as a process would, with nothing compiled yet, so a store measured this way is
 * not helped or hurt by what ran before it in this process.
 */
export async function runFanOutInThreads(stores: WorkerStore[]): Promise<FanOutResult> {
  // A worker does not inherit tsx's loader: its entry registers it, then imports the TypeScript.
  const entry = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register(); await import(${JSON.stringify(new URL('./fanout-worker.ts', import.meta.url).href)});`;
  const workers = stores.map(
    (workerData) => new Worker(new URL(`data:text/javascript,${encodeURIComponent(entry)}`), { workerData }),
  );
  const next = (w: Worker) =>
    new Promise<unknown>((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  try {
    await Promise.all(workers.map(next)); // 'ready'
    const cpu = process.cpuUsage();
    const started = performance.now();
    const answers = workers.map(next);
    for (const w of workers) w.postMessage('go');
    const tallies = (await Promise.all(answers)) as Parameters<typeof tally>[0];
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { ...tally(tallies, ms), cpuMs: (used.user + used.system) / 1000 };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
