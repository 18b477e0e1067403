// PostgreSQL sections of `npm run bench`, beside the SQLite ones (brief.ts, fanout.ts) and in
// their shapes, each on a fresh database dropped afterwards:
//   - `/brief <topic>` in process over 10,000 stored articles (10 topics x 1,000): p50/p99 from
//     the command text to rendered Slack blocks and Discord embeds. Target: p99 under 50 ms.
//   - digest fan-out: one slot of 10,000 subscriptions run by TWO digest services, each with its
//     own store (own pool, own instance id) on the same database, in this one process (two
//     processes would measure the same claims; one keeps the figure free of start-up time).
//     Both catch the slot up at once and race for every claim; the run counts posts per channel
//     and fails loudly on any double post. Compare with the SQLite section "digest fan-out".
// NEWSBRIEF_BENCH_POSTGRES names the server (default the local one); without a reachable server
// these sections print one line and are skipped.
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import pino from 'pino';
import { renderReply as renderDiscord } from '../src/adapters/discord/render.js';
import { renderReply as renderSlack } from '../src/adapters/slack/render.js';
import { dispatch } from '../src/commands/dispatch.js';
import type { Invocation } from '../src/commands/ports.js';
import type { Topic } from '../src/core/types.js';
import { createDigestService } from '../src/digests/index.js';
import { createBriefingService } from '../src/services/briefings.js';
import { openPostgresStore, type PostgresStore } from '../src/store/postgres/index.js';
import { createFakeDigestPoster, rateLimited } from '../test/fakes/digest-poster.js';

const ADMIN = process.env.NEWSBRIEF_BENCH_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TOPICS = 10;
const ARTICLES_PER_TOPIC = 1_000;
const REQUESTS = 2_000;
const SUBSCRIPTIONS = 10_000;
const SLOT = new Date('2026-11-28T08:00:00.000Z');

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
      const reply = await dispatch({ name: 'topic', options: { topic: `topic-${i % TOPICS}` } }, invocation, {
        briefings,
      });
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
    await openPostgresStore(db.url, { max: 16, instanceId: 'bench-a' }),
    await openPostgresStore(db.url, { max: 16, instanceId: 'bench-b' }),
  ];
  try {
    const [first] = stores as [PostgresStore, PostgresStore];
    const topics = topicsOf(TOPICS);
    await seedArticles(first, TOPICS, 8, new Date(SLOT.getTime() - 3_600_000));
    await first.pg.query(
      `INSERT INTO subscriptions (id, platform, workspace_id, channel_id, topic, schedule, when_label, timezone, created_by, created_at, updated_at)
       SELECT 's' || i, CASE WHEN i % 2 = 1 THEN 'discord' ELSE 'slack' END, 'W', 'c' || i, 'topic-' || (i % $1::int),
         '0 8 * * *', 'daily 08:00', 'UTC', 'bench', '2026-11-27T00:00:00.000Z', '2026-11-27T00:00:00.000Z'
       FROM generate_series(0, $2::int - 1) i`,
      [TOPICS, SUBSCRIPTIONS],
    );
    for (const s of stores) await s.coordinator.start();
    const every20th = (t: { channelId: string }, _m: unknown, attempt: number) =>
      attempt === 1 && Number(t.channelId.slice(1)) % 20 === 0 ? rateLimited(1) : undefined;
    const instances = stores.map((store) => {
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
        concurrency: { slack: 16, discord: 16 },
      });
      return { service, slack, discord };
    });
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const started = performance.now();
    // Both start a minute after 08:00: each one's catch-up races the other for every claim.
    await Promise.all(instances.map((i) => i.service.start()));
    const startMs = performance.now() - started;
    await Promise.all(instances.map((i) => i.service.settled()));
    const ms = performance.now() - started;
    loop.disable();
    await Promise.all(instances.map((i) => i.service.stop()));
    const perChannel = new Map<string, number>();
    const byInstance = instances.map((i) => {
      const posts = [...i.slack.posts, ...i.discord.posts];
      for (const p of posts)
        perChannel.set(p.target.channelId, (perChannel.get(p.target.channelId) ?? 0) + 1);
      return posts.length;
    });
    const doubled = [...perChannel.values()].filter((n) => n > 1).length;
    const posted = byInstance.reduce((a, b) => a + b, 0);
    console.log(
      `PostgreSQL, two instances on one database (two stores in this process): ${posted} digests to ${perChannel.size} of ${SUBSCRIPTIONS} channels in ${(ms / 1000).toFixed(2)} s (${Math.round(posted / (ms / 1000))} posts/s); split ${byInstance.join(' + ')}; posted twice: ${doubled}`,
    );
    console.log(
      `start() of both (config, recovery, catch-up scan: one getRun per subscription, in sequence) took ${(startMs / 1000).toFixed(2)} s`,
    );
    console.log(
      `event loop delay during fan-out: p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms; compare "digest fan-out" (one SQLite instance) above`,
    );
    if (doubled > 0 || perChannel.size !== SUBSCRIPTIONS)
      throw new Error('fan-out across two instances posted a channel twice or missed one');
  } finally {
    for (const s of stores) await s.close();
    await db.drop();
  }
}

export async function run(): Promise<void> {
  try {
    await admin('SELECT 1');
  } catch (err) {
    console.log(`PostgreSQL sections skipped: no server at ${ADMIN} (${(err as Error).message})`);
    return;
  }
  console.log('-- /brief <topic> latency on PostgreSQL --');
  await briefLatency();
  console.log('-- digest fan-out across two instances on PostgreSQL --');
  await fanOut();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
