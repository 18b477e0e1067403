// Feed and page sources against a real local HTTP server: every feed format, excerpt-only feeds
// completed from their pages, page extraction, conditional GET, gzip and declared encodings.
import { describe, expect, it } from 'vitest';
import { articleIdForUrl } from '../../../src/ingest/ids.js';
import { feed, makeConfig, page, useIngestBed } from './harness.js';

const bed = useIngestBed({
  '/rss2.xml': { fixture: 'rss2.xml' },
  '/rss1.rdf': { fixture: 'rss1.rdf', contentType: 'application/rdf+xml' },
  '/atom.xml': { fixture: 'atom.atom' },
  '/feed.json': { fixture: 'feed.json' },
  '/excerpt.xml': { fixture: 'excerpt.xml' },
  '/pages/destroyer.html': { fixture: 'destroyer.html' },
  '/pages/index.html': { fixture: 'index.html' },
});

async function stored(url: string) {
  return await bed.h.articles.get(articleIdForUrl(url));
}

describe('feed formats', () => {
  it('GIVEN an RSS 2.0 feed with CDATA HTML, a relative tracking link and no date on one item THEN every item is stored as clean text with a canonical link', async () => {
    const summary = await bed.h.ingestor(makeConfig([feed('harbor', bed.server.url('/rss2.xml'))])).runOnce();
    expect(summary.rows[0]).toMatchObject({ sourceId: 'harbor', fetched: 3, new: 3, failed: 0 });
    const budget = await stored(bed.server.url('/world/japan-budget'));
    expect(budget).toBeDefined();
    expect(budget?.url).toBe(bed.server.url('/world/japan-budget'));
    expect(budget?.outlet).toBe('Harbor Times World');
    expect(budget?.publishedAt).toBe('2025-01-07T03:00:00.000Z');
    expect(budget?.text).not.toMatch(/<p>|TOKYO \(HT\)|Follow the Harbor Times/);
    expect(budget?.points.length).toBeGreaterThan(0);
    expect(budget?.points.join(' ')).toContain('record defense budget');
    const okinawa = await stored(bed.server.url('/world/okinawa-talks'));
    expect(okinawa?.text).toContain('residents & local businesses');
    expect(okinawa?.publishedAt).toBe('2025-01-06T13:15:00.000Z');
    expect((await stored(bed.server.url('/world/ferry-resumes')))?.publishedAt).toBeUndefined();
  });

  it('GIVEN an RSS 1.0 (RDF) feed THEN its items, beside the channel, are read with their dc:date', async () => {
    const summary = await bed.h.ingestor(makeConfig([feed('ledger', bed.server.url('/rss1.rdf'))])).runOnce();
    expect(summary.rows[0]).toMatchObject({ new: 1 });
    const a = await stored(bed.server.url('/ledger/philippines-pact'));
    expect(a?.title).toBe('Japan and the Philippines sign troop access pact');
    expect(a?.publishedAt).toBe('2025-01-05T01:30:00.000Z');
    expect(a?.outlet).toBe('Pacific Ledger');
  });

  it('GIVEN an Atom feed with xml:base, HTML titles and an XHTML summary THEN links resolve against the base and markup becomes text', async () => {
    await bed.h.ingestor(makeConfig([feed('nd', bed.server.url('/atom.xml'))])).runOnce();
    const t = await stored(bed.server.url('/atom/tomahawk-early'));
    expect(t?.title).toBe('Tomahawk missiles to arrive in Japan earlier than planned');
    expect(t?.publishedAt).toBe('2025-01-06T08:00:00.000Z');
    expect((await stored(bed.server.url('/atom/ski-season')))?.text).toContain(
      'Resorts in Hokkaido reported fewer visitors',
    );
  });

  it('GIVEN a JSON Feed with an item without a link THEN both items are stored, the linkless one under a stable id', async () => {
    const ingestor = bed.h.ingestor(makeConfig([feed('meridian', bed.server.url('/feed.json'))]));
    const first = await ingestor.runOnce();
    expect(first.rows[0]).toMatchObject({ fetched: 2, new: 2 });
    expect((await stored(bed.server.url('/meridian/shipbuilding')))?.outlet).toBe('Meridian Post');
    const second = await ingestor.runOnce();
    expect(second.rows[0]).toMatchObject({ new: 0, unchanged: 2 });
  });

  it('GIVEN a feed declared as windows-1252 THEN accented letters and curly quotes survive', async () => {
    bed.server.route('/cp1252.xml', { fixture: 'cp1252.xml', raw: true, contentType: 'application/rss+xml' });
    await bed.h.ingestor(makeConfig([feed('courier', bed.server.url('/cp1252.xml'))])).runOnce();
    const a = await bed.h.articles.get(articleIdForUrl('http://127.0.0.1/courier/cafe'));
    expect(a?.outlet).toBe('Café Courier');
    expect(a?.title).toBe('\u201cQuiet diplomacy\u201d at the café summit');
  });

  it('GIVEN a gzip-compressed feed THEN it is read like a plain one', async () => {
    bed.server.route('/gz.xml', { fixture: 'rss2.xml', gzip: true });
    const summary = await bed.h.ingestor(makeConfig([feed('gz', bed.server.url('/gz.xml'))])).runOnce();
    expect(summary.rows[0]).toMatchObject({ new: 3, failed: 0 });
  });
});

