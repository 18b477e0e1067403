// `/brief search` latency inside the process: from the command text to rendered Slack blocks and
// Discord embeds, over 10,000 stored articles with realistic text in the FTS5 index. Queries mix
// common words (hundreds of matches), rare ones, phrases and exclusions. Target: p99 under 50 ms.
// Run with `npm run bench`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderReply as renderDiscord } from '../src/adapters/discord/render.js';
import { renderReply as renderSlack } from '../src/adapters/slack/render.js';
import { dispatch } from '../src/commands/dispatch.js';
import type { Invocation } from '../src/commands/ports.js';
import { createSearchService } from '../src/services/search.js';
import { createSqliteStore } from '../src/store/sqlite.js';
import { openDatabase } from '../src/store/db.js';
import { fakeServices } from '../test/support/services.js';

const ARTICLES = 10_000;
const REQUESTS = 1_000;
const NOUNS = [
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
  'tariff',
  'pipeline',
  'refinery',
  'frigate',
  'drought',
  'satellite',
  'reactor',
  'currency',
];
const PLACES = ['Tokyo', 'Canberra', 'Nairobi', 'Lima', 'Oslo', 'Hanoi', 'Quito', 'Accra', 'Riga', 'Perth'];
const QUERIES = [
  'budget',
  'missile treaty',
  '"export controls"',
  'storm -vaccine',
  'tokyo summit',
  'refinery drought hanoi',
  'satellite',
  '"trade talks" -tariff',
  'court strike lima',
  'reactor currency',
];

function sentence(a: number, i: number): string {
  const n = (k: number) => NOUNS[(a * 7 + i * 3 + k * 11) % NOUNS.length];
  const place = PLACES[(a + i) % PLACES.length];
  const extra = a % 50 === 0 ? ' under new export controls' : a % 33 === 0 ? ' during trade talks' : '';
  return `Officials in ${place} said the ${n(0)} talks on the ${n(1)} and the ${n(2)} would resume on day ${a % 28}${extra}.`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-bench-search-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  try {
    const store = createSqliteStore(db);
    const now = new Date();
    await store.withTransaction(async (tx) => {
      for (let a = 0; a < ARTICLES; a++) {
        const sentences = Array.from({ length: 12 }, (_, i) => sentence(a, i));
        await tx.articles.upsert(
          {
            id: `a${a}`,
            sourceId: `s${a % 20}`,
            url: `https://news.example/${a}`,
            contentHash: `h${a}`,
            title: `${NOUNS[a % NOUNS.length]} news from ${PLACES[a % PLACES.length]} (${a})`,
            outlet: `Outlet ${a % 20}`,
            publishedAt: new Date(now.getTime() - (a % 60) * 86_400_000 - a * 1000).toISOString(),
            text: sentences.join(' '),
            points: sentences.slice(0, 4),
          },
          { learned: false, now },
        );
      }
    });
    const services = fakeServices({
      briefings: { listTopics: async () => [], brief: async () => undefined },
      search: createSearchService({
        index: store.search,
        topics: () => [],
        windowDays: 7,
        maxPoints: 6,
      }),
    });
    const who: Invocation = {
      platform: 'slack',
      workspaceId: 'T1',
      channelId: 'C1',
      userId: 'U1',
      rights: { canManage: () => false, holders: 'nobody' },
    };
    const times: number[] = [];
    let briefings = 0;
    for (let r = 0; r < REQUESTS; r++) {
      const t0 = performance.now();
      const reply = await dispatch({ text: `search ${QUERIES[r % QUERIES.length]}` }, who, services, now);
      renderSlack(reply);
      renderDiscord(reply);
      times.push(performance.now() - t0);
      if (reply.kind === 'briefing') briefings++;
    }
    times.sort((a, b) => a - b);
    const f = (x: number) => `${x.toFixed(2)} ms`;
    console.log(
      `/brief search over ${ARTICLES.toLocaleString('en')} articles, ${REQUESTS} requests (${briefings} briefings): ` +
        `p50 ${f(percentile(times, 50))}, p95 ${f(percentile(times, 95))}, p99 ${f(percentile(times, 99))}, max ${f(times[times.length - 1] as number)} (target p99 < 50 ms)`,
    );
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
