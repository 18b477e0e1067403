import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../src/ingest/page/extract.js';
import { cleanTitle } from '../../../src/ingest/page/title.js';
import { p, page, paragraphs } from './page-fixtures.js';

const URL_ = 'https://www.gazette.example/2026/harbour-works';
const body = `<article>${p(paragraphs(0, 5))}</article>`;

function facts(head: string, bodyHtml = body, htmlAttrs = ' lang="en"') {
  const html = page(bodyHtml, head).replace('<html lang="en">', `<html${htmlAttrs}>`);
  const r = extractPage(html, URL_);
  return r.ok ? r.value : r.error.metadata;
}

describe('headline without the site name', () => {
  it.each([
    ['Harbour works begin | The Gazette', { siteName: 'The Gazette' }, 'Harbour works begin'],
    ['The Gazette - Harbour works begin', { siteName: 'The Gazette' }, 'Harbour works begin'],
    ['Harbour works begin – gazette.example', { host: 'gazette.example' }, 'Harbour works begin'],
    ['Harbour works begin on the northern pier » Gazette', {}, 'Harbour works begin on the northern pier'],
    ['Quake hits Osaka - Local News - Gazette', { headings: ['Quake hits Osaka'] }, 'Quake hits Osaka'],
    // A dash inside a headline is not a site suffix.
    ['Japan - a year on', {}, 'Japan - a year on'],
    [
      'Biden and Kishida: what they agreed',
      { siteName: 'The Gazette' },
      'Biden and Kishida: what they agreed',
    ],
  ])('GIVEN %j THEN %j', (raw, context, want) => {
    expect(cleanTitle(raw, context)).toBe(want);
  });

  it('GIVEN a page whose <title> carries the site name from og:site_name THEN the headline is read without it', () => {
    const got = facts(
      '<title>Harbour works begin | Gazette Online</title><meta property="og:site_name" content="Gazette Online">',
    );
    expect(got.title).toBe('Harbour works begin');
    expect(got.siteName).toBe('Gazette Online');
  });

  it('GIVEN JSON-LD whose headline describes something else (a list article label) THEN the page title wins', () => {
    const got = facts(
      '<title>List of harbour works - Wiki</title><script type="application/ld+json">{"@type":"Article","headline":"Wikimedia list article"}</script>',
    );
    expect(got.title).toBe('List of harbour works');
  });
});

describe('publication time, author, canonical URL and language from each source', () => {
  it('GIVEN JSON-LD THEN its datePublished, author and publisher are read', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', name: 'x' },
        {
          '@type': 'NewsArticle',
          headline: 'Harbour works begin',
          datePublished: '2026-03-02T09:30:00+09:00',
          author: [{ '@type': 'Person', name: 'Kim Example' }, { name: 'Lee Sample' }],
          publisher: { name: 'The Gazette' },
        },
      ],
    };
    expect(
      facts(`<title>x</title><script type="application/ld+json">${JSON.stringify(ld)}</script>`),
    ).toMatchObject({
      publishedAt: '2026-03-02T00:30:00.000Z',
      byline: 'Kim Example, Lee Sample',
      siteName: 'The Gazette',
    });
  });

  it('GIVEN article:published_time and a meta author THEN they are read', () => {
    expect(
      facts(
        '<meta property="article:published_time" content="2026-03-01T12:00:00Z"><meta name="author" content="By Kim Example">',
      ),
    ).toMatchObject({
      publishedAt: '2026-03-01T12:00:00.000Z',
      byline: 'Kim Example',
    });
  });

  it('GIVEN only a <time datetime> in the article and a rel=author link THEN they are read', () => {
    const withTime = `<article><p class="meta">By <a rel="author" href="/kim">Kim Example</a>, <time datetime="2026-02-27T08:00:00Z">27 February</time></p>${p(paragraphs(0, 5))}</article>`;
    expect(facts('<title>Harbour works</title>', withTime)).toMatchObject({
      publishedAt: '2026-02-27T08:00:00.000Z',
      byline: 'Kim Example',
    });
  });

  it('GIVEN an itemprop author and a Dublin Core date THEN they are read; an author that is a URL is not a name', () => {
    const got = facts(
      '<meta name="dc.date" content="2026-01-15"><meta property="article:author" content="https://facebook.example/kim">',
      `<article><span itemprop="author" itemscope><span itemprop="name">Lee Sample</span></span>${p(paragraphs(0, 5))}</article>`,
    );
    expect(got).toMatchObject({ publishedAt: '2026-01-15T00:00:00.000Z', byline: 'Lee Sample' });
  });

  it('GIVEN a canonical link and <html lang> THEN both are read; without lang, Content-Language or og:locale serve', () => {
    expect(facts('<link rel="canonical" href="/2026/harbour-works?amp=0">')).toMatchObject({
      canonical: 'https://www.gazette.example/2026/harbour-works?amp=0',
      lang: 'en',
    });
    expect(facts('<meta http-equiv="Content-Language" content="ja">', body, '').lang).toBe('ja');
    expect(facts('<meta property="og:locale" content="pt_BR">', body, '').lang).toBe('pt-BR');
  });
});
