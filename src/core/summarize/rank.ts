// Sentence scoring. A news story puts its most important facts first (the inverted pyramid), so
// position is the strongest signal; among the early sentences, those that share the story's
// recurring words (centrality), its title's words and its names and numbers carry the news, while
// questions, quotations, pronoun-led and first-person sentences depend on context a point lacks.

import { isStopword } from '../text/stopwords.js';
import { stem, tokenize } from '../text/tokens.js';

/** One sentence of the cleaned article, measured once. */
export interface Sentence {
  /** Position in the cleaned article, from 0. */
  index: number;
  /** True for the first sentence of a paragraph (feeds that keep paragraphs mark topic starts). */
  opensParagraph: boolean;
  text: string;
  /** Stemmed content words (set). */
  stems: Set<string>;
  words: number;
}

/** Weights of the scoring features; see DEFAULT_WEIGHTS for what each does. */
export interface Weights {
  /** Sentences at this position (0-based) get half the position prior of the first. */
  halfLife: number;
  centrality: number;
  title: number;
  lead: number;
  specifics: number;
}

export const DEFAULT_WEIGHTS: Weights = {
  halfLife: 3,
  centrality: 1,
  title: 1,
  lead: 0.5,
  specifics: 0.3,
};

/** Measures the sentences of an article (content-word stems, length). */
export function measureSentences(paragraphs: string[][]): Sentence[] {
  const out: Sentence[] = [];
  for (const paragraph of paragraphs) {
    paragraph.forEach((text, i) => {
      const stems = new Set<string>();
      const tokens = tokenize(text);
      for (const token of tokens) if (token.length > 1 && !isStopword(token)) stems.add(stem(token));
      out.push({ index: out.length, opensParagraph: i === 0, text, stems, words: tokens.length });
    });
  }
  return out;
}

/** Scores each sentence (higher is more important); the array follows `sentences`. */
export function scoreSentences(sentences: Sentence[], titleStems: Set<string> | null, w: Weights): number[] {
  // How many sentences use each stem: a word the story keeps coming back to is its topic.
  const df = new Map<string, number>();
  for (const s of sentences) for (const t of s.stems) df.set(t, (df.get(t) ?? 0) + 1);
  const lead = sentences[0]?.stems;

  const raw = sentences.map((s) => {
    let central = 0;
    for (const t of s.stems) central += Math.log(df.get(t) ?? 1);
    // Normalized by the square root of length: long sentences should not win by size alone,
    // nor short ones by having a single topic word.
    return central / Math.sqrt(s.stems.size + 4);
  });
  const maxCentral = Math.max(1e-9, ...raw);

  return sentences.map((s, i) => {
    const position = 1 / (1 + s.index / w.halfLife);
    let relevance = 1 + w.centrality * ((raw[i] as number) / maxCentral);
    if (titleStems && titleStems.size > 0) relevance += w.title * overlap(s.stems, titleStems);
    else if (lead && i > 0) relevance += w.lead * overlap(s.stems, lead);
    relevance += w.specifics * specifics(s.text);
    return position * relevance * contextPenalty(s);
  });
}

/** Share of `ref` found in `stems`. */
function overlap(stems: Set<string>, ref: Set<string>): number {
  let shared = 0;
  for (const t of ref) if (stems.has(t)) shared++;
  return ref.size > 0 ? shared / ref.size : 0;
}

/** Names and numbers make a point concrete: 0..1 by how many the sentence holds. */
function specifics(text: string): number {
  const names = text.match(/(?<=\S )\p{Lu}\p{Ll}+/gu)?.length ?? 0;
  const numbers = text.match(/\d+/g)?.length ?? 0;
  return Math.min(1, (names + numbers) / 6);
}

// Sentences that open with a pronoun or a demonstrative point back to something the reader of a
// lone point has not seen.
const BACK_REFERENCE_RE = /^(?:he|she|it|they|this|that|these|those|his|her|its|their|there|such|the two|both)\b/i;

/** Multiplier below 1 for sentences that need their context to make sense. */
function contextPenalty(s: Sentence): number {
  let p = 1;
  const t = s.text;
  if (s.words < 6) p *= 0.3;
  if (/\?["')]?$/.test(t)) p *= 0.3;
  if (t.startsWith('"')) p *= 0.5;
  if (BACK_REFERENCE_RE.test(t)) p *= 0.6;
  // First person outside quotation marks: a column's voice ("I think..."), not a reported fact.
  if (/\b(?:I|I'm|my|me|My)\b/.test(t.replace(/"[^"]*"/g, ''))) p *= 0.6;
  return p;
}
