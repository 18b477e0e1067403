// Word tokens and a Porter stemmer (M. F. Porter, "An algorithm for suffix stripping", 1980),
// written for newsbrief. Topic keyword matching, near-duplicate detection and the summarizer all
// compare words through these functions, so their output must stay stable: changing a rule here
// changes which articles match which topics.

import { isStopword } from './stopwords.js';

// Letters and digits are word characters; an apostrophe between two of them is dropped so that
// "Japan's" and "Japans" meet at the same stem and "don't" stays one token. Written as a loop over
// character codes with an ASCII fast path: tokenizing is most of the summarizer's time.
const NON_ASCII_WORD_CHAR_RE = /[\p{L}\p{N}]/u;

/** True if text[i] is a letter or digit (ASCII tested by code, the rest by Unicode class). */
export function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  return NON_ASCII_WORD_CHAR_RE.test(text.charAt(i));
}

/** True for the straight and the typographic apostrophe. */
export function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** Lowercase word tokens of `text`, in order (apostrophes inside words are removed). */
export function tokenize(text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  const n = lower.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(lower, i)) {
      i++;
      continue;
    }
    const start = i;
    let hasApostrophe = false;
    while (i < n) {
      if (isWordChar(lower, i)) i++;
      else if (isApostrophe(lower.charCodeAt(i)) && i + 1 < n && isWordChar(lower, i + 1)) {
        hasApostrophe = true;
        i++;
      } else break;
    }
    const token = lower.slice(start, i);
    out.push(hasApostrophe ? token.replace(/['\u2019]/g, '') : token);
  }
  return out;
}

/** Stems of the tokens of `text`, in order. */
export function stemmedTokens(text: string): string[] {
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) tokens[i] = stem(tokens[i] as string);
  return tokens;
}

// Content-word stems are looked up once per token by the summarizer and the similarity measure;
// one cache answering "stopword or stem?" costs one lookup where two (stopword set, stem cache)
// would cost two. An empty string marks a token that is not a content word.
const contentCache = new Map<string, string>();

/**
 * The stem of a lowercase token if it is a content word, or '' for a stopword or a one-letter
 * token (see isStopword).
 */
export function contentStem(token: string): string {
  const hit = contentCache.get(token);
  if (hit !== undefined) return hit;
  const result = token.length > 1 && !isStopword(token) ? stem(token) : '';
  if (contentCache.size >= CACHE_LIMIT) contentCache.clear();
  contentCache.set(token, result);
  return result;
}

// Stemming the same few thousand words over and over is most of the cost of summarizing, so
// stems are memoized. The cache is bounded (cleared when full) so a long-running bot reading
// ever-new vocabulary cannot grow it without limit.
const CACHE_LIMIT = 50_000;
const cache = new Map<string, string>();

/**
 * Porter stem of one lowercase word. Words of one or two letters and words containing anything
 * but a-z (digits, accented letters) are returned unchanged.
 */
export function stem(word: string): string {
  if (word.length <= 2) return word;
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const result = /^[a-z]+$/.test(word) ? porter(word) : word;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}

// --- the algorithm ------------------------------------------------------------------------
// Terms follow Porter's paper: a word is [C](VC)^m[V], where C and V are runs of consonants and
// vowels; m is the "measure" of a stem. "y" is a consonant at the start or after a vowel.

function isConsonant(w: string, i: number): boolean {
  const c = w.charCodeAt(i);
  // a e i o u
  if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117) return false;
  if (c === 121) return i === 0 || !isConsonant(w, i - 1); // y
  return true;
}

/** m of w[0..end): the number of vowel-to-consonant transitions. */
function measure(w: string, end: number): number {
  let m = 0;
  let i = 0;
  while (i < end && isConsonant(w, i)) i++;
  while (i < end) {
    while (i < end && !isConsonant(w, i)) i++;
    if (i >= end) break;
    m++;
    while (i < end && isConsonant(w, i)) i++;
  }
  return m;
}

function hasVowel(w: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (!isConsonant(w, i)) return true;
  return false;
}

/** w[0..end) ends with a double consonant. */
function doubleConsonant(w: string, end: number): boolean {
  return end >= 2 && w[end - 1] === w[end - 2] && isConsonant(w, end - 1);
}

