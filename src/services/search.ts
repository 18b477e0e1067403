// `/brief search <words>`: a briefing on any words. The store's full-text index finds the matching
// articles (SQLite FTS5 here; a PostgreSQL store uses tsvector with a GIN index), ranked by
// relevance; the briefing core then makes the same points, citations and story grouping as for a
// topic, over the recency window or, when nothing matched recently, the latest coverage (the
// briefing says so). Nothing matched: the reply says so and names topics that are close.
import { buildBriefing, type RankedArticle } from '../core/briefing.js';
import { message } from '../core/messages.js';
import { describeSearch, parseSearchQuery, searchKeywords, type SearchQuery } from '../core/search.js';
import { closest } from '../core/suggest.js';
import { stemmedTokens } from '../core/text/tokens.js';
import type { Briefing, Topic } from '../core/types.js';
import type { Result } from '../commands/ports.js';

/**
 * What search needs from the store: the matching articles for a parsed query, most relevant
 * first, at most `limit`, with a positive relevance. SQLite implements it with FTS5
 * (src/store/search.ts). A PostgreSQL store implements the same contract with a `tsvector`
 * column (title weighted A, text B) under a GIN index: each include phrase as
 * `phraseto_tsquery('english', ...)` joined with `&&`, each exclusion as `!!`, ranked by
 * `ts_rank`. When the store moves behind the async port (src/store/ports.ts), this becomes its
 * ArticleRepository method.
 */
export interface SearchIndex {
  search(query: SearchQuery, limit: number): Promise<RankedArticle[]>;
}

export interface SearchService {
  search(text: string, now: Date): Promise<Result<Briefing>>;
}

/** Matching articles a search briefing considers, best-ranked first. */
export const SEARCH_CANDIDATES = 200;

export function createSearchService(deps: {
  index: SearchIndex;
  /** Every topic (config and chat), for suggestions when nothing matched. */
  topics: () => Topic[] | Promise<Topic[]>;
  windowDays: number;
  maxPoints: number;
}): SearchService {
  return {
    async search(text, now) {
      const query = parseSearchQuery(text);
      if (query.include.length === 0) return { ok: false, error: { code: 'SEARCH_EMPTY' } };
      const shown = describeSearch(query);
      const found = await deps.index.search(query, SEARCH_CANDIDATES);
      if (found.length === 0) {
        const near = closeTopics(query, await deps.topics());
        return {
          ok: false,
          error: {
            code: 'SEARCH_NO_MATCH',
            params: { query: shown, suggestions: near.map((s) => `\`${s}\``).join(', ') },
          },
        };
      }
      const topic: Topic = {
        slug: 'search',
        title: message('SEARCH_TITLE', { query: shown }),
        keywords: searchKeywords(query),
        exclude: [],
      };
      return {
        ok: true,
        value: buildBriefing(topic, found, now, { windowDays: deps.windowDays, maxPoints: deps.maxPoints }),
      };
    },
  };
}

/** Topics sharing a word (stemmed) with the query's words, else spelt like them; at most three. */
export function closeTopics(query: SearchQuery, topics: Topic[]): string[] {
  const words = new Set(query.include.flat().flatMap((w) => stemmedTokens(w)));
  const sharing = topics
    .map((t) => {
      const own = new Set(stemmedTokens([t.slug.replace(/-/g, ' '), t.title, ...t.keywords].join(' ')));
      return { slug: t.slug, shared: [...words].filter((w) => own.has(w)).length };
    })
    .filter((t) => t.shared > 0)
    .sort((a, b) => b.shared - a.shared || a.slug.localeCompare(b.slug))
    .map((t) => t.slug);
  if (sharing.length > 0) return sharing.slice(0, 3);
  const slugs = topics.map((t) => t.slug);
  return [...new Set(query.include.flat().flatMap((w) => closest(w, slugs, 3)))].slice(0, 3);
}
