// Full-text search over stored articles with SQLite FTS5 (compiled into better-sqlite3): the
// `articles_fts` index (migration 4) mirrors each article's title and text through triggers, with
// the Porter stemmer so "exports" finds "export". A SearchQuery (core/search.ts) becomes an FTS5
// MATCH expression here: every phrase quoted and ANDed, every exclusion NOTed. Query words are
// letters and digits only (the core's tokens), so nothing typed in chat reaches FTS5 as syntax.
import type { SearchPhrase, SearchQuery } from '../core/search.js';
import { toArticleWithoutText, type ArticleRow } from './articles.js';
import type { Db } from './db.js';
import type { SearchIndex } from './ports.js';

/** The FTS5 MATCH expression for a query with at least one phrase to include. */
export function ftsMatch(query: SearchQuery): string {
  const phrase = (p: SearchPhrase) => `"${p.join(' ').replace(/"/g, '')}"`;
  const include = query.include.map(phrase).join(' AND ');
  return query.exclude.reduce((expr, p) => `${expr} NOT ${phrase(p)}`, `(${include})`);
}

/** An article row without its text (a search hit needs only the key points), and its relevance. */
type Row = Omit<ArticleRow, 'text' | 'content_hash'> & { relevance: number };

/**
 * The `limit` most relevant matching articles by BM25 (title words weigh three times text
 * words), each with that relevance for the briefing's ranking; the briefing core then picks the
 * recency window among them. Ranked rather than newest-first because FTS5 finds the top ones
 * without sorting every match by date: a word in most of 10,000 articles stays fast (see
 * bench/search.ts).
 */
export function createSqliteSearch(db: Db): SearchIndex {
  const match = db.prepare(`
    SELECT a.id, a.source_id, a.url, a.title, a.outlet, a.published_at, a.fetched_at, a.points, a.story_id,
      -rank AS relevance
    FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
    WHERE articles_fts MATCH ? AND rank MATCH 'bm25(3.0, 1.0)'
    ORDER BY rank
    LIMIT ?`);
  return {
    async search(query, limit) {
      if (query.include.length === 0) return [];
      return (match.all(ftsMatch(query), limit) as Row[]).map((r) => ({
        ...toArticleWithoutText(r),
        relevance: Math.max(r.relevance, 1e-6),
      }));
    },
  };
}
