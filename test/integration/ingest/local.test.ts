// File and dir sources, learning, topic tags and restarts, against a real SQLite file.
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../src/config/load.js';
import { buildBriefing } from '../../../src/core/briefing.js';
import type { Topic } from '../../../src/core/types.js';
import { startNewsServer, type NewsServer } from '../../fakes/news-server.js';
import { allArticles, createHarness, feed, makeConfig, type Harness } from './harness.js';

let h: Harness;
let server: NewsServer | undefined;

beforeEach(() => {
  h = createHarness();
});

afterEach(async () => {
  h.cleanup();
  await server?.close();
  server = undefined;
});

const KISHIDA_ARTICLE = `---
title: Kishida visits troops on Yonaguni
outlet: Border Weekly
published: 2025-01-07T04:30:00+09:00
---
YONAGUNI, Japan — Prime Minister Fumio Kishida visited troops on Yonaguni island on Tuesday, the closest Japanese territory to Taiwan.
He said Japan would strengthen its defense of the southwestern islands and thanked residents for accepting the base.
`;

const PLAIN_ARTICLE = `Fishing fleet returns early as prices fall
Boats from the northern ports returned early this week after the price of squid fell for the third month in a row.
Fishermen said fuel costs had risen while catches shrank.
`;

describe('the default config', () => {
  it('GIVEN config/newsbrief.yaml THEN the seed article is stored with its front matter, tagged japan-defense, and briefs with cited points', async () => {
    const loaded = loadConfigFile('config/newsbrief.yaml');
    if (!loaded.ok) throw new Error(loaded.error.join('\n'));
    const summary = await h.ingestor(loaded.value.config).runOnce();
    expect(summary.rows).toEqual([
      expect.objectContaining({ sourceId: 'seed', type: 'file', fetched: 1, new: 1, learning: true }),
    ]);
    const [article] = await h.articles.forTopic('japan-defense', 10);
    expect(article).toMatchObject({
      title: 'Biden and Kishida meet as Japan looks to bolster its security ties',
      outlet: 'AP',
      publishedAt: '2023-01-13T00:00:00.000Z',
      learned: true,
    });
    expect((await h.articles.get(article?.id ?? ''))?.text).not.toMatch(
      /WASHINGTON \(AP\)|Citrus County Chronicle|contributed to this report/,
    );
    const topic = loaded.value.config.topics[0] as Topic;
    const briefing = buildBriefing(
      topic,
      await h.articles.forTopic(topic.slug, 50),
      new Date('2026-01-01T00:00:00Z'),
      { windowDays: 7, maxPoints: 6 },
    );
    expect(briefing.points.length).toBeGreaterThanOrEqual(3);
    expect(briefing.stale).toBe(true);
    expect(briefing.articles[0]?.outlet).toBe('AP');
  });
});

describe('dir sources', () => {
  it('GIVEN a folder with a front-matter article, a plain text file in a subfolder and an image THEN both articles are stored and the plain one takes its title from its first line, its date from its mtime', async () => {
    const dir = path.join(h.dir, 'articles');
    mkdirSync(path.join(dir, 'older'), { recursive: true });
    writeFileSync(path.join(dir, 'kishida.md'), KISHIDA_ARTICLE);
    writeFileSync(path.join(dir, 'older', 'fishing.txt'), PLAIN_ARTICLE);
    writeFileSync(path.join(dir, 'photo.jpg'), 'not text');
    const mtime = new Date('2025-01-02T10:00:00Z');
    utimesSync(path.join(dir, 'older', 'fishing.txt'), mtime, mtime);

    const summary = await h
      .ingestor(makeConfig([{ id: 'desk', type: 'dir', path: dir, outlet: 'Desk Files' }]))
      .runOnce();
    expect(summary.rows[0]).toMatchObject({ fetched: 2, new: 2, failed: 0 });
    const all = (await allArticles(h.articles)).sort((a, b) => a.title.localeCompare(b.title));
    expect(all.map((a) => [a.title, a.outlet, a.publishedAt])).toEqual([
      ['Fishing fleet returns early as prices fall', 'Desk Files', '2025-01-02T10:00:00.000Z'],
      ['Kishida visits troops on Yonaguni', 'Border Weekly', '2025-01-06T19:30:00.000Z'],
    ]);
    expect(all[0]?.text).not.toContain('Fishing fleet returns early');
    expect((await h.articles.forTopic('japan-defense', 10)).map((a) => a.title)).toEqual([
      'Kishida visits troops on Yonaguni',
    ]);
  });

  it('GIVEN a dir article edited between runs THEN it is updated under the same id, not duplicated', async () => {
    const dir = path.join(h.dir, 'articles');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'kishida.md'), KISHIDA_ARTICLE);
    const ingestor = h.ingestor(makeConfig([{ id: 'desk', type: 'dir', path: dir }]));
    await ingestor.runOnce();
    writeFileSync(
      path.join(dir, 'kishida.md'),
      `${KISHIDA_ARTICLE}He also met the island's mayor to discuss evacuation plans in an emergency.\n`,
    );
    const second = await ingestor.runOnce();
    expect(second.rows[0]).toMatchObject({ new: 0, updated: 1 });
    expect(await allArticles(h.articles)).toHaveLength(1);
  });
});

