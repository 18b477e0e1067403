// Every fault the issue lists, each next to a healthy source and after the faulty source has
// already stored articles: the fault is recorded with a clear reason and a backoff, the healthy
// source is ingested, and nothing already stored is lost.
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/load.js';
import { startNewsServer, type Route } from '../../fakes/news-server.js';
import { allArticles, feed, makeConfig, page, useIngestBed } from './harness.js';

const bed = useIngestBed({ '/good.xml': { fixture: 'rss2.xml' }, '/bad': { fixture: 'feed.json' } });

const FAULTS: [name: string, route: Route, error: RegExp][] = [
  ['a timeout', { hang: true }, /timed out after 3s/],
  ['HTTP 404', { status: 404, body: 'gone' }, /HTTP 404 Not Found/],
  ['HTTP 403', { status: 403, body: 'blocked' }, /HTTP 403 Forbidden/],
  ['HTTP 429', { status: 429, body: 'slow down' }, /HTTP 429 Too Many Requests/],
  ['HTTP 500', { status: 500, body: 'oops' }, /HTTP 500 Internal Server Error/],
  ['a redirect loop', { redirectTo: '/loop' }, /redirect loop/],
  [
    'malformed XML',
    { body: '<?xml version="1.0"?><rs s><chanel><itm>broken & <<', contentType: 'application/xml' },
    /not an RSS, Atom or JSON feed/,
  ],
  ['an HTML page instead of a feed', { fixture: 'index.html' }, /HTML page, not a feed/],
  ['an empty body', { body: '', contentType: 'application/rss+xml' }, /the response is empty/],
  ['a 50 MB body', { streamBytes: 50 * 1024 * 1024 }, /larger than 5 MB/],
  ['broken JSON', { body: '{"items": [', contentType: 'application/feed+json' }, /not valid JSON/],
];

