// A fast path for the summarizer's hottest loop: the content-word stems of a text, without
// allocating a string per token. tokenize() + contentStem() would slice and lowercase every
// token and hash it in a large Map; here the hash is computed while scanning, looked up in an
// open-addressing table, and verified against the text character by character, so a word seen
// before costs no allocation at all. The result is exactly what tokenize + contentStem give.

import { contentStem, isApostrophe, isWordChar } from './tokens.js';

const CAPACITY = 1 << 16; // slots; a power of two so a mask finds the slot
const MAX_FILL = CAPACITY >> 1; // clear when half full: short probes, bounded memory
const hashes = new Int32Array(CAPACITY);
// Filled with '' (an empty slot) up front so the arrays stay packed arrays of strings.
const tokens: string[] = new Array<string>(CAPACITY).fill('');
const stems: string[] = new Array<string>(CAPACITY).fill('');
let filled = 0;

/**
 * Calls `visit` with the content stem of every word of `text` that is a content word (in order,
 * repeats included); returns the number of word tokens (content or not).
 */
export function scanContentStems(text: string, visit: (stem: string) => void): number {
  const n = text.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text, i)) {
      i++;
      continue;
    }
    const start = i;
    let simple = true; // ASCII letters and digits only
    let hash = 0x811c9dc5 | 0; // FNV-1a over lowercase codes
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 128 && ((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) {
        hash = Math.imul(hash ^ c, 0x01000193);
        i++;
      } else if (c >= 65 && c <= 90) {
        hash = Math.imul(hash ^ (c | 32), 0x01000193);
        i++;
      } else if (isWordChar(text, i)) {
        simple = false;
        i++;
      } else if (isApostrophe(c) && i + 1 < n && isWordChar(text, i + 1)) {
        simple = false;
        i++;
      } else break;
    }
    count++;
    const stem = simple ? lookup(text, start, i, hash) : slowStem(text.slice(start, i));
    if (stem) visit(stem);
  }
  return count;
}

function slowStem(raw: string): string {
  return contentStem(raw.toLowerCase().replace(/['\u2019]/g, ''));
}

function lookup(text: string, start: number, end: number, hash: number): string {
  const mask = CAPACITY - 1;
  let slot = hash & mask;
  for (;;) {
    const token = tokens[slot] as string;
    if (token === '') break;
    if (hashes[slot] === hash && sameToken(token, text, start, end)) return stems[slot] as string;
    slot = (slot + 1) & mask;
  }
  if (filled >= MAX_FILL) {
    tokens.fill('');
    filled = 0;
    slot = hash & mask;
  }
  const token = text.slice(start, end).toLowerCase();
  const stem = contentStem(token);
  hashes[slot] = hash;
  tokens[slot] = token;
  stems[slot] = stem;
  filled++;
  return stem;
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