describe('learning', () => {
  it("GIVEN a source's first fetch THEN its backlog is stored as learned; items that appear later are not", async () => {
    server = await startNewsServer({ '/feed.json': { fixture: 'feed.json' } });
    const ingestor = h.ingestor(makeConfig([feed('meridian', server.url('/feed.json'))]));
    const first = await ingestor.runOnce();
    expect(first.rows[0]).toMatchObject({ new: 2, learning: true });
    server.route('/feed.json', {
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Meridian Post',
        items: [
          {
            id: 'mp-7',
            url: '{{base}}/meridian/new',
            title: 'Japan orders more patrol planes',
            content_text:
              'Japan ordered twelve more patrol planes on Thursday to watch the seas around its southern islands, the defense ministry said.',
          },
        ],
      }),
      contentType: 'application/feed+json',
    });
    const second = await ingestor.runOnce();
    expect(second.rows[0]).toMatchObject({ new: 1 });
    expect(second.rows[0]?.learning).toBeUndefined();
    const byTitle = new Map<string, boolean>();
    for (const a of await allArticles(h.articles)) byTitle.set(a.title, await h.articles.isLearned(a.id));
    expect(byTitle.get('Japan and US agree to repair warships in Japanese yards')).toBe(true);
    expect(byTitle.get('Japan orders more patrol planes')).toBe(false);
    // The backlog still briefs at once.
    expect((await h.articles.forTopic('japan-defense', 10)).length).toBe(2);
  });
});

describe('restart', () => {
  it('GIVEN ingested articles, tags, stories and fetch state WHEN the database file is closed and reopened THEN all of it is still there and a new ingestor finds nothing new', async () => {
    server = await startNewsServer({ '/rss2.xml': { fixture: 'rss2.xml', etag: '"e1"' } });
    const config = makeConfig([feed('harbor', server.url('/rss2.xml'))]);
    await h.ingestor(config).runOnce();
    const before = await allArticles(h.articles);
    const tagged = (await h.articles.forTopic('japan-defense', 10)).map((a) => a.id);
    h.reopen();
    expect(await allArticles(h.articles)).toEqual(before);
    expect((await h.articles.forTopic('japan-defense', 10)).map((a) => a.id)).toEqual(tagged);
    expect(await h.sources.get('harbor')).toMatchObject({ etag: '"e1"', firstFetchDone: true });
    const again = await h.ingestor(config).runOnce();
    expect(again.rows[0]).toMatchObject({ notModified: true, new: 0 });
  });
});

describe('topic tags', () => {
  it('GIVEN stored articles WHEN the topics change THEN a new ingestor re-tags everything before fetching', async () => {
    const dir = path.join(h.dir, 'a');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'fishing.txt'), PLAIN_ARTICLE);
    await h.ingestor(makeConfig([{ id: 'desk', type: 'dir', path: dir }])).runOnce();
    const fisheries: Topic = {
      slug: 'fisheries',
      title: 'Fisheries',
      keywords: ['squid', 'fishermen'],
      exclude: [],
    };
    expect(await h.articles.forTopic('fisheries', 10)).toHaveLength(0);
    await h.ingestor(makeConfig([{ id: 'desk', type: 'dir', path: dir }], [fisheries])).ready;
    expect((await h.articles.forTopic('fisheries', 10)).map((a) => a.title)).toEqual([
      'Fishing fleet returns early as prices fall',
    ]);
  });

  it('GIVEN a topic limited to one source THEN articles only other sources carried are not tagged with it', async () => {
    const one = path.join(h.dir, 'one');
    const two = path.join(h.dir, 'two');
    mkdirSync(one);
    mkdirSync(two);
    writeFileSync(path.join(one, 'k.md'), KISHIDA_ARTICLE);
    writeFileSync(
      path.join(two, 'k2.md'),
      KISHIDA_ARTICLE.replace('Kishida visits troops', 'Premier visits troops').replace(
        'the base.',
        'the new base.',
      ),
    );
    const topic: Topic = {
      slug: 'japan-defense',
      title: 'Japan defense',
      keywords: ['japan'],
      exclude: [],
      sources: ['one'],
    };
    await h
      .ingestor(
        makeConfig(
          [
            { id: 'one', type: 'dir', path: one },
            { id: 'two', type: 'dir', path: two },
          ],
          [topic],
        ),
      )
      .runOnce();
    expect((await h.articles.forTopic('japan-defense', 10)).map((a) => a.title)).toEqual([
      'Kishida visits troops on Yonaguni',
    ]);
  });
});
