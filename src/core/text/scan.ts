// A fast path for the summarizer's hottest loop: the content-word stems of a text, without
// allocating a string per token. tokenize() + contentStem() would slice and lowercase every
// token and hash it in a large Map; here the hash is computed while scanning, looked up in an
// open-addressing table, and verified against the text character by character, so a word seen
// before costs no allocation at all. The result is exactly what tokenize + contentStem give.
//
// The summarizer wants numbers, not strings: scanStemIds gives each content stem an id in a
// StemIds vocabulary, and remembers that id in the token's table slot, so a token met again in
// the same article costs neither a string hash nor a Map lookup.

import { contentStem } from './tokens.js';

const CAPACITY = 1 << 16; // slots; a power of two so a mask finds the slot
const MAX_FILL = CAPACITY >> 1; // clear when half full: short probes, bounded memory
// Filled with '' (an empty slot) up front so the arrays stay packed arrays of strings.
const tokens: string[] = new Array<string>(CAPACITY).fill('');
// The numbers of a slot side by side, so one cache line holds what a lookup reads: the token's
// hash and the global id of its stem (-1: not a content word).
const SLOT_INTS = 2;
const HASH = 0;
const STEM = 1;
const slotInts = new Int32Array(CAPACITY * SLOT_INTS);
let filled = 0;

// Global stem ids, so that the tokens of one stem ("plan", "plans", "planned") share one id and
// an article can map a stem to its own id by array indexing (see StemIds). Interned when a token
// enters the table; cleared with it (which starts a new generation).
const stemIdOf = new Map<string, number>();
const stemOf: string[] = [];
// FNV-1a of each global stem (see scanWordHashes).
const stemHash: number[] = [];
// Per global stem id: the vocabulary (by its stamp) that last gave it an id, and that id.
const stemOwner = new Int32Array(CAPACITY);
const stemLocal = new Int32Array(CAPACITY);
let generation = 0;

/** The global id of a stem, interning it if new; clears everything first when full. */
function intern(stem: string): number {
  let id = stemIdOf.get(stem);
  if (id === undefined) {
    if (stemOf.length >= CAPACITY) clearTables();
    id = stemOf.length;
    stemIdOf.set(stem, id);
    stemOf.push(stem);
    stemHash.push(fnv1a(stem));
    stemOwner[id] = 0;
  }
  return id;
}

function clearTables(): void {
  tokens.fill('');
  filled = 0;
  stemIdOf.clear();
  stemOf.length = 0;
  stemHash.length = 0;
  stemOwner.fill(0);
  generation++;
}

// Character classes of ASCII codes: one array read instead of three range tests per character,
// which is most of the scan. Anything from 128 up is classified by its Unicode category.
const NOT_WORD = 0;
const LOWER_OR_DIGIT = 1;
const UPPER = 2;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = LOWER_OR_DIGIT;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = LOWER_OR_DIGIT;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = UPPER;
const NON_ASCII_WORD_CHAR_RE = /[\p{L}\p{N}]/u;

/** Same rule as tokens.ts isWordChar (letters and digits), by code. */
function isWordCode(text: string, i: number, c: number): boolean {
  return c < 128 ? ASCII_CLASS[c] !== NOT_WORD : NON_ASCII_WORD_CHAR_RE.test(text.charAt(i));
}

// The token found by nextToken: text[tokenStart..tokenEnd), its hash over lowercase codes, and
// whether it is plain ASCII letters and digits (the table path) or needs the general path
// (apostrophes, accented letters). Module state rather than a returned object: this runs for
// every word of every article and must not allocate.
let tokenStart = 0;
let tokenEnd = 0;
let tokenHash = 0;
let tokenSimple = true;

/** Finds the first token in text[from..n); returns false when there is none. */
function nextToken(text: string, from: number, n: number): boolean {
  let i = from;
  while (i < n && !isWordCode(text, i, text.charCodeAt(i))) i++;
  if (i >= n) return false;
  tokenStart = i;
  let simple = true;
  let hash = 0x811c9dc5 | 0; // FNV-1a over lowercase codes
  while (i < n) {
    const c = text.charCodeAt(i);
    const kind = c < 128 ? ASCII_CLASS[c] : NOT_WORD;
    if (kind === LOWER_OR_DIGIT) {
      hash = Math.imul(hash ^ c, 0x01000193);
    } else if (kind === UPPER) {
      hash = Math.imul(hash ^ (c | 32), 0x01000193);
    } else if (c >= 128 && isWordCode(text, i, c)) {
      simple = false;
    } else if ((c === 39 || c === 0x2019) && i + 1 < n && isWordCode(text, i + 1, text.charCodeAt(i + 1))) {
      simple = false; // an apostrophe inside a word: dropped, so "Japan's" meets "Japans"
    } else break;
    i++;
  }
  tokenEnd = i;
  tokenHash = hash;
  tokenSimple = simple;
  return true;
}

/**
 * Calls `visit` with the content stem of every word of `text` that is a content word (in order,
 * repeats included); returns the number of word tokens (content or not).
 */
export function scanContentStems(text: string, visit: (stem: string) => void): number {
  let count = 0;
  for (let i = 0, n = text.length; nextToken(text, i, n); i = tokenEnd) {
    count++;
    const stem = tokenSimple
      ? stemOfSlot(lookup(text, tokenStart, tokenEnd, tokenHash))
      : slowStem(text.slice(tokenStart, tokenEnd));
    if (stem) visit(stem);
  }
  return count;
}

/**
 * Content-stem ids of an article: the same stem always gets the same id, counted from 0 in the
 * order stems are first met. Each vocabulary has a stamp of its own so the global stem arrays
 * can remember which vocabulary an id belongs to.
 */
