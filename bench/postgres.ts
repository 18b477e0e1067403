// PostgreSQL sections of `npm run bench`, beside the SQLite ones (brief.ts, fanout.ts) and in
// their shapes, each on a fresh database dropped afterwards:
//   - `/brief <topic>` in process over 10,000 stored articles (10 topics x 1,000): p50/p99 from
//     the command text to rendered Slack blocks and Discord embeds. Target: p99 under 50 ms.
//   - digest fan-out (fanout-run.ts): one slot of 10,000 subscriptions run by TWO digest
//     services, each with its own store (own pool, own instance id) on the same database, racing
//     for every claim: first both in this process (one event loop and one core for both), then
//     each in a worker thread of its own (as two processes would run); and the same slot,
//     subscriptions, articles and fake posters on ONE SQLite instance, in this process and in a
//     thread. Each of the four runs three rounds, interleaved so that load on the machine falls on
//     all alike, and is shown by its median. It prints them, the ratios (target: two PostgreSQL
//     instances no slower than one SQLite one; threads against a thread is the like-for-like
//     figure) and fails loudly on any double post or missed channel.
// NEWSBRIEF_BENCH_POSTGRES names the server (default the local one); without a reachable server
// these sections print one line and are skipped.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { renderReply as renderDiscord } from '../src/adapters/discord/render.js';
import { renderReply as renderSlack } from '../src/adapters/slack/render.js';
import { dispatch } from '../src/commands/dispatch.js';
import type { Invocation } from '../src/commands/ports.js';
import type { Topic } from '../src/core/types.js';
import { createBriefingService } from '../src/services/briefings.js';
import { DEFAULT_POOL_SIZE } from '../src/store/postgres/connection.js';
import { openPostgresStore, type PostgresStore } from '../src/store/postgres/index.js';
import { sqliteFanOut } from './fanout.js';
import {
  describeFanOut,
  runFanOut,
  seedArticles as seedFanOutArticles,
  subscriptionDefaults as d,
  subscriptionRows,
  SUBSCRIPTIONS,
  runFanOutInThreads,
  type FanOutResult,
} from './fanout-run.js';
import { fakeServices } from '../test/support/services.js';

const ADMIN = process.env.NEWSBRIEF_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TOPICS = 10;
/** How many times each way of running the fan-out is measured. */
const ROUNDS = 3;
const ARTICLES_PER_TOPIC = 1_000;
const REQUESTS = 2_000;

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN, connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A fresh database for one section; dropped by the returned function. */
async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `nb_bench_${randomBytes(4).toString('hex')}`;
  await admin(`CREATE DATABASE "${name}"`);
  const u = new URL(ADMIN);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

const topicsOf = (n: number): Topic[] =>
  Array.from({ length: n }, (_, t) => ({
    slug: `topic-${t}`,
    title: `Topic ${t}`,
    keywords: [`k${t}`],
    exclude: [],
  }));

/** `perTopic` articles for each topic, written in bulk (as ingestion would have left them). */
async function seedArticles(
  store: PostgresStore,
  topics: number,
  perTopic: number,
  newest: Date,
): Promise<void> {
  await store.pg.query(
    `INSERT INTO articles (id, source_id, url, content_hash, title, outlet, published_at, fetched_at, updated_at, text, points)
     SELECT 't' || t || '-a' || a, 'bench', 'https://news.example/t' || t || '/a' || a, 'h' || t || '-' || a,
       'Talks resume in region ' || t || ' (report ' || a || ')', 'Bench Wire',
       to_char(($1::timestamptz - make_interval(mins => a * 7)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
       $2, $2,
       'Officials in region ' || t || ' said the harbour talks on the budget would resume on day ' || a || '.',
       json_build_array(
         'Officials in region ' || t || ' said the harbour talks would resume on day ' || (a % 28) || '.',
         'The budget and the treaty in region ' || t || ' come next, with ' || (a % 9 + 3) || ' delegations.',
         'A summit on the vaccine market in region ' || t || ' follows on day ' || (a % 17) || '.')::text
     FROM generate_series(0, $3::int - 1) t, generate_series(0, $4::int - 1) a`,
    [newest.toISOString(), newest.toISOString(), topics, perTopic],
  );
  await store.pg.query(
    `INSERT INTO article_topics (topic, article_id, relevance, at)
     SELECT 'topic-' || split_part(substr(id, 2), '-', 1), id, 1, published_at FROM articles`,
  );
  await store.pg.query('ANALYZE');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function briefLatency(): Promise<void> {
  const db = await freshDatabase();
  const store = await openPostgresStore(db.url, { max: 4 });
  try {
    const topics = topicsOf(TOPICS);
    await seedArticles(store, TOPICS, ARTICLES_PER_TOPIC, new Date());
    const briefings = createBriefingService({
      topics,
      articles: store.articles,
      windowDays: 7,
      maxPoints: 6,
    });
    const invocation: Invocation = {
      platform: 'slack',
      workspaceId: 'T1',
      channelId: 'C1',
      userId: 'U1',
      rights: { canManage: () => false, holders: 'nobody' },
    };
    const once = async (i: number) => {
      const reply = await dispatch(
        { name: 'topic', options: { topic: `topic-${i % TOPICS}` } },
        invocation,
        fakeServices({ briefings }),
      );
      if (reply.kind !== 'briefing') throw new Error(`unexpected reply ${reply.kind}`);
      renderSlack(reply);
      renderDiscord(reply);
    };
    for (let i = 0; i < 50; i++) await once(i); // warm the pool and the plans
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      await once(i);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `PostgreSQL: ${TOPICS * ARTICLES_PER_TOPIC} articles, ${REQUESTS} requests: p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms, max ${(times[times.length - 1] as number).toFixed(2)} ms (target p99 < 50 ms)`,
    );
  } finally {
    await store.close();
    await db.drop();
  }
}

