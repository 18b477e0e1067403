// Full-text search on PostgreSQL: the generated `articles.search` tsvector and its GIN index
// (schema migration 2), the twin of SQLite's FTS5 table (src/store/search.ts). A SearchQuery
// (core/search.ts) becomes one tsquery: each phrase through phraseto_tsquery (its words in order,
// stemmed like the index), the phrases ANDed, every exclusion ANDed as NOT. The words travel as
// bound parameters, so nothing typed in chat reaches PostgreSQL as syntax.
import type { SearchQuery } from '../../core/search.js';
import { toArticleWithoutText, type ArticleRow } from '../articles.js';
import type { SearchIndex } from '../ports.js';
import type { Pg } from './connection.js';

/** An article row without its text (a search hit needs only the key points), and its relevance. */
type Row = Omit<ArticleRow, 'text' | 'content_hash'> & { relevance: number };

/** The tsquery expression over parameters $1..$n (include phrases first, then exclusions). */
export function tsqueryOf(query: SearchQuery): { sql: string; params: string[] } {
  const params = [...query.include, ...query.exclude].map((p) => p.join(' '));
  const phrase = (i: number) => `phraseto_tsquery('english', $${i + 1})`;
  const include = query.include.map((_, i) => phrase(i)).join(' && ');
  const exclude = query.exclude.map((_, j) => ` && !!${phrase(query.include.length + j)}`).join('');
  return { sql: `(${include})${exclude}`, params };
}

/**
 * The `limit` most relevant matching articles by ts_rank (title weight 1.0 over text 0.33, as
 * SQLite's bm25(3, 1) weighs a title word three times a text word), each with that relevance for
 * the briefing's ranking.
 */
export function createPostgresSearch(pg: Pg): SearchIndex {
  return {
    async search(query, limit) {
      if (query.include.length === 0) return [];
      const { sql, params } = tsqueryOf(query);
      const r = await pg.query<Row>(
        `SELECT a.id, a.source_id, a.url, a.title, a.outlet, a.published_at, a.fetched_at, a.points, a.story_id,
           ts_rank('{0, 0, 0.33, 1.0}', a.search, q.q) AS relevance
         FROM (SELECT ${sql} AS q) q JOIN articles a ON a.search @@ q.q
         ORDER BY relevance DESC, a.id LIMIT $${params.length + 1}`,
        [...params, limit],
      );
      return r.rows.map((row) => ({
        ...toArticleWithoutText(row),
        relevance: Math.max(row.relevance, 1e-6),
      }));
    },
  };
}
