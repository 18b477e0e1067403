// Sentence scoring. A news story puts its most important facts first (the inverted pyramid), so
// position is the strongest signal; among the early sentences, those that share the story's
// recurring words (centrality), its title's words and its names and numbers carry the news, while
// questions, quotations, pronoun-led and first-person sentences depend on context a point lacks.

import { scanStemIds, StemIds } from '../text/scan.js';
import { COMES_AS_RE } from './shorten.js';

/** One sentence of the cleaned article, measured once. */
export interface Sentence {
  /** Position in the cleaned article, from 0. */
  index: number;
  /** True for the first sentence of a paragraph (feeds that keep paragraphs mark topic starts). */
  opensParagraph: boolean;
  text: string;
  /** Distinct content-word stems, as article-local ids (see MeasuredArticle.vocabulary). */
  ids: number[];
  /** Number of word tokens. */
  words: number;
}

/** An article's sentences with the article-wide counts that scoring needs. */
export interface MeasuredArticle {
  sentences: Sentence[];
  /** Content stem -> id. Ids keep per-sentence work to array indexing instead of hashing. */
  vocabulary: StemIds;
  /** For each id, how many sentences contain it. */
  df: number[];
}

/** Weights of the scoring features; see DEFAULT_WEIGHTS for what each does. */
export interface Weights {
  /** Sentences at this position (0-based) get half the position prior of the first. */
  halfLife: number;
  centrality: number;
  title: number;
  lead: number;
  specifics: number;
  /** Points longer than this many words are cut at a clause boundary where possible. */
  targetWords: number;
  /** How much a candidate's overlap with chosen points discounts it (0: only the hard cut). */
  novelty: number;
  /** Article lengths (in words) at which one more point is allowed, starting from 2 points. */
  countSteps: readonly number[];
  /** A third or later point must be worth at least this share of the second point. */
  stopRatio: number;
  /** Factor for a sentence that does not open its paragraph, in text with paragraphs. */
  continuation: number;
}

export const DEFAULT_WEIGHTS: Weights = {
  halfLife: 3,
  centrality: 1,
  title: 2,
  lead: 0.5,
  specifics: 0.3,
  targetWords: 25,
  novelty: 0.5,
  countSteps: [250, 800, 1300, 2000],
  stopRatio: 0.75,
  continuation: 0.8,
};

/** Measures the sentences of an article: content-word stems, length, document frequencies. */
export function measureArticle(paragraphs: string[][]): MeasuredArticle {
  const sentences: Sentence[] = [];
  const vocabulary = new StemIds();
  const df: number[] = [];
  // lastSeen[id] is the last sentence that counted id, so each stem counts once per sentence.
  const lastSeen: number[] = [];
  const occurrences: number[] = []; // one sentence's stem ids, repeats included; reused
  // The sentences are pieces cut out of the article's text, and reading characters through such
  // a piece costs more than reading a string of its own; so they are scanned in one fresh copy
  // of the whole article, a newline between sentences so that no word runs across two.
  const joined = paragraphs.map((paragraph) => paragraph.join('\n')).join('\n');
  let start = 0;
  for (const paragraph of paragraphs) {
    for (let p = 0; p < paragraph.length; p++) {
      const text = paragraph[p] as string;
      const index = sentences.length;
      const ids: number[] = [];
      occurrences.length = 0;
      const words = scanStemIds(joined, vocabulary, occurrences, start, start + text.length);
      start += text.length + 1;
      for (const id of occurrences) {
        // Ids are handed out in order, so a new one is always the next index.
        if (id === df.length) {
          df.push(0);
          lastSeen.push(-1);
        }
        if (lastSeen[id] === index) continue;
        lastSeen[id] = index;
        df[id] = (df[id] as number) + 1;
        ids.push(id);
      }
      sentences.push({ index, opensParagraph: p === 0, text, ids, words });
    }
  }
  return { sentences, vocabulary, df };
}

/** The sentences at `positions`, best first, scored only as far as the caller reads. */
export interface Ranking {
  /** Index into `positions` of the n-th best sentence (ties: earlier first), or -1 past the end. */
  at(n: number): number;
  /** Score of the sentence at index `k` of `positions` (higher is more important). */
  score(k: number): number;
}

/**
 * Ranks the sentences at `positions` in `article.sentences`. `titleStems` are content stems of
 * the headline, if there is one.
 *
 * The summarizer reads only the top few of an article's sentences, so the costly parts of a
 * score (a pass over the characters for names and numbers, the context patterns) are computed
 * only for sentences that could still come next: every sentence first gets an upper bound from
 * its cheap parts, and a sentence is scored exactly when its bound reaches the top. The order is
 * exactly that of sorting all exact scores (falling, ties by position).
 */
