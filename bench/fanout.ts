// Digest fan-out: one slot of 10,000 subscriptions over 10 topics on two platforms, through the
// real digest service, store (a temp SQLite file) and briefing service, against in-process fake
// posters that answer 1 call in 20 with a 429. Prints wall time, posts per second, peak memory,
// the event loop's worst delay during the run (how long a /brief command could have waited) and
// how many briefings were built (the design builds one per topic per slot: 10, not 10,000).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pino from 'pino';
import type { Topic } from '../src/core/types.js';
import { createDigestService } from '../src/digests/index.js';
import { createBriefingService } from '../src/services/briefings.js';
import { createSqliteStore } from '../src/store/sqlite.js';
import { openDatabase } from '../src/store/db.js';
import { createFakeDigestPoster, rateLimited } from '../test/fakes/digest-poster.js';

const SUBSCRIPTIONS = 10_000;
const TOPICS = 10;
const ARTICLES_PER_TOPIC = 8;
const SLOT = new Date('2026-11-28T08:00:00.000Z');

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

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-fanout-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  try {
    const store = createSqliteStore(db);
    const articles = store.articles;
    const topics: Topic[] = Array.from({ length: TOPICS }, (_, i) => ({
      slug: `topic-${i}`,
      title: `Topic ${i}`,
      keywords: [`t${i}`],
      exclude: [],
    }));
    for (let t = 0; t < TOPICS; t++) {
      for (let a = 0; a < ARTICLES_PER_TOPIC; a++) {
        const id = `t${t}-a${a}`;
        const publishedAt = new Date(SLOT.getTime() - (a + 1) * 3_600_000).toISOString();
        await articles.upsert(
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
        await articles.setTopics(id, [{ topic: `topic-${t}`, relevance: 1 }]);
      }
    }
    const insert =
      db.prepare(`INSERT INTO subscriptions (id, platform, workspace_id, channel_id, topic, schedule, when_label, timezone, created_by, created_at, updated_at)
      VALUES (?, ?, 'W', ?, ?, '0 8 * * *', 'daily 08:00', 'UTC', 'bench', '2026-11-27T00:00:00.000Z', '2026-11-27T00:00:00.000Z')`);
    db.transaction(() => {
      for (let i = 0; i < SUBSCRIPTIONS; i++)
        insert.run(`s${i}`, i % 2 ? 'discord' : 'slack', `c${i}`, `topic-${i % TOPICS}`);
    })();

    const slack = createFakeDigestPoster('slack');
    const discord = createFakeDigestPoster('discord');
    const every20th = (t: { channelId: string }, _m: unknown, attempt: number) =>
      attempt === 1 && Number(t.channelId.slice(1)) % 20 === 0 ? rateLimited(1) : undefined;
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
      briefings: createBriefingService({ topics, articles, windowDays: 7, maxPoints: 6 }),
      articles,
      posters: { slack, discord },
      now: () => new Date(SLOT.getTime() + 60_000),
      concurrency: { slack: 16, discord: 16 },
    });

    const heapBefore = process.memoryUsage().heapUsed;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const started = performance.now();
    // The service starts a minute after 08:00: start-up catch-up runs the slot for all of them.
    await service.start();
    const startMs = performance.now() - started;
    await service.settled();
    const ms = performance.now() - started;
    loop.disable();
    const heapAfter = process.memoryUsage().heapUsed;
    const posted = slack.posts.length + discord.posts.length;
    const calls = slack.calls.length + discord.calls.length;
    await service.stop();

    console.log(
      `subscriptions ${SUBSCRIPTIONS} over ${TOPICS} topics (slack + discord, 16 concurrent posts each)`,
    );
    console.log(
      `posted ${posted} digests in ${(ms / 1000).toFixed(2)} s (${Math.round(posted / (ms / 1000))} posts/s), ${calls - posted} 429s retried`,
    );
    console.log(
      `start() (config, recovery, catch-up scan of every subscription) took ${startMs.toFixed(0)} ms`,
    );
    console.log(`briefings built: ${service.briefingsBuilt()} (one per topic per slot)`);
    console.log(
      `event loop delay during fan-out: p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`,
    );
    console.log(
      `heap growth ${((heapAfter - heapBefore) / 1e6).toFixed(1)} MB; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (whole process)`,
    );
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
