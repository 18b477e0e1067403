// Feed parsing and HTML extraction for any document a server could send: never a throw (a bad
// document is a reason in words), the item cap holds, the sliced parser ingestion uses agrees
// with the one-go parser, and the same document gives the same result every time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFeed, parseFeedAsync } from '../../src/ingest/feed/parse.js';
import { extractPage, MAX_PAGE_CHARS } from '../../src/ingest/page/extract.js';
import { stripControl } from '../../src/core/text/control.js';
import { hostileText, runs } from './arbitraries.js';

const FEED_URL = 'https://feeds.example/world.xml';
/** xml.ts reads only the newest items of a feed. */
const MAX_ITEMS = 500;

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const XML_PIECES = [
  '<?xml version="1.0"?>',
  '<rss version="2.0">',
  '</rss>',
  '<channel>',
  '</channel>',
  '<item>',
  '</item>',
  '<title>',
  '</title>',
  '<link>',
  '</link>',
  '<description>',
  '</description>',
  '<![CDATA[',
  ']]>',
  '<feed xmlns="http://www.w3.org/2005/Atom">',
  '</feed>',
  '<entry>',
  '</entry>',
  '<link href="',
  '"/>',
  '&amp;',
  '&#0;',
  '&#x1F600;',
  '&bogus;',
  '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
  '&a;',
  '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
  '{"version":"https://jsonfeed.org/version/1.1","items":[',
  ']}',
  '<a:b xmlns:a="urn:x">',
  '<',
  '>',
  '/',
];

const xmlNoise = fc
  .array(fc.oneof(fc.constantFrom(...XML_PIECES), hostileText(2)), { maxLength: 40 })
  .map((parts) => parts.join(''));

const item = fc.record({
  title: hostileText(4),
  description: hostileText(6),
  cdata: fc.boolean(),
  date: fc.option(
    fc.date({ noInvalidDate: true, min: new Date('1970-01-01'), max: new Date('2100-01-01') }),
    { nil: undefined },
  ),
});

/** A well-formed RSS 2.0 or Atom document whose text is anything (escaped as XML requires). */
const wellFormedFeed = fc
  .tuple(fc.constantFrom('rss' as const, 'atom' as const), hostileText(3), fc.array(item, { maxLength: 25 }))
  .map(([format, title, items]) => {
    // XML 1.0 cannot carry most control characters at all; a feed that has them is malformed.
    const text = (s: string, cdata: boolean) =>
      cdata ? `<![CDATA[${stripControl(s).replace(/]]>/g, ']] >')}]]>` : xmlEscape(stripControl(s));
    const entries = items.map((it, i) =>
      format === 'rss'
        ? `<item><title>${text(it.title, it.cdata)}</title><link>https://news.example/${i}</link><description>${text(it.description, it.cdata)}</description>${it.date ? `<pubDate>${it.date.toUTCString()}</pubDate>` : ''}</item>`
        : `<entry><title>${text(it.title, false)}</title><link href="https://news.example/${i}"/><id>urn:x:${i}</id><summary>${text(it.description, it.cdata)}</summary>${it.date ? `<updated>${it.date.toISOString()}</updated>` : ''}</entry>`,
    );
    const doc =
      format === 'rss'
        ? `<?xml version="1.0"?><rss version="2.0"><channel><title>${text(title, false)}</title>${entries.join('')}</channel></rss>`
        : `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${text(title, false)}</title>${entries.join('')}</feed>`;
    return { doc, count: items.length };
  });

describe('GIVEN any text served as a feed', () => {
  it('THEN it is a feed within the item cap or a reason in words; never a throw; both parsers agree; stable', async () => {
    await fc.assert(
      fc.asyncProperty(xmlNoise, async (text) => {
        const result = parseFeed(text, FEED_URL);
        if (result.ok) expect(result.value.items.length).toBeLessThanOrEqual(MAX_ITEMS);
        else expect(result.error).toMatch(/\w/);
        expect(JSON.stringify(parseFeed(text, FEED_URL))).toBe(JSON.stringify(result));
        expect(JSON.stringify(await parseFeedAsync(text, FEED_URL))).toBe(JSON.stringify(result));
      }),
      runs(300),
    );
  });
});

describe('GIVEN a well-formed RSS or Atom feed whose titles and texts are anything', () => {
  it('THEN every item is read, each with its link and plain text', () => {
    fc.assert(
      fc.property(wellFormedFeed, ({ doc, count }) => {
        const result = parseFeed(doc, FEED_URL);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.value.items).toHaveLength(count);
        result.value.items.forEach((it) => {
          expect(it.url).toMatch(/^https:\/\/news\.example\/\d+$/);
          expect(typeof it.text).toBe('string');
          expect(it.publishedAt === undefined || !Number.isNaN(Date.parse(it.publishedAt))).toBe(true);
        });
      }),
      runs(200),
    );
  });
});

const HTML_PIECES = [
  '<html>',
  '<head>',
  '<title>',
  '</title>',
  '</head>',
  '<body>',
  '</body>',
  '<article>',
  '</article>',
  '<p>',
  '</p>',
  '<h1>',
  '</h1>',
  '<div class="paywall">',
  '</div>',
  '<script>',
  '</script>',
  '<style>',
  '</style>',
  '<!--',
  '-->',
  '<meta property="og:title" content="',
  '<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"',
  '"}</script>',
  '<svg>',
  '</svg>',
  '<nav>',
  '</nav>',
  '<a href="https://x.example/">',
  '</a>',
  '<li>',
  '<table><tr><td>',
  '<br>',
  '&nbsp;',
  '<',
  '>',
];

const sentence = fc
  .array(
    fc.constantFrom(
      'Japan',
      'said',
      'the',
      'defense',
      'budget',
      'would',
      'rise',
      'sharply',
      'next',
      'year',
      'officials',
    ),
    { minLength: 8, maxLength: 20 },
  )
  .map((w) => `${w.join(' ')}.`);

const htmlPage = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...HTML_PIECES) },
      { weight: 2, arbitrary: sentence },
      { weight: 2, arbitrary: hostileText(2) },
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('GIVEN any HTML served as an article page', () => {
  it('THEN it is an article with text or a reason there is none; never a throw; stable', () => {
    fc.assert(
      fc.property(htmlPage, (html) => {
        const result = extractPage(html, 'https://news.example/story');
        if (result.ok) {
          expect(result.value.text.trim().length).toBeGreaterThan(0);
          expect(result.value.text.length).toBeLessThanOrEqual(MAX_PAGE_CHARS);
        } else expect(result.error.reason).toMatch(/\w/);
        expect(JSON.stringify(extractPage(html, 'https://news.example/story'))).toBe(JSON.stringify(result));
      }),
      runs(80),
    );
  });
});
