// Hostile bodies through the real ingestor (HTTP client, decoder, parser, writer, SQLite file):
// gzip and brotli bombs are cut at the body cap, a 100,000-item feed is read down to its newest
// items, XML nested far past the depth limit is refused; memory stays bounded and the event loop
// keeps turning, so commands are answered while the body is read. The stall bound is generous
// (1 s; measured here: under 200 ms for each case on a loaded 2-core machine): with the item cap
// lifted, the 100,000-item feed took 30 s and failed, and the deep document is refused at the
// depth limit before it could recurse.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { createBrotliCompress, createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/commands/dispatch.js';
import type { Invocation } from '../../../src/commands/ports.js';
import { startNewsServer, type NewsServer } from '../../fakes/news-server.js';
import { slackServices } from '../../fakes/slack-services.js';
import { createHarness, feed, makeConfig } from './harness.js';

const MB = 1024 * 1024;
/** Longest stall the loop may take while a hostile body is read (a blocking parse takes seconds). */
const MAX_STALL_MS = 1_000;
/** Growth of the process's memory a read may cause (the body cap is 5 MB; the bomb is 200 MB). */
const MAX_RSS_GROWTH = 250 * MB;

let server: NewsServer;

/** `size` zero bytes compressed as a stream, so the test never holds the inflated body. */
async function bomb(kind: 'gzip' | 'br', size: number): Promise<Buffer> {
  const chunk = Buffer.alloc(MB);
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < size / MB; i++) yield chunk;
    })(),
  );
  return buffer(source.pipe(kind === 'gzip' ? createGzip({ level: 9 }) : createBrotliCompress()));
}

/** A feed of `items` short entries (about 43 bytes each: 100,000 of them stay under the 5 MB cap). */
function hugeFeed(items: number): string {
  const entries: string[] = [];
  for (let i = 0; i < items; i++) entries.push(`<item><title>Japan defense ${i}</title></item>`);
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>${entries.join('')}</channel></rss>`;
}

beforeAll(async () => {
  server = await startNewsServer();
  server.route('/gzip-bomb.xml', {
    body: await bomb('gzip', 200 * MB),
    headers: { 'content-encoding': 'gzip' },
    contentType: 'application/rss+xml',
  });
  server.route('/brotli-bomb.xml', {
    body: await bomb('br', 200 * MB),
    headers: { 'content-encoding': 'br' },
    contentType: 'application/rss+xml',
  });
  server.route('/huge.xml', { body: hugeFeed(100_000), contentType: 'application/rss+xml' });
  const depth = 200_000;
  server.route('/deep.xml', {
    body: `<rss><channel><item><description>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</description></item></channel></rss>`,
    contentType: 'application/rss+xml',
  });
});

afterAll(async () => {
  await server.close();
});

const invocation: Invocation = {
  platform: 'console',
  workspaceId: 'local',
  channelId: 'console',
  userId: 'owner',
  rights: { canManage: () => true, holders: 'the owner' },
};

/**
 * Runs `work` while answering `/brief topics` every 20 ms and sampling memory: the slowest
 * answer, the longest loop stall (perf_hooks), and the peak RSS growth.
 */
async function whileAnswering<T>(work: () => Promise<T>) {
  const services = slackServices();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let slowestAnswerMs = 0;
  let answers = 0;
  let running = true;
  const asker = (async () => {
    while (running) {
      const asked = performance.now();
      const reply = await dispatch({ text: 'topics' }, invocation, services);
      expect(reply.kind).toBe('topics');
      slowestAnswerMs = Math.max(slowestAnswerMs, performance.now() - asked);
      answers++;
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  delay.enable();
  const started = performance.now();
  const result = await work();
  const tookMs = performance.now() - started;
  delay.disable();
  running = false;
  await asker;
  return {
    result,
    tookMs,
    answers,
    slowestAnswerMs,
    maxStallMs: delay.max / 1e6,
    rssGrowth: peakRss - rssBefore,
  };
}

describe('GIVEN hostile bodies from a feed server', () => {
  const cases: [name: string, path: string, expectRow: (row: { error?: string; fetched: number }) => void][] =
    [
      [
        'a gzip bomb (200 MB of zeros)',
        '/gzip-bomb.xml',
        (row) => expect(row.error).toMatch(/larger than 5 MB/),
      ],
      [
        'a brotli bomb (200 MB of zeros)',
        '/brotli-bomb.xml',
        (row) => expect(row.error).toMatch(/larger than 5 MB/),
      ],
      [
        'XML nested 200,000 deep',
        '/deep.xml',
        (row) => expect(row.error).toMatch(/nests elements more than 256 deep/),
      ],
      [
        'a 100,000-item feed',
        '/huge.xml',
        (row) => {
          expect(row.error).toBeUndefined();
          expect(row.fetched).toBe(500);
        },
      ],
    ];

  it.each(cases)(
    'THEN %s is cut or refused within the caps, memory stays bounded and commands keep being answered',
    async (_name, path, expectRow) => {
      const h = createHarness();
      try {
        const ingestor = h.ingestor(makeConfig([feed('hostile', server.url(path))]), {
          fetchTimeoutMs: 30_000,
        });
        const run = await whileAnswering(() => ingestor.runOnce());
        const row = run.result.rows[0];
        expect(row).toBeDefined();
        if (row) expectRow(row);
        expect(run.answers).toBeGreaterThan(0);
        expect(run.maxStallMs).toBeLessThan(MAX_STALL_MS);
        expect(run.slowestAnswerMs).toBeLessThan(MAX_STALL_MS);
        expect(run.rssGrowth).toBeLessThan(MAX_RSS_GROWTH);
        // Stored: only what the caps let through.
        const counts = await Promise.resolve(h.articles.countBySource());
        const stored = [...counts.values()].reduce((n, c) => n + c, 0);
        expect(stored).toBe(path === '/huge.xml' ? 500 : 0);
        console.log(
          `${path}: ${run.tookMs.toFixed(0)} ms, longest stall ${run.maxStallMs.toFixed(0)} ms, slowest answer ${run.slowestAnswerMs.toFixed(0)} ms over ${run.answers} answers, RSS +${(run.rssGrowth / MB).toFixed(0)} MB`,
        );
      } finally {
        h.cleanup();
      }
    },
    60_000,
  );
});
