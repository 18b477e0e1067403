// `/brief search` over a real SQLite file: articles stored through the article repository (the
// FTS5 index follows through triggers), searched through dispatch with the real search service
// and briefing core. Phrases, exclusions, stemming, the recency fallback, story grouping, no
// match with close topics, an index kept in step with updates and deletions, and the backfill of
// articles stored before the index existed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleInvocation } from '../../../src/adapters/console/handlers.js';
import { dispatch } from '../../../src/commands/dispatch.js';
import type { Reply, Services } from '../../../src/commands/ports.js';
import { keyPoints } from '../../../src/core/summarize/index.js';
import type { Briefing, Topic } from '../../../src/core/types.js';
import { createSearchService } from '../../../src/services/search.js';
import { createSqliteArticleRepository } from '../../../src/store/articles.js';
import type { ArticleRepository } from '../../../src/store/ports.js';
import { openDatabase, type Db } from '../../../src/store/db.js';
import { migrations } from '../../../src/store/migrations.js';
import { createSqliteSearch } from '../../../src/store/search.js';
import { fakeBriefingService, fakeServices } from '../../support/services.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const TOPICS: Topic[] = [
  { slug: 'japan-defense', title: 'Japan defense', keywords: ['japan', 'defense'], exclude: [] },
  { slug: 'chips', title: 'Semiconductors', keywords: ['semiconductor', 'chip'], exclude: [] },
];

let dir: string;
let db: Db;
let articles: ArticleRepository;

async function store(
  id: string,
  title: string,
  text: string,
  publishedAt: string,
  storyId?: string,
): Promise<void> {
  await articles.upsert(
    {
      id,
      sourceId: 'wire',
      url: `https://news.example/${id}`,
      contentHash: `hash-${id}-${title.length}-${text.length}`,
      title,
      outlet: `Outlet ${id}`,
      publishedAt,
      text,
      points: keyPoints(text, { title }),
      storyId,
    },
    { learned: false, now: NOW },
  );
}

function services(d: Db = db): Services {
  const index = createSqliteSearch(d);
  return fakeServices({
    briefings: fakeBriefingService([], {}),
    search: createSearchService({
      index,
      topics: () => TOPICS,
      windowDays: 7,
      maxPoints: 6,
    }),
  });
}

const search = (words: string, s = services()) =>
  dispatch({ text: `search ${words}` }, consoleInvocation('t'), s, NOW);