export class StemIds {
  readonly stamp: number = nextStamp();
  /** Stem of each id. */
  private readonly stems: string[] = [];
  /** Stem -> id; built only when needed (a title lookup, or the tables were cleared meanwhile). */
  private byStem: Map<string, number> | null = null;
  /** While the global tables keep this generation, a stem not stamped with this vocabulary is new. */
  private readonly generation = generation;

  /** Number of distinct stems seen. */
  get size(): number {
    return this.stems.length;
  }

  /** The id of `stem`, if it was seen. */
  get(stem: string): number | undefined {
    return this.index().get(stem);
  }

  /** The id of the stem with global id `g`, given the next free id if it is new. */
  idOfGlobal(g: number): number {
    if (stemOwner[g] === this.stamp) return stemLocal[g] as number;
    const stem = stemOf[g] as string;
    let id: number | undefined;
    // Since a clear, global ids no longer say whether this vocabulary met the stem before.
    if (this.generation !== generation) id = this.index().get(stem);
    if (id === undefined) {
      id = this.stems.length;
      this.stems.push(stem);
      this.byStem?.set(stem, id);
    }
    stemOwner[g] = this.stamp;
    stemLocal[g] = id;
    return id;
  }

  private index(): Map<string, number> {
    if (this.byStem === null) this.byStem = new Map(this.stems.map((stem, id) => [stem, id]));
    return this.byStem;
  }
}

let lastStamp = 0;

function nextStamp(): number {
  // After 2^31 vocabularies, start over; forget every stem's owner so no old stamp can match.
  if (lastStamp === 0x7fffffff) {
    lastStamp = 0;
    stemOwner.fill(0);
  }
  return ++lastStamp;
}

/**
 * Appends to `out` the id in `vocabulary` of the content stem of every content word of
 * text[start..end) (in order, repeats included); returns the number of word tokens (content or
 * not). Gives the same stems as scanContentStems of that piece of text, provided a word does not
 * run across `start` or `end` (a sentence of a text joined with spaces or newlines, say).
 */
export function scanStemIds(
  text: string,
  vocabulary: StemIds,
  out: number[],
  start = 0,
  end = text.length,
): number {
  let count = 0;
  for (let i = start; nextToken(text, i, end); i = tokenEnd) {
    count++;
    let g: number;
    if (tokenSimple) g = slotInts[lookup(text, tokenStart, tokenEnd, tokenHash) * SLOT_INTS + STEM] as number;
    else {
      const stem = slowStem(text.slice(tokenStart, tokenEnd));
      g = stem ? intern(stem) : -1;
    }
    if (g >= 0) out.push(vocabulary.idOfGlobal(g));
  }
  return count;
}

/** 32-bit FNV-1a of a string, as nextToken hashes a token's lowercase codes. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Calls `visit` for every word of `text`, in order: a content word with the hash of its stem
 * and `true`, any other word (a stopword, a single letter) with the hash of its lowercase form
 * and `false`. Hashes are fnv1a values, so they are the same in every text and every run; returns
 * the number of words.
 */
export function scanWordHashes(text: string, visit: (hash: number, content: boolean) => void): number {
  let count = 0;
  for (let i = 0, n = text.length; nextToken(text, i, n); i = tokenEnd) {
    count++;
    if (tokenSimple) {
      const g = slotInts[lookup(text, tokenStart, tokenEnd, tokenHash) * SLOT_INTS + STEM] as number;
      if (g >= 0) visit(stemHash[g] as number, true);
      else visit(tokenHash >>> 0, false);
    } else {
      const raw = text
        .slice(tokenStart, tokenEnd)
        .toLowerCase()
        .replace(/['\u2019]/g, '');
      const stem = contentStem(raw);
      visit(fnv1a(stem || raw), stem !== '');
    }
  }
  return count;
}

function stemOfSlot(slot: number): string {
  const g = slotInts[slot * SLOT_INTS + STEM] as number;
  return g < 0 ? '' : (stemOf[g] as string);
}

function slowStem(raw: string): string {
  return contentStem(raw.toLowerCase().replace(/['\u2019]/g, ''));
}

/** The table slot of the token text[start..end), filled with its stem if it was not there. */
function lookup(text: string, start: number, end: number, hash: number): number {
  const mask = CAPACITY - 1;
  let slot = hash & mask;
  for (;;) {
    const token = tokens[slot] as string;
    if (token === '') break;
    if (slotInts[slot * SLOT_INTS + HASH] === hash && sameToken(token, text, start, end)) return slot;
    slot = (slot + 1) & mask;
  }
  if (filled >= MAX_FILL) {
    clearTables();
    slot = hash & mask;
  }
  const token = text.slice(start, end).toLowerCase();
  const stem = contentStem(token);
  const before = generation;
  const stemId = stem ? intern(stem) : -1;
  // intern clears the tables when they are full of stems: the token then starts a fresh probe.
  if (generation !== before) slot = hash & mask;
  tokens[slot] = token;
  slotInts[slot * SLOT_INTS + HASH] = hash;
  slotInts[slot * SLOT_INTS + STEM] = stemId;
  filled++;
  return slot;
}

/** token equals text[start..end) lowercased (both ASCII letters and digits). */
function sameToken(token: string, text: string, start: number, end: number): boolean {
  if (token.length !== end - start) return false;
  for (let k = 0; k < token.length; k++) {
    const c = text.charCodeAt(start + k);
    if (token.charCodeAt(k) !== (c >= 65 && c <= 90 ? c | 32 : c)) return false;
  }
  return true;
}
