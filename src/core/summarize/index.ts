// Extractive key points: clean the article, score its sentences, pick the best few that do not
// repeat each other, and shorten each without changing what it says. Deterministic: the same text
// and options always give the same points, in the same order.

import { cleanParagraphs } from '../text/clean.js';
import { splitSentences } from '../text/sentences.js';
import {
  DEFAULT_WEIGHTS,
  measureArticle,
  rankSentences,
  type MeasuredArticle,
  type Ranking,
  type Sentence,
  type Weights,
} from './rank.js';
import { MAX_POINT_WORDS, shorten } from './shorten.js';
import { wordCount } from '../text/tokens.js';
import { scanStemIds, type StemIds } from '../text/scan.js';
import { contentStems, sortedSetSimilarity } from './similarity.js';

export { pointSimilarity } from './similarity.js';

/** Points per article when the caller does not say. */
export const DEFAULT_MAX_POINTS = 6;

/** Two points at least this similar (see setSimilarity) state the same fact; the lower goes. */
export const REPEAT_THRESHOLD = 0.5;

/** Options of keyPoints. */
export interface KeyPointOptions {
  /** The article's headline: sentences sharing its words rank higher. */
  title?: string;
  /** Upper bound on the number of points (default DEFAULT_MAX_POINTS). */
  maxPoints?: number;
}

/**
 * The key points of a raw article, most important first. Never empty when the text holds a
 * sentence of four or more words.
 */
export function keyPoints(text: string, options: KeyPointOptions = {}): string[] {
  return keyPointsWith(text, options, DEFAULT_WEIGHTS);
}

/**
 * keyPoints of a text its caller already cleaned (`paragraphs` is cleanParagraphs(text)), so
 * ingestion, which stores the cleaned text, cleans each article once.
 */
export function keyPointsOfCleaned(
  text: string,
  paragraphs: string[][],
  options: KeyPointOptions = {},
): string[] {
  const ranked = rankCleaned(text, paragraphs, options.title, DEFAULT_WEIGHTS);
  return ranked ? selectPoints(ranked, options, DEFAULT_WEIGHTS) : [];
}

/** keyPoints with explicit weights; exported for the evaluation bench, not for the product. */
export function keyPointsWith(text: string, options: KeyPointOptions, weights: Weights): string[] {
  const ranked = rankArticle(text, options.title, weights);
  return ranked ? selectPoints(ranked, options, weights) : [];
}

/** An article's usable sentences, ranked: what both its key points and its candidates come from. */
export interface RankedArticle {
  article: MeasuredArticle;
  /** The sentences that may become points, in article order. */
  usable: Sentence[];
  ranking: Ranking;
  /** Each usable sentence shortened into a point (null: it cannot be), filled as asked for. */
  shortened: (string | null | undefined)[];
}

/** The usable sentence k shortened into a point, computed once per article. */
export function pointAt(ranked: RankedArticle, k: number, targetWords: number): string | null {
  let p = ranked.shortened[k];
  if (p === undefined) ranked.shortened[k] = p = toPoint(ranked.usable[k] as Sentence, targetWords);
  return p;
}

/** Cleans, splits and ranks an article; undefined when it holds no sentence of four words. */
export function rankArticle(
  text: string,
  title: string | undefined,
  weights: Weights,
): RankedArticle | undefined {
  return rankCleaned(text, cleanParagraphs(text), title, weights);
}

/** rankArticle over the raw text's cleaned paragraphs, computed by the caller. */
function rankCleaned(
  text: string,
  paragraphs: string[][],
  title: string | undefined,
  weights: Weights,
): RankedArticle | undefined {
  let article: MeasuredArticle = measureArticle(paragraphs);
  // If cleaning judged everything boilerplate (a text of one unpunctuated line, say), the
  // promise of a point for any real sentence still holds: fall back to the plain sentences.
  if (!article.sentences.some((s) => s.words >= 4)) article = measureArticle([splitSentences(text)]);
  const positions: number[] = [];
  for (const s of article.sentences) if (isCandidate(s)) positions.push(s.index);
  if (positions.length === 0) for (const s of article.sentences) if (s.words >= 4) positions.push(s.index);
  if (positions.length === 0) return undefined;
  const usable = positions.map((i) => article.sentences[i] as Sentence);
  const titleStems = title ? contentStems(title) : null;
  return { article, usable, ranking: rankSentences(article, positions, titleStems, weights), shortened: [] };
}

