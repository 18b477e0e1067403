// Articles and their topic tags. Key points are computed once at ingest and stored as JSON, so a
// /brief answer is a couple of indexed reads plus the pure briefing merge.
import type { Article } from '../core/types.js';
import type Database from 'better-sqlite3';
import { createSqliteArticleHistory } from './article-history.js';
import type { Db } from './db.js';
import type { ArticleRepository, StoryIndex, UpsertStatus } from './ports.js';

/** An `articles` row as both stores read it (PostgreSQL's columns have the same names and types). */
export interface ArticleRow {
  id: string;
  source_id: string;
  url: string | null;
  content_hash: string;
  title: string;
  outlet: string;
  published_at: string | null;
  fetched_at: string;
  text: string;
  points: string;
  story_id: string | null;
}

export function toArticle(r: ArticleRow): Article {
  return {
    id: r.id,
    sourceId: r.source_id,
    url: r.url ?? undefined,
    title: r.title,
    outlet: r.outlet,
    publishedAt: r.published_at ?? undefined,
    fetchedAt: r.fetched_at,
    text: r.text,
    points: JSON.parse(r.points) as string[],
    storyId: r.story_id ?? undefined,
  };
}

/** The article of a row read without its (large) text: briefings and search hits need only the key points. */
export function toArticleWithoutText(r: Omit<ArticleRow, 'text' | 'content_hash'>): Omit<Article, 'text'> {
  const { text: _text, ...article } = toArticle({ ...r, content_hash: '', text: '' });
  return article;
}

/** Rows read per step when walking every article. */
const PAGE = 500;

export function createSqliteArticleRepository(db: Db): ArticleRepository {
  const history = createSqliteArticleHistory(db);
  const select = db.prepare('SELECT * FROM articles WHERE id = ?');
  const insert = db.prepare(`
    INSERT INTO articles (id, source_id, url, content_hash, title, outlet, published_at, fetched_at, updated_at, text, points, story_id, learned)
    VALUES (@id, @sourceId, @url, @contentHash, @title, @outlet, @publishedAt, @now, @now, @text, @points, @storyId, @learned)`);
  const update = db.prepare(`
    UPDATE articles SET url = @url, content_hash = @contentHash, title = @title, outlet = @outlet,
      published_at = coalesce(@publishedAt, published_at), updated_at = @now, text = @text, points = @points,
      story_id = coalesce(@storyId, story_id)
    WHERE id = @id`);
  const linkSource = db.prepare(
    'INSERT OR IGNORE INTO article_sources (article_id, source_id, seen_at) VALUES (?, ?, ?)',
  );
  const clearTopics = db.prepare('DELETE FROM article_topics WHERE article_id = ?');
  const addTopic = db.prepare(`
    INSERT INTO article_topics (topic, article_id, relevance, at)
    SELECT ?, id, ?, coalesce(published_at, fetched_at) FROM articles WHERE id = ?`);
  const retime = db.prepare(`
    UPDATE article_topics SET at = (SELECT coalesce(published_at, fetched_at) FROM articles WHERE id = @id)
    WHERE article_id = @id`);
  // Briefings need the key points, not the (large) text: leaving it out keeps /brief fast.
  const byTopic = db.prepare(`
    SELECT a.id, a.source_id, a.url, a.content_hash, a.title, a.outlet, a.published_at, a.fetched_at,
      a.points, a.story_id, a.learned, t.relevance
    FROM article_topics t JOIN articles a ON a.id = t.article_id
    WHERE t.topic = ? ORDER BY t.at DESC, t.article_id LIMIT ?`);
  const summary = db.prepare(`
    SELECT count(*) AS n, max(coalesce(a.published_at, a.fetched_at)) AS newest
    FROM article_topics t JOIN articles a ON a.id = t.article_id WHERE t.topic = ?`);
  const bySource = db.prepare('SELECT source_id, count(*) AS n FROM article_sources GROUP BY source_id');
  // A page at a time: an open better-sqlite3 iterator would keep the connection busy across the
  // caller's awaits, and any other statement run meanwhile would fail.
  const page = db.prepare(`SELECT * FROM articles WHERE id > ? ORDER BY id LIMIT ${PAGE}`);
  const getMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
  const setMeta = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const fingerprint = db.prepare('SELECT content_hash, title, source_id FROM articles WHERE id = ?');
  const byHash = db.prepare('SELECT id FROM articles WHERE content_hash = ? ORDER BY fetched_at, id LIMIT 1');
  const sourcesOf = db.prepare(
    'SELECT source_id FROM article_sources WHERE article_id = ? ORDER BY seen_at, source_id',
  );
  const allIds = db.prepare('SELECT id FROM articles ORDER BY id');
  const learned = db.prepare('SELECT learned FROM articles WHERE id = ?');
  const expired = db.prepare('SELECT 1 FROM expired_articles WHERE id = ?');
  const ofSource = db.prepare('SELECT id FROM articles WHERE source_id = ?');
  // story_bands and digest_deliveries carry no foreign key (see migrations.ts): cleared by hand;
  // article_sources, article_topics and article_signatures follow by ON DELETE CASCADE.
  const removeBands = db.prepare('DELETE FROM story_bands WHERE article_id = ?');
  const removeDeliveries = db.prepare('DELETE FROM digest_deliveries WHERE article_id = ?');
  const removeArticle = db.prepare('DELETE FROM articles WHERE id = ?');
  const remove = db.transaction((ids: readonly string[]) => {
    let removed = 0;
    for (const id of ids) {
      removeBands.run(id);
      removeDeliveries.run(id);
      removed += removeArticle.run(id).changes;
    }
    return removed;
  });

  const setTopics = db.transaction((articleId: string, tags: { topic: string; relevance: number }[]) => {
    clearTopics.run(articleId);
    for (const t of tags) addTopic.run(t.topic, t.relevance, articleId);
  });

  return {
    ...history,
    async upsert(input, { learned, now }) {
      const iso = now.toISOString();
      const params = {
        ...input,
        url: input.url ?? null,
        publishedAt: input.publishedAt ?? null,
        storyId: input.storyId ?? null,
        points: JSON.stringify(input.points),
        now: iso,
        learned: learned ? 1 : 0,
      };
      const existing = select.get(input.id) as ArticleRow | undefined;
      let status: UpsertStatus;
      if (!existing) {
        insert.run(params);
        status = 'new';
      } else if (existing.content_hash === input.contentHash && existing.title === input.title) {
        status = 'unchanged';
      } else {
        update.run(params);
        // A corrected date moves the article in its topics' newest-first order.
        retime.run({ id: input.id });
        status = 'updated';
      }
      linkSource.run(input.id, input.sourceId, iso);
      return status;
    },
    async get(id) {
      const row = select.get(id) as ArticleRow | undefined;
      return row ? toArticle(row) : undefined;
    },
    async setTopics(articleId, tags) {
      setTopics(articleId, tags);
    },
    async forTopic(topic, limit) {
      return (
        byTopic.all(topic, limit) as (Omit<ArticleRow, 'text'> & { relevance: number; learned: number })[]
      ).map((r) => ({ ...toArticleWithoutText(r), relevance: r.relevance, learned: r.learned === 1 }));
    },
    async *iterateAll() {
      let after = '';
      for (;;) {
        const rows = page.all(after) as ArticleRow[];
        for (const row of rows) yield toArticle(row);
        if (rows.length < PAGE) return;
        after = (rows[rows.length - 1] as ArticleRow).id;
      }
    },
    async topicSummaries(topics) {
      return topics.map((t) => {
        const r = summary.get(t.slug) as { n: number; newest: string | null };
        return { slug: t.slug, title: t.title, articleCount: r.n, newestAt: r.newest ?? undefined };
      });
    },
    async countBySource() {
      return new Map((bySource.all() as { source_id: string; n: number }[]).map((r) => [r.source_id, r.n]));
    },
    async getMeta(key) {
      return (getMeta.get(key) as { value: string } | undefined)?.value;
    },
    async setMeta(key, value) {
      setMeta.run(key, value);
    },
    async fingerprint(id) {
      const r = fingerprint.get(id) as { content_hash: string; title: string; source_id: string } | undefined;
      return r ? { contentHash: r.content_hash, title: r.title, sourceId: r.source_id } : undefined;
    },
    async findByHash(contentHash) {
      return (byHash.get(contentHash) as { id: string } | undefined)?.id;
    },
    async linkSource(articleId, sourceId, now) {
      return linkSource.run(articleId, sourceId, now.toISOString()).changes > 0;
    },
    async sourcesOf(articleId) {
      return (sourcesOf.all(articleId) as { source_id: string }[]).map((r) => r.source_id);
    },
    async allIds() {
      return (allIds.all() as { id: string }[]).map((r) => r.id);
    },
    async isLearned(id) {
      return (learned.get(id) as { learned: number } | undefined)?.learned === 1;
    },
    async wasExpired(id) {
      return expired.get(id) !== undefined;
    },
    async idsOfSource(sourceId) {
      return (ofSource.all(sourceId) as { id: string }[]).map((r) => r.id);
    },
    async remove(ids) {
      return remove(ids);
    },
  };
}

