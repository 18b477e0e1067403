// An article's candidate points for a briefing across several articles: its best-ranked
// sentences, already shortened, each with its place in the article and its score there. The key
// points of one article are the few it can stand behind alone; a briefing over many articles
// needs a deeper pool, since a sentence an article ranks fifth may be the fact every other
// outlet leads with. Computed once per article (at ingest, or by `newsbrief summarize`), so a
// briefing only compares short texts.
import { conceptsOf, distinct } from '../concepts.js';
import { DEFAULT_WEIGHTS, type Sentence, type Weights } from './rank.js';
import { keyPointsWith, pointAt, rankArticle, selectPoints, type KeyPointOptions } from './index.js';

/** One sentence of an article that may become a briefing point. */
export interface PointCandidate {
  /** The shortened sentence, in the article's own words. */
  text: string;
  /** Index of the sentence in the cleaned article (0 is the lead). */
  position: number;
  /** Its score inside the article relative to the article's best candidate (0..1]. */
  score: number;
}

/** Candidates kept per article: enough to reach below the lead, few enough to compare fast. */
export const CANDIDATES_PER_ARTICLE = 8;

/** What a briefing needs of one article's text: its key points and its candidate points. */
export interface SummarizedArticle {
  points: string[];
  candidates: PointCandidate[];
  /** The article's distinct concepts (see concepts.ts): what it reports. */
  concepts: number[];
}

/**
 * The key points (exactly those of keyPoints) and the best CANDIDATES_PER_ARTICLE candidate
 * points of an article, from one cleaning and ranking of its text.
 */
export function summarizeArticle(
  text: string,
  options: KeyPointOptions = {},
  weights: Weights = DEFAULT_WEIGHTS,
  limit: number = CANDIDATES_PER_ARTICLE,
): SummarizedArticle {
  const ranked = rankArticle(text, options.title, weights);
  if (!ranked) return { points: keyPointsWith(text, options, weights), candidates: [], concepts: [] };
  const points = selectPoints(ranked, options, weights);
  const candidates: PointCandidate[] = [];
  let best = 0;
  for (let n = 0; candidates.length < limit; n++) {
    const k = ranked.ranking.at(n);
    if (k < 0) break;
    const sentence = ranked.usable[k] as Sentence;
    const point = pointAt(ranked, k, weights.targetWords);
    if (!point) continue;
    const score = ranked.ranking.score(k);
    if (candidates.length === 0) best = score > 0 ? score : 1;
    candidates.push({ text: point, position: sentence.index, score: Math.max(0, score / best) });
  }
  // An article whose every sentence resisted shortening still offers its key point.
  if (candidates.length === 0 && points[0]) candidates.push({ text: points[0], position: 0, score: 1 });
  const all: number[] = [];
  for (const sentence of ranked.article.sentences) conceptsOf(sentence.text, all);
  return { points, candidates, concepts: distinct(all) };
}

/**
 * Candidates of an article for a topic its best-ranked sentences do not mention: the sentences
 * holding a word of `matches` (best-ranked first), shortened as any candidate is. For the
 * article that mentions a topic once, deep in a story about something else.
 */
export function topicCandidates(
  text: string,
  title: string | undefined,
  matches: (sentence: string) => boolean,
  limit = 2,
  weights: Weights = DEFAULT_WEIGHTS,
): PointCandidate[] {
  const ranked = rankArticle(text, title, weights);
  if (!ranked) return [];
  const out: PointCandidate[] = [];
  let best = 0;
  for (let n = 0; out.length < limit; n++) {
    const k = ranked.ranking.at(n);
    if (k < 0) break;
    const score = ranked.ranking.score(k);
    if (n === 0) best = score > 0 ? score : 1;
    const sentence = ranked.usable[k] as Sentence;
    if (!matches(sentence.text)) continue;
    const point = pointAt(ranked, k, weights.targetWords);
    if (point && matches(point))
      out.push({ text: point, position: sentence.index, score: Math.max(0, score / best) });
  }
  return out;
}
