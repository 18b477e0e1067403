// What the store remembers about an article's way in, for `/brief why` and chat topics: which
// sources saw it and when, links folded into it because they had its text, when retention deleted
// it, the story it belongs to, and one topic's tags replaced at once. SQLite; the PostgreSQL twin
// is postgres/article-history.ts, and both answer the same contract.
import type { Db } from './db.js';
import type { ArticleHistory } from './ports.js';

export function createSqliteArticleHistory(db: Db): ArticleHistory {
  const seenBy = db.prepare(
    'SELECT source_id, seen_at FROM article_sources WHERE article_id = ? ORDER BY seen_at, source_id',
  );
  const alias = db.prepare(
    'INSERT OR IGNORE INTO article_aliases (id, article_id, source_id, seen_at) VALUES (?, ?, ?, ?)',
  );
  const aliasOf = db.prepare(
    'SELECT l.article_id FROM article_aliases l JOIN articles a ON a.id = l.article_id WHERE l.id = ?',
  );
  const expiredAt = db.prepare('SELECT expired_at FROM expired_articles WHERE id = ?');
  const story = db.prepare(
    `SELECT count(*) AS articles, count(DISTINCT outlet) AS outlets,
       coalesce(max(CASE WHEN id = @story THEN id END), min(id)) AS lead
     FROM articles WHERE story_id = @story`,
  );
  const clearTopic = db.prepare('DELETE FROM article_topics WHERE topic = ?');
  const addTopic = db.prepare(`
    INSERT INTO article_topics (topic, article_id, relevance, at)
    SELECT ?, id, ?, coalesce(published_at, fetched_at) FROM articles WHERE id = ?`);
  const replace = db.transaction((topic: string, tags: { articleId: string; relevance: number }[]) => {
    clearTopic.run(topic);
    for (const t of tags) addTopic.run(topic, t.relevance, t.articleId);
  });
  return {
    async seenBy(id) {
      return (seenBy.all(id) as { source_id: string; seen_at: string }[]).map((r) => ({
        sourceId: r.source_id,
        seenAt: r.seen_at,
      }));
    },
    async recordAlias(id, articleId, sourceId, now) {
      if (id !== articleId) alias.run(id, articleId, sourceId, now.toISOString());
    },
    async aliasOf(id) {
      return (aliasOf.get(id) as { article_id: string } | undefined)?.article_id;
    },
    async expiredAt(id) {
      return (expiredAt.get(id) as { expired_at: string } | undefined)?.expired_at;
    },
    async story(storyId) {
      const r = story.get({ story: storyId }) as { articles: number; outlets: number; lead: string | null };
      return r.articles > 0 && r.lead
        ? { leadId: r.lead, articles: r.articles, outlets: r.outlets }
        : undefined;
    },
    async replaceTopicTags(topic, tags) {
      replace(topic, tags);
    },
  };
}
