// `/brief <topic>` latency inside the process: from the command text to rendered Slack blocks and
// Discord embeds, against a store of many articles with their key points already computed (as
// ingestion leaves it). Target: under 50 ms at p99, so the platform, not newsbrief, dominates the reply time. Run with `npm run bench`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderReply as renderDiscord } from '../src/adapters/discord/render.js';
import { renderReply as renderSlack } from '../src/adapters/slack/render.js';
import { dispatch } from '../src/commands/dispatch.js';
import type { Invocation } from '../src/commands/ports.js';
import type { Topic } from '../src/core/types.js';
import { createBriefingService } from '../src/services/briefings.js';
import { createSqliteStore } from '../src/store/sqlite.js';
import { openDatabase } from '../src/store/db.js';
import { fakeServices } from '../test/support/services.js';

const TOPICS = 10;
const ARTICLES_PER_TOPIC = 1_000;
const REQUESTS = 2_000;

const WORDS = [
  'harbour',
  'budget',
  'minister',
  'election',
  'missile',
  'treaty',
  'storm',
  'vaccine',
  'market',
  'court',
  'strike',
  'summit',
];

/** A plausible key point: deterministic, distinct per article and index. */
function point(topic: number, article: number, i: number): string {
  const w = (k: number) => WORDS[(topic * 7 + article * 3 + i * 5 + k) % WORDS.length];
  return `Officials in region ${topic} said the ${w(0)} talks on the ${w(1)} and the ${w(2)} would resume on day ${article % 28} with ${i + 3} delegations.`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-bench-brief-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  try {
    const store = createSqliteStore(db);
    const articles = store.articles;
    const topics: Topic[] = Array.from({ length: TOPICS }, (_, t) => ({
      slug: `topic-${t}`,
      title: `Topic ${t}`,
      keywords: [`k${t}`],
      exclude: [],
    }));
    const now = new Date();
    await store.withTransaction(async (tx) => {
      for (let t = 0; t < TOPICS; t++) {
        for (let a = 0; a < ARTICLES_PER_TOPIC; a++) {
          const id = `t${t}-a${a}`;
          const points = [0, 1, 2, 3].map((i) => point(t, a, i));
          await tx.articles.upsert(
            {
              id,
              sourceId: `feed-${a % 20}`,
              url: `https://example.org/${id}`,
              contentHash: id,
              title: `Article ${a} on topic ${t}`,
              outlet: `Outlet ${a % 20}`,
              // Spread over two weeks, so the window and the recency ranking both have work to do.
              publishedAt: new Date(now.getTime() - (a % 336) * 3_600_000).toISOString(),
              text: points.join(' '),
              points,
            },
            { learned: false, now },
          );
          await tx.articles.setTopics(id, [{ topic: topics[t]?.slug as string, relevance: 1 + (a % 5) }]);
        }
      }
    });
    const services = fakeServices({
      briefings: createBriefingService({ topics, articles, windowDays: 7, maxPoints: 6 }),
    });
    const invocation: Invocation = {
      platform: 'slack',
      workspaceId: 'T1',
      channelId: 'C1',
      userId: 'U1',
      rights: { canManage: () => false, holders: 'nobody' },
    };

    const once = async (i: number) => {
      const reply = await dispatch({ text: `topic-${i % TOPICS}` }, invocation, services);
      renderSlack(reply);
      renderDiscord(reply);
    };
    for (let i = 0; i < 100; i++) await once(i); // warm-up
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const start = performance.now();
      await once(i);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const f = (ms: number) => `${ms.toFixed(2)} ms`;
    console.log(
      `/brief <topic>: ${REQUESTS} requests over ${TOPICS} topics of ${ARTICLES_PER_TOPIC} articles each (dispatch + Slack and Discord rendering)`,
    );
    console.log(
      `  p50 ${f(percentile(times, 50))}, p99 ${f(percentile(times, 99))}, max ${f(times[times.length - 1] as number)}  (target: p99 under 50 ms)`,
    );
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
