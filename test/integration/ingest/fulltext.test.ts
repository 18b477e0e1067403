// fullText feeds: the text read from each linked page is what is stored, and it stays stored when
// the feed changes. A page already stored is not fetched again, so the next poll only has the
// feed's excerpt for it; that excerpt must never replace the page's text.
import { describe, expect, it } from 'vitest';
import { articleIdForUrl } from '../../../src/ingest/ids.js';
import { feed, makeConfig, useIngestBed } from './harness.js';

const item = (title: string, link: string, excerpt: string) =>
  `<item><title>${title}</title><link>{{base}}${link}</link><description>${excerpt}</description></item>`;
const rss = (...items: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette Excerpts</title>${items.join('')}</channel></rss>`;
const DEAL = item(
  'Destroyer deal',
  '/pages/destroyer.html',
  'Japan and Australia agree on a frigate deal... Read more',
);
const SECOND = item('Another story', '/pages/index.html', 'A second story on another page... Read more');

const bed = useIngestBed({
  '/gazette.xml': { body: rss(DEAL), contentType: 'application/rss+xml' },
  '/pages/destroyer.html': { fixture: 'destroyer.html' },
  '/pages/index.html': { fixture: 'index.html' },
});

const stored = async (path: string) => bed.h.articles.get(articleIdForUrl(bed.server.url(path)));

describe('GIVEN a fullText feed whose first article was stored from its page', () => {
  it('WHEN a second item is added THEN the first keeps its full text (not the excerpt) and is not counted updated', async () => {
    const config = makeConfig([feed('gazette', bed.server.url('/gazette.xml'), { fullText: true })]);
    const ingestor = bed.h.ingestor(config);
    await ingestor.runOnce();
    const before = await stored('/pages/destroyer.html');
    expect(before?.text).toContain('Japan will build eleven frigates for the Australian navy');

    bed.server.route('/gazette.xml', { body: rss(SECOND, DEAL), contentType: 'application/rss+xml' });
    bed.h.clock.now = new Date(bed.h.clock.now.getTime() + 20 * 60_000);
    const second = await ingestor.runOnce();

    expect(second.rows[0]).toMatchObject({ new: 1, updated: 0, unchanged: 1, failed: 0 });
    const after = await stored('/pages/destroyer.html');
    expect(after?.text).toBe(before?.text);
    expect(after?.points).toEqual(before?.points);
    // The page stored the first time was not fetched again.
    expect(bed.server.requests.filter((r) => r.path === '/pages/destroyer.html')).toHaveLength(1);
  });
});
