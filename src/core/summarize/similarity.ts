// When do two points say the same thing? Compared on the stems of their content words, so that
// "Japan plans to raise defense spending" and "Japan's planned rise in defense spending" meet,
// while function words ("the", "said") cannot make unrelated points look alike.

import { scanContentStems } from '../text/scan.js';

/** The set of stemmed content words of a text (stopwords and one-letter tokens left out). */
export function contentStems(text: string): Set<string> {
  const out = new Set<string>();
  scanContentStems(text, (s) => out.add(s));
  return out;
}

/**
 * Overlap of two stem sets as |A∩B| / sqrt(|A|·|B|) (the cosine of their binary vectors): it
 * sits between Jaccard, which undervalues a short point restating part of a long one, and
 * containment, which calls any two-word point a duplicate of a long sentence holding its words.
 */
export function setSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / Math.sqrt(a.size * b.size);
}

/**
 * setSimilarity of two sets given as ascending arrays of distinct keys (stem ids, or the stems of
 * a FactPrint): the same arithmetic on the same counts, so the same value, without building a Set.
 */
export function sortedSetSimilarity<K extends number | string>(a: readonly K[], b: readonly K[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const x = a[i] as K;
    const y = b[j] as K;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / Math.sqrt(a.length * b.length);
}

/**
 * How much two points state the same fact, 0 (nothing shared) to 1 (same content words). The
 * briefing merges points from different articles above a threshold it chooses; the summarizer
 * itself treats 0.5 and above as a repeat.
 */
export function pointSimilarity(a: string, b: string): number {
  return setSimilarity(contentStems(a), contentStems(b));
}