/** The key points of a ranked article (see keyPoints). */
export function selectPoints(ranked: RankedArticle, options: KeyPointOptions, weights: Weights): string[] {
  const { article, usable, ranking } = ranked;
  const maxPoints = Math.max(1, Math.floor(options.maxPoints ?? DEFAULT_MAX_POINTS));
  const count = pointCount(usable, weights.countSteps);
  const wanted = Math.min(maxPoints, count.cap);

  // Only the best few candidates may become points (the pool), and a candidate is shortened only
  // when the selection below reaches it: most rounds stop after looking at a handful.
  const poolLimit = wanted * 2 + 2;
  const pool: Candidate[] = [];
  let nextRank = 0;
  const candidateAt = (k: number): Candidate | undefined => {
    while (pool.length <= k && pool.length < poolLimit) {
      const i = ranking.at(nextRank++);
      if (i < 0) break;
      const point = pointAt(ranked, i, weights.targetWords);
      if (point) pool.push({ point, score: ranking.score(i), ids: null });
    }
    return pool[k];
  };
  // A candidate's value never exceeds its score when the novelty discount is a factor in [0, 1]
  // (overlap stays under REPEAT_THRESHOLD), and the pool is in falling score order: once a
  // score cannot beat the best value so far, no later candidate can either.
  const valueAtMostScore = weights.novelty >= 0 && weights.novelty * REPEAT_THRESHOLD <= 1;

  // Greedy selection with a novelty discount (maximal marginal relevance): a candidate loses
  // value by how much it repeats a point already chosen, so the points cover different facts;
  // one at REPEAT_THRESHOLD or above states a chosen fact again and is never taken.
  const chosen: Candidate[] = [];
  const taken = new Set<number>();
  let secondValue = 0;
  while (chosen.length < wanted) {
    let best = -1;
    let bestValue = 0;
    for (let k = 0, c = candidateAt(0); c !== undefined; c = candidateAt(++k)) {
      if (valueAtMostScore && best >= 0 && c.score >= 0 && c.score <= bestValue) break;
      if (taken.has(k)) continue;
      let overlap = 0;
      for (const p of chosen)
        overlap = Math.max(
          overlap,
          sortedSetSimilarity(stemIdsOf(p, article.vocabulary), stemIdsOf(c, article.vocabulary)),
        );
      if (overlap >= REPEAT_THRESHOLD) continue;
      const value = c.score * (1 - weights.novelty * overlap);
      if (best < 0 || value > bestValue) {
        best = k;
        bestValue = value;
      }
    }
    if (best < 0) break;
    // Past the points the article surely holds, a point must be worth most of the second one
    // (stopRatio): the count then follows how many strong facts the article has, within the
    // cap. Editors give a story two to four highlights, most often two or three, and a third
    // point clearly weaker than the second dilutes the briefing more than it informs.
    if (chosen.length >= count.sure && bestValue < weights.stopRatio * secondValue) break;
    if (chosen.length === 1) secondValue = bestValue;
    taken.add(best);
    chosen.push(pool[best] as Candidate);
  }
  if (chosen.length === 0) return [forcePoint(usable[ranking.at(0)] as Sentence)];
  return chosen.map((c) => c.point);
}

/** A shortened sentence that may become a point, with its score. */
interface Candidate {
  point: string;
  score: number;
  /** Its distinct content stems as ids of the article's vocabulary, ascending; null until needed. */
  ids: number[] | null;
}

// Reused by stemIdsOf: one point's stem ids, repeats included.
const occurrences: number[] = [];

/**
 * The content stems of a candidate, computed when a comparison first needs them (most
 * candidates are never compared). Ids of the article's vocabulary stand for the stems: the same
 * stem has the same id, so the sets compare as the stems themselves would.
 */
function stemIdsOf(c: Candidate, vocabulary: StemIds): number[] {
  if (c.ids !== null) return c.ids;
  occurrences.length = 0;
  scanStemIds(c.point, vocabulary, occurrences);
  occurrences.sort((a, b) => a - b);
  const ids: number[] = [];
  for (const id of occurrences) if (ids.length === 0 || ids[ids.length - 1] !== id) ids.push(id);
  c.ids = ids;
  return ids;
}

/**
 * Whether a sentence can stand alone as a point: four words or more, not a piece of a quotation
 * that spans sentences (an odd number of quotation marks), not a lead-in to a list or a quote
 * that the extraction cut off (ending in a colon or comma).
 */
function isCandidate(s: Sentence): boolean {
  if (s.words < 4) return false;
  let quotes = 0;
  for (let i = s.text.indexOf('"'); i >= 0; i = s.text.indexOf('"', i + 1)) quotes++;
  if (quotes % 2 === 1) return false;
  return !/[,:;]\.?$/.test(s.text);
}

export function toPoint(s: Sentence, targetWords: number): string | null {
  const point = shorten(s.text, targetWords);
  return point && wordCount(point) >= 4 ? point : null;
}

/** Last resort for an article whose every sentence is too long to cut cleanly: its first words. */
function forcePoint(s: Sentence): string {
  const words = s.text.split(' ').slice(0, MAX_POINT_WORDS);
  return words.join(' ').replace(/[,;:\u2014-]+$/, '');
}

/**
 * How many points an article deserves: a short item states one or two facts, a long story more.
 * `cap` is the most points it may get, counted in words of story text (sentence lengths vary by
 * outlet); `sure` is how many it gets whatever their scores, since its structure shows that
 * many facts (see the stop rule in keyPointsWith).
 */
function pointCount(sentences: Sentence[], steps: readonly number[]): { cap: number; sure: number } {
  let words = 0;
  let paragraphs = 0;
  for (const s of sentences) {
    words += s.words;
    if (s.opensParagraph) paragraphs++;
  }
  if (sentences.length <= 2) return { cap: sentences.length, sure: sentences.length };
  let cap = 2;
  for (const step of steps) if (words >= step) cap++;
  // Wire copy gives each fact a paragraph, so a story of many paragraphs carries more facts
  // than its word count alone suggests: one more point per five paragraphs, all of them sure.
  // Text that lost its paragraphs (one line per story) shows no such structure.
  if (paragraphs >= 3) {
    const facts = 2 + Math.floor(paragraphs / 5);
    return { cap: Math.max(cap, facts), sure: facts };
  }
  return { cap, sure: 2 };
}
