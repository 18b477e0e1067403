// Ingestion throughput: 200 feeds of 20 items each, served by a local HTTP server, through the
// whole pipeline (fetch, parse, clean, key points, stories, topic tags, SQLite store). Prints
// articles per second and the process's peak memory. Run with `npm run bench`.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Config } from '../src/config/load.js';
import { createIngestor } from '../src/ingest/index.js';
import { openDatabase } from '../src/store/db.js';
import { createSqliteStore } from '../src/store/sqlite.js';

const FEEDS = Number(process.env.BENCH_FEEDS ?? 200);
const ITEMS = 20;

// Invented text: a deterministic pseudo-random stream of words from a few thousand made-up ones
// mixed with common English words, so articles differ the way real ones do (they share words,
// rarely whole phrases) and topic keywords appear in some of them.
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const SYLLABLES = [
  'ka',
  'to',
  'ri',
  'ben',
  'sal',
  'mor',
  'ti',
  'na',
  'vel',
  'dor',
  'pe',
  'lun',
  'gar',
  'shi',
  'om',
  'tra',
];
const COMMON = [
  'the',
  'of',
  'and',
  'to',
  'in',
  'said',
  'on',
  'that',
  'for',
  'with',
  'officials',
  'government',
  'year',
  'new',
  'would',
  'week',
  'country',
  'plan',
];
const TOPICAL = ['Japan', 'defense', 'Okinawa', 'missile', 'navy', 'ministry', 'budget', 'alliance'];
const random = prng(42);
const VOCABULARY = Array.from({ length: 3000 }, () =>
  Array.from(
    { length: 2 + Math.floor(random() * 2) },
    () => SYLLABLES[Math.floor(random() * SYLLABLES.length)],
  ).join(''),
);

function article(feed: number, item: number): string {
  const next = prng(feed * 100_003 + item * 7 + 1);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)] as T;
  const sentence = () => {
    const words = Array.from({ length: 14 + Math.floor(next() * 12) }, () => {
      const r = next();
      return r < 0.45 ? pick(COMMON) : r < 0.5 ? pick(TOPICAL) : pick(VOCABULARY);
    });
    const first = words[0] as string;
    words[0] = first.charAt(0).toUpperCase() + first.slice(1);
    return `${words.join(' ')}.`;
  };
  // About 600 words in paragraphs of two or three sentences, as news sites write them.
  const paragraphs: string[] = [];
  for (let p = 0; p < 12; p++)
    paragraphs.push(`<p>${Array.from({ length: 2 + Math.floor(next() * 2) }, sentence).join(' ')}</p>`);
  return paragraphs.join('');
}

function feedXml(feed: number, base: string): string {
  const items = Array.from({ length: ITEMS }, (_, i) => {
    const date = new Date(Date.UTC(2025, 0, 1 + (i % 28), feed % 24)).toUTCString();
    return `<item><title>Japan defense report ${feed}-${i}</title><link>${base}/a/${feed}/${i}?utm_source=rss</link><pubDate>${date}</pubDate><description><![CDATA[${article(feed, i)}]]></description></item>`;
  }).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench Feed ${feed}</title>${items}</channel></rss>`;
}

export async function run(): Promise<void> {
  const bodies = new Map<string, string>();
  const server = createServer((req, res) => {
    const body = bodies.get(req.url ?? '');
    if (!body) return void res.writeHead(404).end();
    const etag = `"${req.url}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (let f = 0; f < FEEDS; f++) bodies.set(`/feed/${f}.xml`, feedXml(f, base));

  const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-bench-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  const config: Config = {
    file: 'bench',
    sources: Array.from({ length: FEEDS }, (_, f) => ({
      id: `feed-${f}`,
      type: 'feed' as const,
      url: `${base}/feed/${f}.xml`,
      every: 15 * 60_000,
      fullText: false,
    })),
    topics: [
      {
        slug: 'japan-defense',
        title: 'Japan defense',
        keywords: ['japan', 'defense', 'okinawa', 'missile'],
        exclude: [],
      },
      { slug: 'navy', title: 'Navy', keywords: ['navy', 'warship', 'shipyard'], exclude: [] },
    ],
    digests: [],
    briefing: { windowDays: 7, maxPoints: 6 },
    store: { retentionDays: 90 },
    slack: { managers: [] },
  };
  try {
    const ingestor = createIngestor({ config, store: createSqliteStore(db), log: pino({ level: 'silent' }) });
    const t0 = performance.now();
    const first = await ingestor.runOnce();
    const seconds = (performance.now() - t0) / 1000;
    const stored = first.rows.reduce((n, r) => n + r.new, 0);
    const failed = first.rows.filter((r) => r.error).length;
    const t1 = performance.now();
    const second = await ingestor.runOnce();
    const again = (performance.now() - t1) / 1000;
    const notModified = second.rows.filter((r) => r.notModified).length;
    const peakMb = process.resourceUsage().maxRSS / 1024;
    console.log(`feeds: ${FEEDS} x ${ITEMS} items, served from ${base}`);
    console.log(
      `first run: ${stored} articles stored in ${seconds.toFixed(2)}s = ${(stored / seconds).toFixed(0)} articles/s (fetch, parse, clean, key points, stories, tags, SQLite)${failed ? `; ${failed} feeds failed` : ''}`,
    );
    console.log(`second run: ${notModified}/${FEEDS} feeds answered 304 in ${again.toFixed(2)}s`);
    console.log(`peak memory (max RSS of the process so far): ${peakMb.toFixed(0)} MB`);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

// Run directly (`npx tsx bench/ingest.ts`) as well as from bench/index.ts.
if (import.meta.url === `file://${process.argv[1]}`) await run();
