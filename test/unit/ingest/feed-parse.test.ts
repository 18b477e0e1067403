import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../../src/ingest/feed/dates.js';
import { parseFeed } from '../../../src/ingest/feed/parse.js';

const BASE = 'https://example.org/feeds/world.xml';

describe('parseFeed', () => {
  it('GIVEN RSS 2.0 with an unescaped ampersand and an unclosed item THEN it is read leniently', () => {
    const result = parseFeed(
      '<rss><channel><title>Tom & Jerry News</title><item><title>One</title><link>/a</link><description>First item text.</description></item><item><title>Two',
      BASE,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.title).toBe('Tom & Jerry News');
    expect(result.value.items.map((i) => [i.title, i.url])).toEqual([
      ['One', 'https://example.org/a'],
      ['Two', undefined],
    ]);
  });

  it('GIVEN a guid that is a permalink and no link THEN the guid is the link', () => {
    const result = parseFeed(
      '<rss><channel><item><guid>https://example.org/p/1</guid><title>T</title></item></channel></rss>',
      BASE,
    );
    expect(result.ok && result.value.items[0]?.url).toBe('https://example.org/p/1');
  });

  it('GIVEN a description with HTML, entities and a script THEN the text is plain paragraphs', () => {
    const result = parseFeed(
      '<rss><channel><item><title>T</title><description><![CDATA[<p>First&nbsp;paragraph &amp; more.</p><script>alert(1)</script><p>Second <b>bold</b> one.</p>]]></description></item></channel></rss>',
      BASE,
    );
    expect(result.ok && result.value.items[0]?.text).toBe('First paragraph & more.\nSecond bold one.');
  });

  it.each([
    ['', /empty/],
    ['   \n ', /empty/],
    ['<!DOCTYPE html><html><body>Hello</body></html>', /HTML page, not a feed/],
    ['<note><to>x</to></note>', /not an RSS, Atom or JSON feed/],
    ['{"title": "no items"}', /not a JSON Feed/],
    ['{"items": [', /not valid JSON/],
  ])('GIVEN %j THEN the reason is %s', (text, reason) => {
    const result = parseFeed(text, BASE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(reason);
  });
});

describe('parseFeedDate', () => {
  it.each([
    ['Tue, 07 Jan 2025 03:00:00 GMT', '2025-01-07T03:00:00.000Z'],
    ['Mon, 06 Jan 2025 22:15:00 +0900', '2025-01-06T13:15:00.000Z'],
    ['Thu, 07 Jan 2025 03:00:00 GMT', '2025-01-07T03:00:00.000Z'],
    ['07 Jan 2025 03:00 UT', '2025-01-07T03:00:00.000Z'],
    ['2025-01-07 03:00:00', '2025-01-07T03:00:00.000Z'],
    ['2025-01-07T12:00:00+09:00', '2025-01-07T03:00:00.000Z'],
    ['Tue, 07 Jan 2025 03:00:00 +0000 (UTC)', '2025-01-07T03:00:00.000Z'],
  ])('GIVEN %s THEN it reads as %s', (text, iso) => {
    expect(parseFeedDate(text)).toBe(iso);
  });

  it.each(['', 'yesterday', '0001-01-01T00:00:00Z', 'not a date 2025'])(
    'GIVEN %j THEN there is no date',
    (text) => {
      expect(parseFeedDate(text)).toBeUndefined();
    },
  );
});
