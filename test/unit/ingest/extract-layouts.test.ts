import { describe, expect, it } from 'vitest';
import { extractArticle, extractPage } from '../../../src/ingest/page/extract.js';
import { isBoilerplateToken } from '../../../src/ingest/page/clean.js';
import { p, page, paragraph, paragraphs } from './page-fixtures.js';

const URL_ = 'https://gazette.example/2026/harbour-works';

function textOf(html: string): string {
  const r = extractPage(html, URL_);
  if (!r.ok) throw new Error(`refused: ${r.error.reason}`);
  return r.value.text;
}

const story = paragraphs(0, 6);

describe('extraction: layouts that once lost the article', () => {
  it('GIVEN a story written in <div>s and <br> runs, no <p> THEN every paragraph is read, one per line', () => {
    const body = `<div class="story">${story
      .slice(0, 3)
      .map((t) => `<div>${t}</div>`)
      .join('')}<div>${story[3]}<br><br>${story[4]}<br>${story[5]}</div></div>
<aside class="sidebar"><h3>Most read</h3><a href="/x">Another story entirely</a></aside>`;
    const lines = textOf(page(body)).split('\n');
    expect(lines).toEqual(story);
  });

  it('GIVEN wrappers whose class merely contains "ad", "sidebar" or "subscribe" inside another word THEN the story in them is kept', () => {
    const body = `<div class="non-ad-column"><div class="penci_sidebar"><div class="subscriber-content">${p(story)}</div></div></div>
<div class="ad-slot"><p>Advertisement: buy the new phone today, with free delivery and a case.</p></div>`;
    const text = textOf(page(body));
    expect(text.split('\n')).toEqual(story);
    expect(isBoilerplateToken('non-ad-column')).toBe(false);
    expect(isBoilerplateToken('penci_sidebar')).toBe(false);
    expect(isBoilerplateToken('ad-slot')).toBe(true);
    expect(isBoilerplateToken('relatedArticles')).toBe(true);
    expect(isBoilerplateToken('share_buttons')).toBe(true);
  });

  it('GIVEN a page wrapped in one <form> (ASP.NET) THEN the story inside the form is read', () => {
    const html = page(
      `<form id="aspnetForm" method="post" action="/page.aspx"><input type="hidden" name="__VIEWSTATE" value="abc"><div id="content">${p(story)}</div></form>`,
    );
    expect(textOf(html).split('\n')).toEqual(story);
  });

  it('GIVEN a story split across sibling sections with a photo between THEN both sections are read, the caption is not', () => {
    const body = `<article><h1>Harbour works begin</h1>
<section class="body-part">${p(story.slice(0, 3))}</section>
<figure><img src="/pier.jpg" alt=""><figcaption>The northern pier in January. Photo: Kim Example</figcaption></figure>
<section class="body-part">${p(story.slice(3))}</section></article>`;
    const text = textOf(page(body));
    expect(text.split('\n')).toEqual(story);
    expect(text).not.toMatch(/Photo: Kim Example/);
  });

  it('GIVEN a story with a list and a subheading THEN each item and the heading get their own line', () => {
    const items = [
      'Dredging the channel to twelve metres',
      'A second crane on the container quay',
      'A footbridge across the canal',
    ];
    const body = `<article>${p(story.slice(0, 3))}<h2>What the plan includes</h2><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>${p(story.slice(3))}</article>`;
    const lines = textOf(page(body)).split('\n');
    expect(lines).toEqual([...story.slice(0, 3), 'What the plan includes', ...items, ...story.slice(3)]);
  });

  it('GIVEN hidden text (display:none, hidden, screen-reader only) THEN none of it is read', () => {
    const body = `<article>${p(story.slice(0, 3))}
<p style="display: none">Secret keyword stuffing for search engines, hidden from readers.</p>
<div hidden><p>An expired promotion that is no longer shown on the page.</p></div>
<span class="sr-only">Skip to the next section</span>
${p(story.slice(3))}</article>`;
    const text = textOf(page(body));
    expect(text.split('\n')).toEqual(story);
  });

  it('GIVEN a long comma-heavy cookie notice beside a short story THEN the story wins and the notice is gone', () => {
    const notice = Array.from(
      { length: 6 },
      () =>
        'We and our partners use cookies, web beacons, pixels, local storage, device identifiers, and similar technologies, to store, access, measure, personalise, and improve content, ads, and services, and for analytics, research, and product development.',
    );
    const body = `<div class="cookie-banner">${p(notice)}<a href="/accept">Accept all</a></div><article>${p(story.slice(0, 4))}</article>`;
    const text = textOf(page(body));
    expect(text.split('\n')).toEqual(story.slice(0, 4));
  });

  it('GIVEN a comment list longer than the story THEN the story is read and no comment is', () => {
    const comments = Array.from(
      { length: 12 },
      (_, i) =>
        `<li class="comment"><p>Reader ${i} wrote: well, honestly, I think, as I said before, that this is, frankly, a waste of money, time, and effort, and, worse, nobody asked us.</p></li>`,
    );
    const body = `<article class="story">${p(story.slice(0, 4))}</article><section id="comments"><h2>Comments</h2><ol class="comment-list">${comments.join('')}</ol></section>`;
    const text = textOf(page(body));
    expect(text.split('\n')).toEqual(story.slice(0, 4));
  });

  it('GIVEN related-story boxes, share bars and promo lines inside the article THEN only the story is left', () => {
    const body = `<article>${p(story.slice(0, 3))}
<p>Advertisement</p>
<div class="related-stories"><h3>Related</h3><ul><li><a href="/a">Ferry timetable changes</a></li><li><a href="/b">Fish market to close</a></li></ul></div>
<p><a href="/c">Read more: Mackerel catches at a record low</a></p>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
${p(story.slice(3))}</article>`;
    const text = textOf(page(body));
    expect(text.split('\n')).toEqual(story);
  });
});