export function rankSentences(
  article: MeasuredArticle,
  positions: number[],
  titleStems: Set<string> | null,
  w: Weights,
): Ranking {
  const { sentences, vocabulary, df } = article;
  // A word the story keeps coming back to is its topic: weight each stem by log(df).
  const weight = df.map((n) => Math.log(n));
  // The headline if there is one, else the lead sentence, states what the story is about.
  const reference = new Uint8Array(df.length);
  let referenceSize = 0;
  let referenceWeight = 0;
  const hasTitle = titleStems !== null && titleStems.size > 0;
  if (titleStems && titleStems.size > 0) {
    for (const t of titleStems) {
      const id = vocabulary.get(t);
      if (id !== undefined) reference[id] = 1;
    }
    referenceSize = titleStems.size;
    referenceWeight = w.title;
  } else if (sentences[0]) {
    for (const id of sentences[0].ids) reference[id] = 1;
    referenceSize = sentences[0].ids.length;
    referenceWeight = w.lead;
  }

  let paragraphs = 0;
  for (const s of sentences) if (s.opensParagraph) paragraphs++;
  const paragraphed = paragraphs >= 3;

  const central: number[] = [];
  let maxCentral = 1e-9;
  for (const i of positions) {
    const s = sentences[i] as Sentence;
    let c = 0;
    for (const id of s.ids) c += weight[id] as number;
    // Normalized by the square root of length: long sentences should not win by size alone,
    // nor short ones by having a single topic word.
    c /= Math.sqrt(s.ids.length + 4);
    central.push(c);
    if (c > maxCentral) maxCentral = c;
  }

  // The cheap parts of each score, and from them a bound the exact score cannot exceed:
  // specifics adds at most w.specifics and the context penalty only multiplies by 1 or less.
  // Without a positive position prior and continuation factor no bound holds; every sentence
  // is then scored exactly before any is returned (an infinite bound).
  const boundsHold = w.halfLife > 0 && w.continuation >= 0;
  const n = positions.length;
  const prior = new Float64Array(n); // position prior
  const baseRelevance = new Float64Array(n); // relevance without specifics
  const factor = new Float64Array(n); // continuation
  const key = new Float64Array(n); // the bound, then the exact score
  const exact = new Uint8Array(n);
  const ranked = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const s = sentences[positions[k] as number] as Sentence;
    prior[k] = 1 / (1 + s.index / w.halfLife);
    let relevance = 1 + (w.centrality * (central[k] as number)) / maxCentral;
    // The lead sentence is its own reference; overlap with itself says nothing.
    if (referenceSize > 0 && (hasTitle || s.index > 0)) {
      let shared = 0;
      for (const id of s.ids) shared += reference[id] as number;
      relevance += (referenceWeight * shared) / referenceSize;
    }
    baseRelevance[k] = relevance;
    // Wire copy states one fact per paragraph, in its first sentence; later sentences of the
    // paragraph elaborate it. Only meaningful when the text has paragraphs at all.
    factor[k] = paragraphed && !s.opensParagraph ? w.continuation : 1;
    // Under a negative value the penalty (a factor up to 1) raises the score toward 0.
    key[k] = boundsHold
      ? Math.max(0, (prior[k] as number) * (relevance + Math.max(0, w.specifics)) * (factor[k] as number))
      : Infinity;
  }

  const scoreExactly = (k: number): number => {
    const s = sentences[positions[k] as number] as Sentence;
    const relevance = (baseRelevance[k] as number) + w.specifics * specifics(s.text);
    return (prior[k] as number) * relevance * (factor[k] as number) * contextPenalty(s);
  };

  const order: number[] = [];
  // Appends the next best to `order`: the sentence with the highest key (the earliest among
  // equals); if that key is only a bound, score it exactly and look again. A sentence whose
  // exact score is on top beats every other's bound, so beats every other's exact score.
  const extend = (): boolean => {
    for (;;) {
      let top = -1;
      for (let k = 0; k < n; k++)
        if (!ranked[k] && (top < 0 || (key[k] as number) > (key[top] as number))) top = k;
      if (top < 0) return false;
      if (exact[top]) {
        ranked[top] = 1;
        order.push(top);
        return true;
      }
      key[top] = scoreExactly(top);
      exact[top] = 1;
    }
  };

  return {
    at(rank: number): number {
      while (order.length <= rank) if (!extend()) return -1;
      return order[rank] as number;
    },
    score(k: number): number {
      if (!exact[k]) {
        key[k] = scoreExactly(k);
        exact[k] = 1;
      }
      return key[k] as number;
    },
  };
}

/** Names and numbers make a point concrete: 0..1 by how many the sentence holds. */
function specifics(text: string): number {
  // Counts capitalized words after the first (names, places) and runs of digits.
  let count = 0;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const prev = text.charCodeAt(i - 1);
    if (prev === 32 && c >= 65 && c <= 90) count++;
    else if (c >= 48 && c <= 57 && !(prev >= 48 && prev <= 57) && prev !== 44 && prev !== 46) count++;
  }
  return Math.min(1, count / 6);
}

// Sentences that open with a pronoun or a demonstrative point back to something the reader of a
// lone point has not seen.
const BACK_REFERENCE_RE =
  /^(?:he|she|it|they|this|that|these|those|his|her|its|their|there|such|the two|both)\b/i;

/** Share of the characters of `t` inside quotation marks: a sentence mostly quoted is color. */
function quotedShare(t: string): number {
  let inside = 0;
  let open = -1;
  for (let i = t.indexOf('"'); i >= 0; i = t.indexOf('"', i + 1)) {
    if (open < 0) open = i;
    else {
      inside += i - open;
      open = -1;
    }
  }
  return inside / t.length;
}

const FIRST_PERSON_RE = /\b(?:I|my|me|My)\b/;

/** Multiplier below 1 for sentences that need their context to make sense. */
function contextPenalty(s: Sentence): number {
  let p = 1;
  const t = s.text;
  if (s.words < 6) p *= 0.3;
  if (/\?["')]?$/.test(t)) p *= 0.3;
  if (t.startsWith('"') || quotedShare(t) > 0.4) p *= 0.5;
  if (BACK_REFERENCE_RE.test(t) && !COMES_AS_RE.test(t)) p *= 0.6;
  // First person outside quotation marks: a column's voice ("I think..."), not a reported fact.
  if (FIRST_PERSON_RE.test(t) && FIRST_PERSON_RE.test(t.replace(/"[^"]*"/g, ''))) p *= 0.6;
  return p;
}
