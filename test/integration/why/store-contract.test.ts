// The store methods `/brief why` and chat topics added, as one contract on both stores: a real
// SQLite file and the real PostgreSQL on 127.0.0.1 (a fresh database for this file, dropped
// afterwards; skipped when no server answers).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChatTopic } from '../../../src/core/chat-topics.js';
import type { ArticleInput, ChatTopicRepository, Repositories } from '../../../src/store/ports.js';
import { openPostgresStore } from '../../../src/store/postgres/index.js';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import { postgresTestDatabase } from '../../support/postgres.js';

const pgTest = postgresTestDatabase();
const NOW = new Date('2026-12-01T12:00:00Z');
const at = (m: number) => new Date(NOW.getTime() + m * 60_000);

const input = (id: string, over: Partial<ArticleInput> = {}): ArticleInput => ({
  id,
  sourceId: 'wire',
  url: `https://news.example/${id}`,
  contentHash: `hash-${id}`,
  title: `Title ${id}`,
  outlet: 'Wire',
  publishedAt: '2026-11-30T08:00:00.000Z',
  text: `Japan text of ${id}`,
  points: [`Point of ${id}.`],
  ...over,
});

const topic = (slug: string): ChatTopic => ({
  slug,
  title: slug,
  keywords: ['chip', 'export rules'],
  exclude: ['potato'],
  createdBy: 'slack:U1',
  createdAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
});

interface Opened {
  repos: Repositories & { pruneExpired(cutoff: Date, now: Date): Promise<unknown> };
  close(): Promise<void>;
}

function contract(name: string, open: () => Promise<Opened>) {
  describe(`${name}: what why and chat topics read and write`, () => {
    it('GIVEN an article carried by two sources THEN seenBy lists both with when, first-seen first', async () => {
      const { repos, close } = await open();
      const { articles } = repos;
      await articles.upsert(input('a'), { learned: false, now: at(0) });
      await articles.linkSource('a', 'mirror', at(5));
      expect(await articles.seenBy('a')).toEqual([
        { sourceId: 'wire', seenAt: at(0).toISOString() },
        { sourceId: 'mirror', seenAt: at(5).toISOString() },
      ]);
      expect(await articles.seenBy('none')).toEqual([]);
      await close();
    });

    it('GIVEN a link folded into an article THEN aliasOf finds the article, and not once it is gone', async () => {
      const { repos, close } = await open();
      const { articles } = repos;
      await articles.upsert(input('b'), { learned: false, now: at(0) });
      await articles.recordAlias('u-copy', 'b', 'mirror', at(1));
      await articles.recordAlias('u-copy', 'b', 'other', at(2));
      await articles.recordAlias('b', 'b', 'wire', at(2));
      expect(await articles.aliasOf('u-copy')).toBe('b');
      expect(await articles.aliasOf('b')).toBeUndefined();
      await articles.remove(['b']);
      expect(await articles.aliasOf('u-copy')).toBeUndefined();
      await close();
    });

    it('GIVEN a story of three articles from two outlets THEN story names its first article and counts them', async () => {
      const { repos, close } = await open();
      const { articles } = repos;
      await articles.upsert(input('s1', { storyId: 's1', outlet: 'AP' }), { learned: false, now: at(0) });
      await articles.upsert(input('s2', { storyId: 's1', outlet: 'Herald' }), { learned: false, now: at(1) });
      await articles.upsert(input('s3', { storyId: 's1', outlet: 'AP' }), { learned: false, now: at(2) });
      expect(await articles.story('s1')).toEqual({ leadId: 's1', articles: 3, outlets: 2 });
      expect(await articles.story('nothing')).toBeUndefined();
      await close();
    });

    it('GIVEN retention deleted an article THEN expiredAt says when, for it and for the links folded into it', async () => {
      const { repos, close } = await open();
      await repos.sources.recordSuccess('wire', 'feed', { now: at(0) });
      await repos.articles.upsert(input('old', { publishedAt: '2026-01-01T00:00:00.000Z' }), {
        learned: false,
        now: at(0),
      });
      await repos.articles.recordAlias('u-old-copy', 'old', 'wire', at(1));
      await repos.pruneExpired(new Date('2026-06-01T00:00:00Z'), at(10));
      expect(await repos.articles.expiredAt('old')).toBe(at(10).toISOString());
      // A link folded into it expires with it.
      expect(await repos.articles.expiredAt('u-old-copy')).toBe(at(10).toISOString());
      expect(await repos.articles.expiredAt('never')).toBeUndefined();
      await close();
    });

    it('GIVEN one topic’s tags replaced THEN only that topic changes, and an empty list clears it', async () => {
      const { repos, close } = await open();
      const { articles } = repos;
      for (const id of ['t1', 't2', 't3']) await articles.upsert(input(id), { learned: false, now: at(0) });
      await articles.setTopics('t1', [{ topic: 'japan', relevance: 1 }]);
      await articles.replaceTopicTags('chips', [
        { articleId: 't2', relevance: 2 },
        { articleId: 't3', relevance: 1 },
        { articleId: 'gone', relevance: 5 },
      ]);
      expect((await articles.forTopic('chips', 10)).map((a) => [a.id, a.relevance]).sort()).toEqual([
        ['t2', 2],
        ['t3', 1],
      ]);
      await articles.replaceTopicTags('chips', []);
      expect(await articles.forTopic('chips', 10)).toEqual([]);
      expect((await articles.forTopic('japan', 10)).map((a) => a.id)).toEqual(['t1']);
      await close();
    });

    it('GIVEN chat topics THEN insert refuses a second with one slug, update and remove say whether it existed', async () => {
      const { repos, close } = await open();
      const topics: ChatTopicRepository = repos.topics;
      expect(await topics.insert(topic('chips'))).toBe(true);
      expect(await topics.insert({ ...topic('chips'), keywords: ['other'] })).toBe(false);
      expect(await topics.insert({ ...topic('alpha'), createdAt: at(1).toISOString() })).toBe(true);
      expect(await topics.update('chips', { keywords: ['semiconductor'], exclude: [] }, at(2))).toBe(true);
      expect(await topics.update('nope', { keywords: ['x'], exclude: [] }, at(2))).toBe(false);
      expect(await topics.list()).toEqual([
        { ...topic('chips'), keywords: ['semiconductor'], exclude: [], updatedAt: at(2).toISOString() },
        { ...topic('alpha'), createdAt: at(1).toISOString() },
      ]);
      expect(await topics.remove('chips')).toBe(true);
      expect(await topics.remove('chips')).toBe(false);
      expect((await topics.list()).map((t) => t.slug)).toEqual(['alpha']);
      await close();
    });
  });
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

contract('SQLite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-why-'));
  dirs.push(dir);
  const store = openSqliteStore(path.join(dir, 'store.db'));
  return { repos: store, close: () => store.close() };
});

describe.skipIf(!pgTest.available)('PostgreSQL', () => {
  let n = 0;
  contract('PostgreSQL', async () => {
    // Each case its own database: the cases reuse ids.
    const url = n++ === 0 ? pgTest.url() : await pgTest.another();
    const store = await openPostgresStore(url);
    return { repos: store, close: () => store.close() };
  });
});
