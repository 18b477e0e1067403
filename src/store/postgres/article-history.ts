// PostgreSQL side of src/store/article-history.ts: the same answers from the same tables.
import type { ArticleHistory } from '../ports.js';
import type { Pg } from './connection.js';

export function createPostgresArticleHistory(pg: Pg): ArticleHistory {
  return {
    async seenBy(id) {
      const r = await pg.query<{ source_id: string; seen_at: string }>(
        'SELECT source_id, seen_at FROM article_sources WHERE article_id = $1 ORDER BY seen_at, source_id',
        [id],
      );
      return r.rows.map((row) => ({ sourceId: row.source_id, seenAt: row.seen_at }));
    },
    async recordAlias(id, articleId, sourceId, now) {
      if (id === articleId) return;
      await pg.query(
        'INSERT INTO article_aliases (id, article_id, source_id, seen_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
        [id, articleId, sourceId, now.toISOString()],
      );
    },
    async aliasOf(id) {
      const r = await pg.query<{ article_id: string }>(
        'SELECT l.article_id FROM article_aliases l JOIN articles a ON a.id = l.article_id WHERE l.id = $1',
        [id],
      );
      return r.rows[0]?.article_id;
    },
    async expiredAt(id) {
      const r = await pg.query<{ expired_at: string }>(
        'SELECT expired_at FROM expired_articles WHERE id = $1',
        [id],
      );
      return r.rows[0]?.expired_at;
    },
    async story(storyId) {
      const r = await pg.query<{ articles: number; outlets: number; lead: string | null }>(
        `SELECT count(*)::int AS articles, count(DISTINCT outlet)::int AS outlets,
           coalesce(max(CASE WHEN id = $1 THEN id END), min(id)) AS lead
         FROM articles WHERE story_id = $1`,
        [storyId],
      );
      const row = r.rows[0];
      return row && row.articles > 0 && row.lead
        ? { leadId: row.lead, articles: row.articles, outlets: row.outlets }
        : undefined;
    },
    async replaceTopicTags(topic, tags) {
      await pg.withTransaction(async (tx) => {
        await tx.query('DELETE FROM article_topics WHERE topic = $1', [topic]);
        if (tags.length === 0) return;
        await tx.query(
          `INSERT INTO article_topics (topic, article_id, relevance, at)
           SELECT $1, a.id, t.relevance, coalesce(a.published_at, a.fetched_at)
           FROM unnest($2::text[], $3::float8[]) AS t (article_id, relevance) JOIN articles a ON a.id = t.article_id
           ON CONFLICT (topic, article_id) DO UPDATE SET relevance = excluded.relevance`,
          [topic, tags.map((t) => t.articleId), tags.map((t) => t.relevance)],
        );
      });
    },
  };
}
