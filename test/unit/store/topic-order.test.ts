import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteArticleRepository } from '../../../src/store/articles.js';
import type { ArticleRepository } from '../../../src/store/ports.js';
import { openDatabase, type Db } from '../../../src/store/db.js';

let dir: string;
let db: Db;
let articles: ArticleRepository;
const now = new Date('2026-11-28T00:00:00Z');

async function store(id: string, publishedAt: string, hash = id) {
  await articles.upsert(
    {
      id,
      sourceId: 's',
      contentHash: hash,
      title: `T ${id}`,
      outlet: 'O',
      publishedAt,
      text: `text ${hash}`,
      points: [`point ${id}`],
    },
    { learned: false, now },
  );
  await articles.setTopics(id, [{ topic: 'x', relevance: 1 }]);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'nb-order-'));
  db = openDatabase(path.join(dir, 'db.sqlite'));
  articles = createSqliteArticleRepository(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a topic’s articles', async () => {
  it('GIVEN articles of several dates THEN newest first, limited, without their text', async () => {
    await store('a', '2026-11-20T00:00:00Z');
    await store('b', '2026-11-27T00:00:00Z');
    await store('c', '2026-11-24T00:00:00Z');
    const got = await articles.forTopic('x', 2);
    expect(got.map((a) => a.id)).toEqual(['b', 'c']);
    expect(got[0]).not.toHaveProperty('text');
    expect(got[0]?.points).toEqual(['point b']);
  });

  it('GIVEN an article whose date is corrected by its source THEN it moves in the order', async () => {
    await store('a', '2026-11-20T00:00:00Z');
    await store('b', '2026-11-27T00:00:00Z');
    // Re-fetched with a new date and text; its tags are not rewritten (no topic rule changed).
    await articles.upsert(
      {
        id: 'a',
        sourceId: 's',
        contentHash: 'a-revised',
        title: 'T a',
        outlet: 'O',
        publishedAt: '2026-11-28T00:00:00Z',
        text: 'revised',
        points: ['point a'],
      },
      { learned: false, now },
    );
    expect((await articles.forTopic('x', 5)).map((a) => a.id)).toEqual(['a', 'b']);
  });
});
