import { describe, expect, it } from 'vitest';
import { parseFeed, parseFeedAsync } from '../../../src/ingest/feed/parse.js';
import { MAX_ITEMS_PER_FEED } from '../../../src/ingest/feed/xml.js';

const BASE = 'https://example.org/feeds/world.xml';

function items(text: string) {
  const r = parseFeed(text, BASE);
  if (!r.ok) throw new Error(r.error);
  return r.value.items;
}

describe('feeds: names matched by namespace, not by prefix', () => {
  it('GIVEN RSS 1.0 written with an rss: prefix for its own namespace THEN its items are read', () => {
    const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/" xmlns:cnt="http://purl.org/rss/1.0/modules/content/" xmlns:d="http://purl.org/dc/elements/1.1/">
  <rss:channel rdf:about="https://example.org/"><rss:title>Prefixed Wire</rss:title></rss:channel>
  <rss:item rdf:about="https://example.org/a"><rss:title>Port reopens</rss:title><rss:link>https://example.org/a</rss:link>
    <cnt:encoded><![CDATA[<p>The port reopened on Monday.</p>]]></cnt:encoded><d:date>2026-03-01T10:00:00Z</d:date><d:creator>Kim Example</d:creator></rss:item>
</rdf:RDF>`;
    const r = parseFeed(rdf, BASE);
    expect(r.ok && r.value).toMatchObject({ format: 'rss1', title: 'Prefixed Wire' });
    expect(items(rdf)).toEqual([
      {
        url: 'https://example.org/a',
        guid: 'https://example.org/a',
        title: 'Port reopens',
        author: 'Kim Example',
        publishedAt: '2026-03-01T10:00:00.000Z',
        text: 'The port reopened on Monday.',
        excerptOnly: false,
      },
    ]);
  });

  it('GIVEN an RSS 2.0 document whose root and elements carry an r: prefix THEN it is read like plain RSS', () => {
    const rss = `<r:rss xmlns:r="http://backend.userland.com/rss2" version="2.0"><r:channel><r:title>R Wire</r:title>
<r:item><r:title>Bridge opens</r:title><r:link>/b</r:link><r:description>Cars crossed at dawn.</r:description></r:item></r:channel></r:rss>`;
    expect(items(rss).map((i) => [i.title, i.url, i.text])).toEqual([
      ['Bridge opens', 'https://example.org/b', 'Cars crossed at dawn.'],
    ]);
  });

  it('GIVEN an Atom feed with an a: prefix THEN its entries are read', () => {
    const atom = `<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>A Wire</a:title><a:entry><a:id>urn:1</a:id><a:title>Ferry resumes</a:title><a:link href="https://example.org/f"/><a:updated>2026-03-02T00:00:00Z</a:updated></a:entry></a:feed>`;
    expect(items(atom).map((i) => [i.title, i.url, i.publishedAt])).toEqual([
      ['Ferry resumes', 'https://example.org/f', '2026-03-02T00:00:00.000Z'],
    ]);
  });

  it('GIVEN an element of another namespace that happens to use the prefix "content" THEN it is not taken for content:encoded', () => {
    const rss = `<rss xmlns:content="http://example.org/not-the-content-module/"><channel><item><title>T</title><description>The excerpt.</description><content:encoded>Not the body</content:encoded></item></channel></rss>`;
    expect(items(rss)[0]).toMatchObject({ text: 'The excerpt.', excerptOnly: true });
  });

  it('GIVEN a podcast item with only itunes:title THEN that is its title', () => {
    const rss = `<rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><item><itunes:title>Episode 12: the harbour</itunes:title><guid>e12</guid><description>Notes.</description></item></channel></rss>`;
    expect(items(rss)[0]?.title).toBe('Episode 12: the harbour');
  });
});

describe('feeds: Atom links', () => {
  const entry = (links: string) =>
    `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:x</id><title>T</title>${links}</entry></feed>`;

  it('GIVEN an entry whose only link is rel=related THEN it still gets that link', () => {
    expect(items(entry('<link rel="related" href="https://example.org/r"/>'))[0]?.url).toBe(
      'https://example.org/r',
    );
  });

  it('GIVEN an explicit rel=alternate type=text/html after an unlabelled link THEN the explicit one wins', () => {
    const links =
      '<link href="https://example.org/plain"/><link rel="alternate" type="text/html" href="https://example.org/html"/>';
    expect(items(entry(links))[0]?.url).toBe('https://example.org/html');
  });

  it('GIVEN a self link and an alternate THEN the alternate, not the feed entry itself', () => {
    const links =
      '<link rel="self" href="https://example.org/self.xml"/><link rel="alternate" href="https://example.org/page"/>';
    expect(items(entry(links))[0]?.url).toBe('https://example.org/page');
  });
});

describe('feeds: hostile sizes', () => {
  it('GIVEN XML nested thousands deep THEN it is refused quickly with the reason, synchronously and in slices', async () => {
    const deep = `<rss><channel><item><description>${'<x>'.repeat(50_000)}${'</x>'.repeat(50_000)}</description></item></channel></rss>`;
    const sync = parseFeed(deep, BASE);
    expect(sync).toEqual({ ok: false, error: 'the document nests elements more than 256 deep' });
    expect(await parseFeedAsync(deep, BASE)).toEqual(sync);
  });

  it('GIVEN a parse that overruns its time budget THEN the feed is refused, not waited for', async () => {
    const big = `<rss><channel>${'<item><title>t</title></item>'.repeat(40_000)}</channel></rss>`;
    const r = await parseFeedAsync(big, BASE, { budgetMs: 0 });
    expect(r).toEqual({ ok: false, error: 'the document took more than 0 s to parse; it was given up' });
  });

  it('GIVEN a feed of 2,000 items THEN only the newest are read, by date, whatever their order in the feed', () => {
    const n = 2_000;
    const day = (k: number) => new Date(Date.UTC(2026, 0, 1) + k * 3_600_000).toUTCString();
    // Oldest first: the reader must pick the newest by date, not the first in the document.
    const xml = `<rss><channel>${Array.from({ length: n }, (_, k) => `<item><title>Item ${k}</title><guid>g${k}</guid><pubDate>${day(k)}</pubDate></item>`).join('')}</channel></rss>`;
    const r = parseFeed(xml, BASE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.items).toHaveLength(MAX_ITEMS_PER_FEED);
    expect(r.value.omitted).toBe(n - MAX_ITEMS_PER_FEED);
    const kept = r.value.items.map((i) => Number(i.title?.split(' ')[1]));
    expect(Math.min(...kept)).toBe(n - MAX_ITEMS_PER_FEED);
    expect(Math.max(...kept)).toBe(n - 1);
  });
});
