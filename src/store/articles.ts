// Articles and their topic tags. Key points are computed once at ingest and stored as JSON, so a
// /brief answer is a couple of indexed reads plus the pure briefing merge.
import type { Article, TopicSummary } from '../core/types.js';
import type { Db } from './db.js';

/** What ingestion hands the store for one article. */
export interface ArticleInput {
  id: string;
  sourceId: string;
  url?: string;
  contentHash: string;
  title: string;
  outlet: string;
  publishedAt?: string;
  text: string;
  points: string[];
  storyId?: string;
}

export type UpsertStatus = 'new' | 'updated' | 'unchanged';

interface ArticleRow {
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

function toArticle(r: ArticleRow): Article {
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

export interface ArticleRepository {
  /** Inserts or updates by id; `learned` marks backlog recorded on a source's first fetch. */
  upsert(input: ArticleInput, options: { learned: boolean; now: Date }): UpsertStatus;
  get(id: string): Article | undefined;
  /** Replaces an article's topic tags. */
  setTopics(articleId: string, tags: { topic: string; relevance: number }[]): void;
  /** Articles tagged with the topic, newest first (by published, else fetched, time). */
  forTopic(topic: string, limit: number): (Article & { relevance: number; learned: boolean })[];
  /** All articles, for re-tagging when the topics change. Streams to keep memory flat. */
  iterateAll(): IterableIterator<Article>;
  topicSummaries(topics: { slug: string; title: string }[]): TopicSummary[];
  countBySource(): Map<string, number>;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
}

export function createSqliteArticleRepository(db: Db): ArticleRepository {
  const select = db.prepare('SELECT * FROM articles WHERE id = ?');
  const insert = db.prepare(`
    INSERT INTO articles (id, source_id, url, content_hash, title, outlet, published_at, fetched_at, updated_at, text, points, story_id, learned)
    VALUES (@id, @sourceId, @url, @contentHash, @title, @outlet, @publishedAt, @now, @now, @text, @points, @storyId, @learned)`);
  const update = db.prepare(`
    UPDATE articles SET url = @url, content_hash = @contentHash, title = @title, outlet = @outlet,
      published_at = coalesce(@publishedAt, published_at), updated_at = @now, text = @text, points = @points,
      story_id = coalesce(@storyId, story_id)
    WHERE id = @id`);
  const linkSource = db.prepare('INSERT OR IGNORE INTO article_sources (article_id, source_id, seen_at) VALUES (?, ?, ?)');
  const clearTopics = db.prepare('DELETE FROM article_topics WHERE article_id = ?');
  const addTopic = db.prepare('INSERT INTO article_topics (topic, article_id, relevance) VALUES (?, ?, ?)');
  const byTopic = db.prepare(`
    SELECT a.*, t.relevance FROM article_topics t JOIN articles a ON a.id = t.article_id
    WHERE t.topic = ? ORDER BY coalesce(a.published_at, a.fetched_at) DESC, a.id LIMIT ?`);
  const summary = db.prepare(`
    SELECT count(*) AS n, max(coalesce(a.published_at, a.fetched_at)) AS newest
    FROM article_topics t JOIN articles a ON a.id = t.article_id WHERE t.topic = ?`);
  const bySource = db.prepare('SELECT source_id, count(*) AS n FROM article_sources GROUP BY source_id');
  const all = db.prepare('SELECT * FROM articles ORDER BY id');
  const getMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
  const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');

  const setTopics = db.transaction((articleId: string, tags: { topic: string; relevance: number }[]) => {
    clearTopics.run(articleId);
    for (const t of tags) addTopic.run(t.topic, articleId, t.relevance);
  });

  return {
    upsert(input, { learned, now }) {
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
        status = 'updated';
      }
      linkSource.run(input.id, input.sourceId, iso);
      return status;
    },
    get(id) {
      const row = select.get(id) as ArticleRow | undefined;
      return row ? toArticle(row) : undefined;
    },
    setTopics(articleId, tags) {
      setTopics(articleId, tags);
    },
    forTopic(topic, limit) {
      return (byTopic.all(topic, limit) as (ArticleRow & { relevance: number; learned: number })[]).map((r) => ({
        ...toArticle(r),
        relevance: r.relevance,
        learned: r.learned === 1,
      }));
    },
    *iterateAll() {
      for (const row of all.iterate() as IterableIterator<ArticleRow>) yield toArticle(row);
    },
    topicSummaries(topics) {
      return topics.map((t) => {
        const r = summary.get(t.slug) as { n: number; newest: string | null };
        return { slug: t.slug, title: t.title, articleCount: r.n, newestAt: r.newest ?? undefined };
      });
    },
    countBySource() {
      return new Map((bySource.all() as { source_id: string; n: number }[]).map((r) => [r.source_id, r.n]));
    },
    getMeta(key) {
      return (getMeta.get(key) as { value: string } | undefined)?.value;
    },
    setMeta(key, value) {
      setMeta.run(key, value);
    },
  };
}