describe('extraction: pages that hold no article', () => {
  it('GIVEN a section front of teasers THEN it is refused as an index', () => {
    const teasers = Array.from(
      { length: 10 },
      (_, i) =>
        `<article class="teaser"><h3><a href="/s/${i}">Story ${i}: ${paragraph(i).slice(0, 60)}</a></h3><p>${paragraph(i + 20).slice(0, 90)}</p></article>`,
    ).join('');
    const r = extractPage(page(`<main>${teasers}</main>`), URL_);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.refusal).toBe('index');
  });

  it('GIVEN a paywall stub THEN it is refused as paywalled, with the title still read', () => {
    const html = page(
      `<article><h1>Harbour works begin</h1><p>${paragraph(1)}</p><div class="paywall-message"><p>Subscribe now to continue reading. Already a subscriber? Log in.</p></div></article>`,
      '<title>Harbour works begin | The Gazette</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour works begin","isAccessibleForFree":false}</script>',
    );
    const r = extractPage(html, URL_);
    expect(r).toMatchObject({
      ok: false,
      error: { refusal: 'paywall', metadata: { title: 'Harbour works begin' } },
    });
  });

  it('GIVEN an almost empty page THEN ingestion stores nothing, while extract shows the little text', () => {
    const html = page('<div><p>Page not found.</p></div>');
    expect(extractArticle(html, URL_)).toBeUndefined();
    const r = extractPage(html, URL_);
    expect(r.ok && r.value.text).toMatch(/Page not found/);
  });

  it('GIVEN a page whose JSON-LD carries the whole articleBody THEN that text is used when it is the longer', () => {
    const body = story.join('\n');
    const html = page(
      `<article><p>${story[0]}</p><p><a href="/subscribe">Subscribe for the rest.</a></p></article>`,
      `<title>Harbour works</title><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Harbour works', articleBody: body })}</script>`,
    );
    expect(extractArticle(html, URL_)?.text.split('\n')).toEqual(story);
  });
});

describe('extraction: size bounds', () => {
  it('GIVEN a page whose 3 MB of inline script come before the story THEN the story and its JSON-LD are still read', () => {
    const script = `<script>var blob = "${'x'.repeat(3_000_000)}";</script>`;
    const html = page(
      `${script}<article>${p(story)}</article>`,
      `<title>Harbour works begin | The Gazette</title><script type="application/ld+json">{"@type":"NewsArticle","headline":"Harbour works begin","datePublished":"2026-03-01T00:00:00Z"}</script>`,
    );
    const r = extractPage(html, URL_);
    expect(r.ok && r.value.text.split('\n')).toEqual(story);
    expect(r.ok && r.value).toMatchObject({
      title: 'Harbour works begin',
      publishedAt: '2026-03-01T00:00:00.000Z',
    });
  });
});