describe('a faulty feed', () => {
  it.each(FAULTS)(
    'GIVEN %s THEN the source records why and backs off, the other source is read, and stored articles stay',
    async (_name, route, error) => {
      bed.server.route('/loop', { redirectTo: '/bad' });
      const config = makeConfig([
        feed('good', bed.server.url('/good.xml')),
        feed('bad', bed.server.url('/bad')),
      ]);
      const ingestor = bed.h.ingestor(config, { fetchTimeoutMs: 3000 });
      const first = await ingestor.runOnce();
      expect(first.rows.map((r) => r.new)).toEqual([3, 2]);

      bed.server.route('/bad', route);
      bed.h.clock.now = new Date(bed.h.clock.now.getTime() + 20 * 60_000);
      const second = await ingestor.runOnce();

      const bad = second.rows.find((r) => r.sourceId === 'bad');
      expect(bad?.error).toMatch(error);
      const good = second.rows.find((r) => r.sourceId === 'good');
      expect(good).toMatchObject({ unchanged: 3, failed: 0 });
      expect(good?.error).toBeUndefined();
      expect(await bed.h.articles.countBySource()).toEqual(
        new Map([
          ['good', 3],
          ['bad', 2],
        ]),
      );
      const status = (await bed.h.sources.list([{ id: 'bad', type: 'feed' }]))[0];
      expect(status).toMatchObject({ consecutiveFailures: 1, articleCount: 2 });
      expect(status?.lastError).toMatch(error);
      expect(status?.nextAttemptAt).toBe(new Date(bed.h.clock.now.getTime() + 15 * 60_000).toISOString());
    },
  );

  it('GIVEN a 50 MB body THEN the client stops reading near the cap instead of downloading it all', async () => {
    bed.server.route('/huge', { streamBytes: 50 * 1024 * 1024 });
    const summary = await bed.h.ingestor(makeConfig([feed('huge', bed.server.url('/huge'))])).runOnce();
    expect(summary.rows[0]?.error).toMatch(/larger than 5 MB/);
    expect(bed.server.streamedBytes).toBeLessThan(20 * 1024 * 1024);
  });

  it('GIVEN a 429 with Retry-After longer than the backoff THEN the next attempt waits for Retry-After', async () => {
    bed.server.route('/bad', { status: 429, headers: { 'retry-after': '7200' } });
    await bed.h.ingestor(makeConfig([feed('bad', bed.server.url('/bad'))])).runOnce();
    expect((await bed.h.sources.get('bad'))?.nextAttemptAt).toBe(
      new Date(bed.h.clock.now.getTime() + 7200_000).toISOString(),
    );
  });

  it('GIVEN repeated failures THEN the wait doubles and polling skips the source until its next attempt', async () => {
    bed.server.route('/bad', { status: 500 });
    const ingestor = bed.h.ingestor(makeConfig([feed('bad', bed.server.url('/bad'))]));
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await ingestor.runOnce();
      const next = Date.parse((await bed.h.sources.get('bad'))?.nextAttemptAt ?? '');
      waits.push((next - bed.h.clock.now.getTime()) / 60_000);
      bed.h.clock.now = new Date(next);
    }
    expect(waits).toEqual([15, 30, 60]);

    // The clock now stands at the fourth attempt's time; one more failure puts it 120 minutes out.
    await ingestor.runOnce({ onlyDue: true });
    const retryAt = Date.parse((await bed.h.sources.get('bad'))?.nextAttemptAt ?? '');
    expect((retryAt - bed.h.clock.now.getTime()) / 60_000).toBe(120);
    bed.server.route('/bad', { fixture: 'feed.json' });
    const before = bed.server.requests.length;
    bed.h.clock.now = new Date(retryAt - 1_000);
    expect((await ingestor.runOnce({ onlyDue: true })).rows).toEqual([]);
    expect(bed.server.requests.length).toBe(before);
    bed.h.clock.now = new Date(retryAt);
    const recovered = await ingestor.runOnce({ onlyDue: true });
    expect(recovered.rows[0]).toMatchObject({ sourceId: 'bad', new: 2 });
    expect(await bed.h.sources.get('bad')).toMatchObject({ consecutiveFailures: 0, lastError: undefined });
  });

  it('GIVEN an item without link, title or date, and one with nothing at all THEN the first is stored and the second is counted as failed', async () => {
    bed.server.route('/odd.xml', {
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Odd Feed</title>
        <item><description>Japan's coast guard said on Tuesday that it had rescued twelve fishermen whose boat sank in a storm off the northern coast.</description></item>
        <item></item>
      </channel></rss>`,
      contentType: 'application/rss+xml',
    });
    const summary = await bed.h.ingestor(makeConfig([feed('odd', bed.server.url('/odd.xml'))])).runOnce();
    expect(summary.rows[0]).toMatchObject({ fetched: 2, new: 1, failed: 1 });
    expect(summary.rows[0]?.error).toMatch(/no link, id, title or text/);
    const [article] = (await bed.h.articles.forTopic('japan-defense', 10)).length
      ? await bed.h.articles.forTopic('japan-defense', 10)
      : await allArticles(bed.h.articles);
    expect(article?.title).toMatch(/^Japan's coast guard said on Tuesday/);
    expect(article?.publishedAt).toBeUndefined();
  });
});

describe('other faulty sources', () => {
  it('GIVEN a page with no extractable article THEN the page source fails with that reason', async () => {
    bed.server.route('/index.html', { fixture: 'index.html' });
    const summary = await bed.h
      .ingestor(
        makeConfig([page('front', bed.server.url('/index.html')), feed('good', bed.server.url('/good.xml'))]),
      )
      .runOnce();
    expect(summary.rows[0]?.error).toMatch(/no article stored: the page is an index of links/);
    expect(summary.rows[1]).toMatchObject({ new: 3 });
  });

  it('GIVEN a source URL nobody answers on THEN it fails with "connection refused" and the rest go on', async () => {
    const closed = await startNewsServer();
    await closed.close();
    const summary = await bed.h
      .ingestor(
        makeConfig([feed('nowhere', closed.url('/feed.xml')), feed('good', bed.server.url('/good.xml'))]),
      )
      .runOnce();
    expect(summary.rows[0]?.error).toMatch(/connection refused/);
    expect(summary.rows[1]).toMatchObject({ new: 3 });
  });

  it('GIVEN a config source whose url is not a web address THEN the config is refused naming the source', () => {
    const result = parseConfigText('sources:\n  - id: x\n    type: feed\n    url: "ftp//nope"\n', 'bad.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.join('\n')).toMatch(/sources\[0\]\.url: must be an http\(s\) URL/);
  });

  it('GIVEN a missing local file THEN the file source fails with "no such file" and a feed still works', async () => {
    const summary = await bed.h
      .ingestor(
        makeConfig([
          { id: 'gone', type: 'file', path: `${bed.h.dir}/missing.txt` },
          feed('good', bed.server.url('/good.xml')),
        ]),
      )
      .runOnce();
    expect(summary.rows[0]?.error).toMatch(/no such file/);
    expect(summary.rows[1]).toMatchObject({ new: 3 });
  });
});