function briefing(reply: Reply): Briefing {
  if (reply.kind !== 'briefing') throw new Error(`expected a briefing, got ${JSON.stringify(reply)}`);
  return reply.briefing;
}
const cited = (reply: Reply) =>
  briefing(reply)
    .articles.map((a) => a.id)
    .sort();

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-search-'));
  db = openDatabase(path.join(dir, 'newsbrief.db'));
  articles = createSqliteArticleRepository(db);
  await store(
    'us-controls',
    'US tightens chip export controls on China',
    'The United States tightened export controls on advanced chips sold to China on Tuesday. Officials said the rules cover the machines used to make semiconductors as well.',
    daysAgo(1),
  );
  await store(
    'japan-controls',
    'Japan joins chip export controls',
    'Japan said on Wednesday it would join the export controls on chip-making equipment. Tokyo will require licences for twenty-three kinds of machines from July.',
    daysAgo(2),
  );
  await store(
    'arizona-fab',
    'Chip factory opens in Arizona',
    'A new chip factory opened in Arizona on Thursday, the first of three planned for the state. It will employ two thousand people when finished.',
    daysAgo(3),
  );
  await store(
    'rice',
    'Rice export rules eased',
    'The government eased the export rules for rice after a record harvest. Farmers welcomed the change, which takes effect next month.',
    daysAgo(400),
  );
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GIVEN stored articles', () => {
  it('WHEN searching plain words THEN articles containing all of them are briefed, with cited points', async () => {
    const reply = await search('chip export');
    expect(cited(reply)).toEqual(['japan-controls', 'us-controls']);
    const b = briefing(reply);
    expect(b.title).toBe('Search: chip export');
    expect(b.points.length).toBeGreaterThan(0);
    expect(b.points.every((p) => p.articleIds.length > 0)).toBe(true);
    expect(b.stale).toBe(false);
  });

  it('WHEN searching a quoted phrase with a -word THEN only articles with the phrase and without the word', async () => {
    expect(cited(await search('"export controls" -japan'))).toEqual(['us-controls']);
  });

  it('WHEN the phrase words are out of order THEN it does not match', async () => {
    expect(await search('"controls export"')).toMatchObject({ kind: 'notice', code: 'SEARCH_NO_MATCH' });
  });

  it('WHEN searching another form of a word THEN the stemmed index finds it', async () => {
    expect(cited(await search('factories'))).toEqual(['arizona-fab']);
    expect(cited(await search('tightening'))).toEqual(['us-controls']);
  });

  it('WHEN only old coverage matches THEN the briefing is its latest coverage, marked stale', async () => {
    const b = briefing(await search('rice'));
    expect(b.articles.map((a) => a.id)).toEqual(['rice']);
    expect(b.stale).toBe(true);
  });

  it('WHEN nothing matches THEN the reply says so and names close topics', async () => {
    const reply = await search('semiconductor zebra');
    expect(reply).toMatchObject({ kind: 'notice', code: 'SEARCH_NO_MATCH' });
    if (reply.kind === 'notice') expect(reply.text).toContain('`chips`');
  });

  it('WHEN two articles are one story and state the same fact THEN it is one point citing both', async () => {
    const text =
      'Japan and Australia signed a deal for eleven new frigates on Monday in Tokyo. The ships will be built over ten years.';
    await store('frigate-a', 'Japan and Australia sign frigate deal', text, daysAgo(1), 'story-1');
    await store('frigate-b', 'Frigate deal signed by Japan and Australia', text, daysAgo(1), 'story-1');
    const b = briefing(await search('frigates'));
    expect(b.points.some((p) => p.articleIds.length === 2)).toBe(true);
  });

  it('WHEN an article is updated or deleted THEN the index follows', async () => {
    await store(
      'arizona-fab',
      'Semiconductor plant opens in Arizona',
      'A plant opened in Arizona. It makes wafers.',
      daysAgo(3),
    );
    expect(cited(await search('wafers'))).toEqual(['arizona-fab']);
    expect(await search('"chip factory"')).toMatchObject({ code: 'SEARCH_NO_MATCH' });
    db.prepare('DELETE FROM articles WHERE id = ?').run('arizona-fab');
    expect(await search('wafers')).toMatchObject({ code: 'SEARCH_NO_MATCH' });
  });

  it('WHEN the text holds FTS5 syntax THEN it is searched as words, never as syntax', async () => {
    const reply = await search('chip* export" ^(controls');
    expect(cited(reply)).toEqual(['japan-controls', 'us-controls']);
    expect(await search('NEAR(chip controls) AND')).toMatchObject({
      kind: 'notice',
      code: 'SEARCH_NO_MATCH',
    });
  });
});

describe('GIVEN a database from before the search index', () => {
  it('WHEN it is opened THEN the migration indexes the articles already stored', async () => {
    const file = path.join(dir, 'old.db');
    const old = new Database(file);
    old.exec(
      'CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (3);',
    );
    for (const step of migrations.slice(0, 3)) old.exec(step);
    old
      .prepare(
        `INSERT INTO articles (id, source_id, url, content_hash, title, outlet, published_at, fetched_at, updated_at, text, points)
         VALUES ('legacy', 'wire', NULL, 'h', 'Legacy tariff story', 'AP', ?, ?, ?, 'Tariffs on steel rose again.', '["Tariffs on steel rose again."]')`,
      )
      .run(daysAgo(1), daysAgo(1), daysAgo(1));
    old.close();
    const reopened = openDatabase(file);
    try {
      expect(cited(await search('tariffs steel', services(reopened)))).toEqual(['legacy']);
    } finally {
      reopened.close();
    }
  });
});