/** w[0..end) ends consonant-vowel-consonant, the last not w, x or y ("hop", not "snow"). */
function cvc(w: string, end: number): boolean {
  if (end < 3) return false;
  if (!isConsonant(w, end - 1) || isConsonant(w, end - 2) || !isConsonant(w, end - 3)) return false;
  const c = w[end - 1];
  return c !== 'w' && c !== 'x' && c !== 'y';
}

/** If w ends with one of the suffixes (first match wins) and the stem's measure > minM, swap it. */
function replaceSuffix(w: string, rules: readonly (readonly [string, string])[], minM: number): string {
  for (const [suffix, replacement] of rules) {
    if (w.endsWith(suffix)) {
      const stemEnd = w.length - suffix.length;
      return measure(w, stemEnd) > minM ? w.slice(0, stemEnd) + replacement : w;
    }
  }
  return w;
}

const STEP2: readonly (readonly [string, string])[] = [
  ['ational', 'ate'],
  ['tional', 'tion'],
  ['enci', 'ence'],
  ['anci', 'ance'],
  ['izer', 'ize'],
  ['bli', 'ble'],
  ['alli', 'al'],
  ['entli', 'ent'],
  ['eli', 'e'],
  ['ousli', 'ous'],
  ['ization', 'ize'],
  ['ation', 'ate'],
  ['ator', 'ate'],
  ['alism', 'al'],
  ['iveness', 'ive'],
  ['fulness', 'ful'],
  ['ousness', 'ous'],
  ['aliti', 'al'],
  ['iviti', 'ive'],
  ['biliti', 'ble'],
  ['logi', 'log'],
];
const STEP3: readonly (readonly [string, string])[] = [
  ['icate', 'ic'],
  ['ative', ''],
  ['alize', 'al'],
  ['iciti', 'ic'],
  ['ical', 'ic'],
  ['ful', ''],
  ['ness', ''],
];
const STEP4 = [
  'al',
  'ance',
  'ence',
  'er',
  'ic',
  'able',
  'ible',
  'ant',
  'ement',
  'ment',
  'ent',
  'ion',
  'ou',
  'ism',
  'ate',
  'iti',
  'ous',
  'ive',
  'ize',
];

function porter(input: string): string {
  let w = input;

  // Step 1a: plurals.
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (!w.endsWith('ss') && w.endsWith('s')) w = w.slice(0, -1);

  // Step 1b: past tenses and gerunds, then tidy the stem they leave.
  if (w.endsWith('eed')) {
    if (measure(w, w.length - 3) > 0) w = w.slice(0, -1);
  } else {
    let cut = 0;
    if (w.endsWith('ed') && hasVowel(w, w.length - 2)) cut = 2;
    else if (w.endsWith('ing') && hasVowel(w, w.length - 3)) cut = 3;
    if (cut > 0) {
      w = w.slice(0, -cut);
      if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
      else if (doubleConsonant(w, w.length) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
      else if (measure(w, w.length) === 1 && cvc(w, w.length)) w += 'e';
    }
  }

  // Step 1c: a final y after a vowel-bearing stem becomes i ("happy" -> "happi").
  if (w.endsWith('y') && hasVowel(w, w.length - 1)) w = w.slice(0, -1) + 'i';

  // Steps 2 and 3: map double and single derivational suffixes to simpler ones.
  w = replaceSuffix(w, STEP2, 0);
  w = replaceSuffix(w, STEP3, 0);

  // Step 4: strip remaining suffixes from stems long enough to keep meaning (m > 1).
  for (const suffix of STEP4) {
    if (!w.endsWith(suffix)) continue;
    const stemEnd = w.length - suffix.length;
    if (measure(w, stemEnd) > 1) {
      if (suffix !== 'ion' || w[stemEnd - 1] === 's' || w[stemEnd - 1] === 't') w = w.slice(0, stemEnd);
    }
    break;
  }

  // Step 5a: a final e goes when the stem stays long enough.
  if (w.endsWith('e')) {
    const m = measure(w, w.length - 1);
    if (m > 1 || (m === 1 && !cvc(w, w.length - 1))) w = w.slice(0, -1);
  }
  // Step 5b: "controll" -> "control".
  if (w.endsWith('ll') && measure(w, w.length) > 1) w = w.slice(0, -1);
  return w;
}

/** Number of space-separated words. */
export function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const space = s.charCodeAt(i) === 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}
