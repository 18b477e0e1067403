// Duplicates and stories: one article reached through several feeds or links is stored once;
// one wire story republished by three outlets with small edits becomes one story, and the topic
// briefing merges its facts into points citing all three.
import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../../src/core/briefing.js';
import { articleIdForUrl } from '../../../src/ingest/ids.js';
import { fixtureText } from '../../fakes/news-server.js';
import { allArticles, feed, JAPAN_DEFENSE, makeConfig, useIngestBed } from './harness.js';

const bed = useIngestBed({});

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
}

function rss(title: string, items: { title: string; link: string; text: string; date?: string }[]): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${escape(i.title)}</title><link>${escape(i.link)}</link><pubDate>${i.date ?? 'Thu, 09 Jan 2025 02:00:00 GMT'}</pubDate><description>${escape(
          i.text
            .split('\n')
            .map((p) => `<p>${p}</p>`)
            .join(''),
        )}</description></item>`,
    )
    .join('\n');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${escape(title)}</title>${body}</channel></rss>`;
}

const BUDGET = fixtureText('wire-missiles.txt').split('\n').slice(0, 3).join('\n');

describe('one article, several routes', () => {
  it('GIVEN the same article in two feeds under links differing in tracking parameters, fragment, host case and trailing slash THEN it is stored once and credited to both sources', async () => {
    bed.server.route('/a.xml', {
      body: rss('Feed A', [
        {
          title: 'Missiles to the islands',
          link: '{{base}}/story/42/?utm_source=a&utm_campaign=x#top',
          text: BUDGET,
        },
      ]),
      contentType: 'application/rss+xml',
    });
    bed.server.route('/b.xml', {
      body: rss('Feed B', [
        {
          title: 'Missiles to the islands',
          link: `${bed.server.base.replace('http:', 'HTTP:')}/story/42?fbclid=abc`,
          text: BUDGET,
        },
      ]),
      contentType: 'application/rss+xml',
    });
    const summary = await bed.h
      .ingestor(makeConfig([feed('a', bed.server.url('/a.xml')), feed('b', bed.server.url('/b.xml'))]))
      .runOnce();
    // The two feeds are fetched concurrently: either may be first to store it.
    expect(summary.rows.map((r) => r.new + r.unchanged)).toEqual([1, 1]);
    expect(summary.rows.reduce((n, r) => n + r.new, 0)).toBe(1);
    const id = articleIdForUrl(bed.server.url('/story/42'));
    expect(await bed.h.articles.sourcesOf(id)).toEqual(['a', 'b']);
    expect(await allArticles(bed.h.articles)).toHaveLength(1);
    expect(await bed.h.articles.countBySource()).toEqual(
      new Map([
        ['a', 1],
        ['b', 1],
      ]),
    );
  });

  it('GIVEN the same text under an unrelated link in another feed THEN the content hash makes it the same article', async () => {
    bed.server.route('/a.xml', {
      body: rss('Feed A', [{ title: 'Missiles', link: '{{base}}/one', text: BUDGET }]),
      contentType: 'application/rss+xml',
    });
    bed.server.route('/c.xml', {
      body: rss('Feed C', [{ title: 'Missiles (syndicated)', link: '{{base}}/syndicated/99', text: BUDGET }]),
      contentType: 'application/rss+xml',
    });
    await bed.h
      .ingestor(makeConfig([feed('a', bed.server.url('/a.xml')), feed('c', bed.server.url('/c.xml'))]))
      .runOnce();
    const all = await allArticles(bed.h.articles);
    expect(all).toHaveLength(1);
    expect(await bed.h.articles.sourcesOf(all[0]?.id ?? '')).toEqual(['a', 'c']);
  });
});

describe('different articles, one blurb', () => {
  it('GIVEN a feed whose items all carry the same short tagline as description THEN each link is its own article', async () => {
    const tagline = 'The latest news from the Harbor Times newsroom, updated around the clock.';
    bed.server.route('/tagline.xml', {
      body: rss('Harbor Times', [
        { title: 'Japan to deploy missiles on southern islands', link: '{{base}}/ht/1', text: tagline },
        { title: 'Okinawa governor objects to new base', link: '{{base}}/ht/2', text: tagline },
        { title: 'Tomahawk purchase approved by cabinet', link: '{{base}}/ht/3', text: tagline },
      ]),
      contentType: 'application/rss+xml',
    });
    const summary = await bed.h.ingestor(makeConfig([feed('ht', bed.server.url('/tagline.xml'))])).runOnce();
    expect(summary.rows[0]?.new).toBe(3);
    expect((await allArticles(bed.h.articles)).map((a) => a.title).sort()).toEqual([
      'Japan to deploy missiles on southern islands',
      'Okinawa governor objects to new base',
      'Tomahawk purchase approved by cabinet',
    ]);
  });
});