describe('conditional GET', () => {
  it('GIVEN a feed with an ETag WHEN polled again THEN the second request is conditional, answered 304, and nothing changes', async () => {
    bed.server.route('/etag.xml', { fixture: 'rss2.xml', etag: '"v1"' });
    const ingestor = bed.h.ingestor(makeConfig([feed('harbor', bed.server.url('/etag.xml'))]));
    await ingestor.runOnce();
    const second = await ingestor.runOnce();
    expect(second.rows[0]).toMatchObject({ notModified: true, fetched: 0, new: 0 });
    const requests = bed.server.requests.filter((r) => r.path === '/etag.xml');
    expect(requests[1]?.headers['if-none-match']).toBe('"v1"');
    expect(requests[0]?.headers['user-agent']).toBe('newsbrief/0.1 (news briefing bot)');
    expect((await bed.h.articles.countBySource()).get('harbor')).toBe(3);
    expect(await bed.h.sources.get('harbor')).toMatchObject({ etag: '"v1"', consecutiveFailures: 0 });
  });
});

describe('pages', () => {
  it('GIVEN an excerpt-only feed set to fullText THEN each linked page is fetched and its article text stored; a page without an article keeps its excerpt', async () => {
    const summary = await bed.h
      .ingestor(makeConfig([feed('gazette', bed.server.url('/excerpt.xml'), { fullText: true })]))
      .runOnce();
    expect(summary.rows[0]).toMatchObject({ fetched: 2, new: 2, failed: 0 });
    const deal = await stored(bed.server.url('/pages/destroyer.html'));
    expect(deal?.text).toContain('Japan will build eleven frigates for the Australian navy');
    expect(deal?.text).not.toMatch(/Most read|Comment:|Copyright|Home/);
    expect((await stored(bed.server.url('/pages/index.html')))?.text).toBe(
      'A link to a section front with no article on it.',
    );
  });

  it('GIVEN a page source THEN title, outlet and date come from JSON-LD and meta tags, and the canonical link is used', async () => {
    const summary = await bed.h
      .ingestor(makeConfig([page('gazette-page', bed.server.url('/pages/destroyer.html'))]))
      .runOnce();
    expect(summary.rows[0]).toMatchObject({ new: 1, failed: 0 });
    const a = await stored(bed.server.url('/pages/destroyer.html'));
    expect(a).toMatchObject({
      title: 'Japan and Australia agree on a frigate deal',
      outlet: 'The Gazette',
      publishedAt: '2025-01-08T01:00:00.000Z',
    });
    expect(a?.points.join(' ')).toContain('frigates');
  });
});
