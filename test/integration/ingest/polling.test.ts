// start()/stop(): the first pass reads local sources and every due feed, a feed still backing off
// is left alone, and stop() returns once the pass in flight is done.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startNewsServer, type NewsServer } from '../../fakes/news-server.js';
import { createHarness, feed, makeConfig, type Harness } from './harness.js';

let h: Harness;
let server: NewsServer;

beforeEach(async () => {
  h = createHarness();
  server = await startNewsServer({ '/rss2.xml': { fixture: 'rss2.xml' }, '/down.xml': { status: 503 } });
});

afterEach(async () => {
  h.cleanup();
  await server.close();
});

describe('polling', () => {
  it('GIVEN a folder, a due feed and a feed in backoff WHEN started THEN the first two are read, the third is not, and stop() ends cleanly', async () => {
    const dir = path.join(h.dir, 'a');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'note.txt'),
      'Japan defense note\nThe defense ministry in Japan said on Monday that it would open a new base on an island near Taiwan.\n',
    );
    // The failing feed has been tried and is waiting out its backoff.
    await h.sources.recordFailure('down', 'feed', {
      now: h.clock.now,
      error: 'HTTP 503 Service Unavailable',
      nextAttemptAt: new Date(h.clock.now.getTime() + 3_600_000),
    });
    const ingestor = h.ingestor(
      makeConfig([
        { id: 'desk', type: 'dir', path: dir },
        feed('harbor', server.url('/rss2.xml')),
        feed('down', server.url('/down.xml')),
      ]),
    );
    ingestor.start();
    await vi.waitFor(async () => expect((await h.sources.get('harbor'))?.lastSuccessAt).toBeDefined(), {
      timeout: 10_000,
    });
    await vi.waitFor(async () => expect((await h.sources.get('desk'))?.lastSuccessAt).toBeDefined(), {
      timeout: 10_000,
    });
    await ingestor.stop();
    expect(await h.articles.countBySource()).toEqual(
      new Map([
        ['desk', 1],
        ['harbor', 3],
      ]),
    );
    expect(server.requests.some((r) => r.path === '/down.xml')).toBe(false);
    expect((await h.sources.get('down'))?.consecutiveFailures).toBe(1);
  });

  it('GIVEN a feed that hangs WHEN the bot stops THEN the cancelled fetch is not recorded as the source failing', async () => {
    server.route('/slow.xml', { hang: true });
    const ingestor = h.ingestor(makeConfig([feed('slow', server.url('/slow.xml'))]), {
      fetchTimeoutMs: 60_000,
    });
    ingestor.start();
    await vi.waitFor(() => expect(server.requests.some((r) => r.path === '/slow.xml')).toBe(true), {
      timeout: 5_000,
    });
    await ingestor.stop();
    const state = await h.sources.get('slow');
    expect(state?.lastError).toBeUndefined();
    expect(state?.consecutiveFailures ?? 0).toBe(0);
  }, 15_000);
});