/** Candidates verified per new article: the ones sharing the most bands are the likeliest copies. */
const MAX_STORY_CANDIDATES = 12;

export function createSqliteStoryIndex(db: Db): StoryIndex {
  const saveSig = db.prepare(
    'INSERT INTO article_signatures (article_id, signature) VALUES (?, ?) ON CONFLICT (article_id) DO UPDATE SET signature = excluded.signature',
  );
  // One statement per band count, built on first use: a single multi-row insert or lookup is far
  // cheaper than one statement per band.
  const inserts = new Map<number, Database.Statement>();
  const lookups = new Map<number, Database.Statement>();
  const insertFor = (n: number) => {
    let st = inserts.get(n);
    if (!st)
      inserts.set(
        n,
        (st = db.prepare(
          `INSERT OR IGNORE INTO story_bands (band, article_id) VALUES ${Array(n).fill('(?, ?)').join(', ')}`,
        )),
      );
    return st;
  };
  const lookupFor = (n: number) => {
    let st = lookups.get(n);
    if (!st)
      lookups.set(
        n,
        (st = db.prepare(`
          SELECT b.article_id AS id, count(*) AS hits, a.story_id, s.signature
          FROM story_bands b JOIN articles a ON a.id = b.article_id JOIN article_signatures s ON s.article_id = b.article_id
          WHERE b.band IN (${Array(n).fill('?').join(', ')}) AND b.article_id <> ?
          GROUP BY b.article_id ORDER BY hits DESC, b.article_id LIMIT ${MAX_STORY_CANDIDATES}`)),
      );
    return st;
  };
  return {
    async candidates(bands, exceptId) {
      if (bands.length === 0) return [];
      const rows = lookupFor(bands.length).all(...bands, exceptId) as {
        id: string;
        story_id: string | null;
        signature: string;
      }[];
      return rows.map((r) => ({
        id: r.id,
        storyId: r.story_id ?? undefined,
        signature: JSON.parse(r.signature) as number[],
      }));
    },
    async save(articleId, signature, bands) {
      saveSig.run(articleId, JSON.stringify(signature));
      if (bands.length > 0) insertFor(bands.length).run(...bands.flatMap((b) => [b, articleId]));
    },
  };
}
