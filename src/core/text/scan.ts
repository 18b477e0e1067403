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
const stems: string[] = new Array<string>(CAPACITY).fill('');
// The numbers of a slot side by side, so one cache line holds all a lookup reads: the token's
// hash, the vocabulary (by its stamp) that last asked for the token, and the id that vocabulary
// gave the token's stem (-1: not a content word). Owners are cleared with the slots, so a stale
// entry can never answer for a different token.
const SLOT_INTS = 4; // hash, owner, id, padding to 16 bytes
const HASH = 0;
const OWNER = 1;
const ID = 2;
const slotInts = new Int32Array(CAPACITY * SLOT_INTS);
let filled = 0;

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

/** Finds the first token at or after `from`; returns false when there is none. */
function nextToken(text: string, from: number): boolean {
  const n = text.length;
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
  for (let i = 0; nextToken(text, i); i = tokenEnd) {
    count++;
    const stem = tokenSimple ? (stems[lookup(text, tokenStart, tokenEnd, tokenHash)] as string) : slowStem(text.slice(tokenStart, tokenEnd));
    if (stem) visit(stem);
  }
  return count;
}

/**
 * Content-stem ids of an article: the same stem always gets the same id, counted from 0 in the
 * order stems are first met. Each vocabulary has a stamp of its own so table slots can remember
 * which vocabulary their id belongs to.
 */
export class StemIds {
  readonly stamp: number = nextStamp();
  private readonly byStem = new Map<string, number>();

  /** Number of distinct stems seen. */
  get size(): number {
    return this.byStem.size;
  }

  /** The id of `stem`, if it was seen. */
  get(stem: string): number | undefined {
    return this.byStem.get(stem);
  }

  /** The id of `stem`, given the next free id if it is new. */
  idOf(stem: string): number {
    let id = this.byStem.get(stem);
    if (id === undefined) {
      id = this.byStem.size;
      this.byStem.set(stem, id);
    }
    return id;
  }
}

let lastStamp = 0;

function nextStamp(): number {
  // After 2^31 vocabularies, start over; forget every slot's owner so no old stamp can match.
  if (lastStamp === 0x7fffffff) {
    lastStamp = 0;
    forgetOwners();
  }
  return ++lastStamp;
}

/**
 * Appends to `out` the id in `vocabulary` of the content stem of every content word of `text`
 * (in order, repeats included); returns the number of word tokens (content or not). Gives the
 * same stems as scanContentStems.
 */
export function scanStemIds(text: string, vocabulary: StemIds, out: number[]): number {
  const stamp = vocabulary.stamp;
  let count = 0;
  for (let i = 0; nextToken(text, i); i = tokenEnd) {
    count++;
    let id: number;
    if (tokenSimple) {
      const slot = lookup(text, tokenStart, tokenEnd, tokenHash);
      const at = slot * SLOT_INTS;
      if (slotInts[at + OWNER] === stamp) id = slotInts[at + ID] as number;
      else {
        const stem = stems[slot] as string;
        id = stem ? vocabulary.idOf(stem) : -1;
        slotInts[at + OWNER] = stamp;
        slotInts[at + ID] = id;
      }
    } else {
      const stem = slowStem(text.slice(tokenStart, tokenEnd));
      id = stem ? vocabulary.idOf(stem) : -1;
    }
    if (id >= 0) out.push(id);
  }
  return count;
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
    tokens.fill('');
    forgetOwners();
    filled = 0;
    slot = hash & mask;
  }
  const token = text.slice(start, end).toLowerCase();
  tokens[slot] = token;
  stems[slot] = contentStem(token);
  slotInts[slot * SLOT_INTS + HASH] = hash;
  slotInts[slot * SLOT_INTS + OWNER] = 0;
  filled++;
  return slot;
}

function forgetOwners(): void {
  for (let at = OWNER; at < slotInts.length; at += SLOT_INTS) slotInts[at] = 0;
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