async function fanOut(): Promise<void> {
  const db = await freshDatabase();
  const stores = [
    await openPostgresStore(db.url, { instanceId: 'bench-a' }),
    await openPostgresStore(db.url, { instanceId: 'bench-b' }),
  ];
  // Each way of running the slot, ROUNDS times, interleaved, so that a burst of load on the
  // machine falls on all of them alike; each is then shown by its median run.
  const runs: Record<'pg' | 'threads' | 'sqlite' | 'sqliteThread', FanOutResult[]> = {
    pg: [],
    threads: [],
    sqlite: [],
    sqliteThread: [],
  };
  try {
    const [first] = stores as [PostgresStore, PostgresStore];
    await seedFanOutArticles(first);
    await first.pg.query(
      `INSERT INTO subscriptions (id, platform, workspace_id, channel_id, topic, schedule, when_label, timezone, created_by, created_at, updated_at)
       SELECT s.id, s.platform, $5, s.channel_id, s.topic, $6, $7, $8, $9, $10, $10
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS s (id, platform, channel_id, topic)`,
      [
        subscriptionRows.map((r) => r.id),
        subscriptionRows.map((r) => r.platform),
        subscriptionRows.map((r) => r.channelId),
        subscriptionRows.map((r) => r.topic),
        d.workspaceId,
        d.schedule,
        d.whenLabel,
        d.timezone,
        d.createdBy,
        d.at,
      ],
    );
    await first.pg.query('ANALYZE');
    // Between runs the slot's runs and what they wrote are cleared, so every run posts the slot anew.
    const clear = async () => {
      await first.pg.query(
        'TRUNCATE digest_runs, digest_deliveries, digest_facts, digest_replies, story_refs, instances',
      );
      await first.pg.query('VACUUM ANALYZE');
    };
    for (let round = 0; round < ROUNDS; round++) {
      // Both instances in this process (one event loop for both), then each in its own thread
      // (how two processes would run it); SQLite likewise in this process and in a thread.
      for (const s of stores) await s.coordinator.start();
      runs.pg.push(await runFanOut(stores));
      for (const s of stores) await s.coordinator.stop();
      await clear();
      runs.threads.push(
        await runFanOutInThreads(
          ['bench-a', 'bench-b'].map((instanceId) => ({
            kind: 'postgres' as const,
            url: db.url,
            instanceId,
          })),
        ),
      );
      await clear();
      runs.sqlite.push(await sqliteFanOut());
      runs.sqliteThread.push(await sqliteFanOut({ inThread: true }));
    }
  } finally {
    for (const s of stores) await s.close();
    await db.drop();
  }
  const median = (all: FanOutResult[]) => [...all].sort((x, y) => x.ms - y.ms)[Math.floor(all.length / 2)]!;
  const pg = median(runs.pg);
  const threads = median(runs.threads);
  const sqlite = median(runs.sqlite);
  const sqliteThread = median(runs.sqliteThread);
  const times = (all: FanOutResult[]) => all.map((r) => `${(r.ms / 1000).toFixed(2)}`).join(' / ') + ' s';
  console.log(
    `pool ${DEFAULT_POOL_SIZE} connections per instance (the default); 16 concurrent posts per platform per instance; ${ROUNDS} rounds, each way shown by its median run`,
  );
  for (const [label, r, all] of [
    ['two PostgreSQL instances on one database (two stores in this process)', pg, runs.pg],
    ['two PostgreSQL instances on one database (each in its own worker thread)', threads, runs.threads],
    ['one SQLite instance (in this process)', sqlite, runs.sqlite],
    ['one SQLite instance (in a worker thread of its own)', sqliteThread, runs.sqliteThread],
  ] as const) {
    for (const line of describeFanOut(label, r)) console.log(line);
    console.log(`  every round: ${times(all)}`);
  }
  // The like-for-like figure is threads against a thread: every instance has its own event loop
  // and starts with nothing compiled, as a process does.
  console.log(
    `two PostgreSQL instances took ${(threads.ms / sqliteThread.ms).toFixed(2)} times as long as one SQLite instance, each instance in a thread of its own (target: at most 1.00); ${(pg.ms / sqlite.ms).toFixed(2)} times all in this process`,
  );
  const all = Object.values(runs).flat();
  if (all.some((r) => r.doubled > 0 || r.channels !== SUBSCRIPTIONS))
    throw new Error('a fan-out posted a channel twice or missed one');
}

/** Both sections, or those named (`npx tsx bench/postgres.ts fan-out` runs only the fan-out). */
export async function run(only: string[] = []): Promise<void> {
  try {
    await admin('SELECT 1');
  } catch (err) {
    console.log(`PostgreSQL sections skipped: no server at ${ADMIN} (${(err as Error).message})`);
    return;
  }
  const wanted = (name: string) => only.length === 0 || only.includes(name);
  if (wanted('brief')) {
    console.log('-- /brief <topic> latency on PostgreSQL --');
    await briefLatency();
  }
  if (wanted('fan-out')) {
    console.log('-- digest fan-out: two instances on PostgreSQL, one on SQLite --');
    await fanOut();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
