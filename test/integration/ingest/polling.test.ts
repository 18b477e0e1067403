// start()/stop(): the first pass reads local sources and every due feed, a feed still backing off
// is left alone, and stop() returns once the pass in flight is done.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { feed, makeConfig, useIngestBed } from './harness.js';

const bed = useIngestBed({ '/rss2.xml': { fixture: 'rss2.xml' }, '/down.xml': { status: 503 } });

describe('polling', () => {
  it('GIVEN a folder, a due feed and a feed in backoff WHEN started THEN the first two are read, the third is not, and stop() ends cleanly', async () => {
    const dir = path.join(bed.h.dir, 'a');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'note.txt'),
      'Japan defense note\nThe defense ministry in Japan said on Monday that it would open a new base on an island near Taiwan.\n',
    );
    // The failing feed has been tried and is waiting out its backoff.
    await bed.h.sources.recordFailure('down', 'feed', {
      now: bed.h.clock.now,
      error: 'HTTP 503 Service Unavailable',
      nextAttemptAt: new Date(bed.h.clock.now.getTime() + 3_600_000),
    });
    const ingestor = bed.h.ingestor(
      makeConfig([
        { id: 'desk', type: 'dir', path: dir },
        feed('harbor', bed.server.url('/rss2.xml')),
        feed('down', bed.server.url('/down.xml')),
      ]),
    );
    ingestor.start();
    await vi.waitFor(async () => expect((await bed.h.sources.get('harbor'))?.lastSuccessAt).toBeDefined(), {
      timeout: 10_000,
    });
    await vi.waitFor(async () => expect((await bed.h.sources.get('desk'))?.lastSuccessAt).toBeDefined(), {
      timeout: 10_000,
    });
    await ingestor.stop();
    expect(await bed.h.articles.countBySource()).toEqual(
      new Map([
        ['desk', 1],
        ['harbor', 3],
      ]),
    );
    expect(bed.server.requests.some((r) => r.path === '/down.xml')).toBe(false);
    expect((await bed.h.sources.get('down'))?.consecutiveFailures).toBe(1);
  });

  it('GIVEN a feed that hangs WHEN the bot stops THEN the cancelled fetch is not recorded as the source failing', async () => {
    bed.server.route('/slow.xml', { hang: true });
    const ingestor = bed.h.ingestor(makeConfig([feed('slow', bed.server.url('/slow.xml'))]), {
      fetchTimeoutMs: 60_000,
    });
    ingestor.start();
    await vi.waitFor(() => expect(bed.server.requests.some((r) => r.path === '/slow.xml')).toBe(true), {
      timeout: 5_000,
    });
    await ingestor.stop();
    const state = await bed.h.sources.get('slow');
    expect(state?.lastError).toBeUndefined();
    expect(state?.consecutiveFailures ?? 0).toBe(0);
  }, 15_000);
});
