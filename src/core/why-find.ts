// Which stored article `/brief why <title words>` means. The store's full-text search finds the
// articles containing the words; people type words of the headline they saw, so the article whose
// title holds the most of them is the one asked about (ties go to the search's own ranking), and
// the runners-up are named in case they meant another.
import { stemmedTokens } from './text/tokens.js';

/** How many runners-up an answer names. */
export const MAX_ALTERNATIVES = 3;

/**
 * The best match and the runners-up among `found` (given best-ranked first by the search).
 * Undefined when nothing was found.
 */
export function pickByTitle<T extends { title: string }>(
  words: string,
  found: readonly T[],
): { best: T; others: T[] } | undefined {
  const wanted = new Set(stemmedTokens(words));
  const scored = found.map((article, rank) => {
    const title = new Set(stemmedTokens(article.title));
    const hits = [...wanted].filter((w) => title.has(w)).length;
    return { article, rank, hits };
  });
  scored.sort((a, b) => b.hits - a.hits || a.rank - b.rank);
  const [best, ...rest] = scored;
  if (!best) return undefined;
  return { best: best.article, others: rest.slice(0, MAX_ALTERNATIVES).map((s) => s.article) };
}