describe('stories', () => {
  it('GIVEN one wire story republished by three outlets with small edits THEN the three are one story and the briefing cites all three in one point', async () => {
    const paragraphs = fixtureText('wire-missiles.txt').trim().split('\n');
    const withDateline = (d: string) => [`${d} ${paragraphs[0]}`, ...paragraphs.slice(1)];
    const outletA = withDateline('TOKYO (AP) —');
    const outletB = withDateline('TOKYO —').slice(0, -1);
    outletB.push('Reporting by a staff writer; editing by the desk.');
    const outletC = withDateline('NAHA, Japan —');
    outletC.splice(
      4,
      0,
      'The announcement came a day after Chinese coast guard ships were seen near the disputed islands.',
    );
    const unrelated =
      'Japan approved a record defense budget on Tuesday, raising military spending for the third year in a row.\nThe plan pays for new destroyers and ammunition stockpiles, officials said, and it expands cyber defense units across the country.';
    bed.server.route('/ap.xml', {
      body: rss('Wire Daily', [
        {
          title: 'Japan to deploy long-range missiles on southern islands',
          link: '{{base}}/ap/1',
          text: outletA.join('\n'),
        },
      ]),
      contentType: 'application/rss+xml',
    });
    bed.server.route('/herald.xml', {
      body: rss('Island Herald', [
        {
          title: 'Japan speeds up missile deployment near Taiwan',
          link: '{{base}}/herald/7',
          text: outletB.join('\n'),
        },
        { title: 'Record defense budget', link: '{{base}}/herald/8', text: unrelated },
      ]),
      contentType: 'application/rss+xml',
    });
    bed.server.route('/okinawa.xml', {
      body: rss('Okinawa Evening', [
        { title: 'Missiles coming to Ishigaki and Miyako', link: '{{base}}/oe/3', text: outletC.join('\n') },
      ]),
      contentType: 'application/rss+xml',
    });
    await bed.h
      .ingestor(
        makeConfig([
          feed('ap', bed.server.url('/ap.xml')),
          feed('herald', bed.server.url('/herald.xml')),
          feed('okinawa', bed.server.url('/okinawa.xml')),
        ]),
      )
      .runOnce();

    const ids = ['/ap/1', '/herald/7', '/oe/3'].map((p) => articleIdForUrl(bed.server.url(p)));
    const stories = await Promise.all(ids.map(async (id) => (await bed.h.articles.get(id))?.storyId));
    expect(stories[0]).toBeDefined();
    expect(new Set(stories).size).toBe(1);
    expect((await bed.h.articles.get(articleIdForUrl(bed.server.url('/herald/8'))))?.storyId).not.toBe(
      stories[0],
    );

    const briefing = buildBriefing(
      JAPAN_DEFENSE,
      await bed.h.articles.forTopic('japan-defense', 50),
      bed.h.clock.now,
      {
        windowDays: 7,
        maxPoints: 6,
      },
    );
    const merged = briefing.points.find((p) => p.articleIds.length === 3);
    expect(merged).toBeDefined();
    expect(new Set(merged?.articleIds)).toEqual(new Set(ids));
    expect(briefing.articles.map((a) => a.outlet)).toEqual(
      expect.arrayContaining(['Wire Daily', 'Island Herald', 'Okinawa Evening']),
    );
  });
});

describe('one link, two versions', () => {
  it('GIVEN two feeds carrying one link with different headlines THEN the first version stays and repeated polls report nothing updated', async () => {
    bed.server.route('/a.xml', {
      body: rss('Feed A', [{ title: 'Missiles to the islands', link: '{{base}}/story/9', text: BUDGET }]),
      contentType: 'application/rss+xml',
    });
    bed.server.route('/b.xml', {
      body: rss('Feed B', [
        {
          title: 'Islands get missiles',
          link: '{{base}}/story/9',
          text: `${BUDGET}\nAn extra paragraph only feed B carries about the launchers.`,
        },
      ]),
      contentType: 'application/rss+xml',
    });
    // Feed A is read first (alone), so which version came first does not depend on timing.
    await bed.h.ingestor(makeConfig([feed('a', bed.server.url('/a.xml'))])).runOnce();
    const ingestor = bed.h.ingestor(
      makeConfig([feed('a', bed.server.url('/a.xml')), feed('b', bed.server.url('/b.xml'))]),
    );
    const both = await ingestor.runOnce();
    expect(both.rows.map((r) => r.unchanged)).toEqual([1, 1]);
    const again = await ingestor.runOnce();
    expect(again.rows.map((r) => r.updated)).toEqual([0, 0]);
    expect((await bed.h.articles.get(articleIdForUrl(bed.server.url('/story/9'))))?.title).toBe(
      'Missiles to the islands',
    );
    expect(await bed.h.articles.sourcesOf(articleIdForUrl(bed.server.url('/story/9')))).toEqual(['a', 'b']);
  });
});
