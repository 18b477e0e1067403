// Concepts: the units of information a briefing tries to cover. A concept is a content word
// (stemmed) or a pair of successive words at least one of which is a content word ("defense
// budget", "of okinawa"); a fact shows up as the concepts it is written with, and a fact several
// outlets report shows up as concepts several articles share. Concepts are kept as 32-bit
// hashes so an article's set is a compact list of numbers, cheap to store and to compare.
import { scanWordHashes } from './text/scan.js';

/** Mixes two stem hashes into the hash of the pair, in order ("budget defense" is not "defense budget"). */
function pair(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Whether a concept hash stands for a pair of words (the low bit marks it). */
export function isBigram(concept: number): boolean {
  return (concept & 1) === 1;
}

/**
 * The concepts of a text, in order of occurrence (repeats included): each content word's stem
 * (an even hash) and each pair of successive words not both stopwords ("defense budget", "of
 * okinawa"; an odd hash). Appends to `out` and returns it.
 */
export function conceptsOf(text: string, out: number[] = []): number[] {
  let prev = 0;
  let prevContent = false;
  let first = true;
  scanWordHashes(text, (h, content) => {
    if (content) out.push(h & ~1);
    if (!first && (content || prevContent)) out.push(pair(prev, h) | 1);
    prev = h;
    prevContent = content;
    first = false;
  });
  return out;
}

/** The distinct concepts of a text. */
export function conceptSet(text: string): number[] {
  return distinct(conceptsOf(text));
}

// An open-addressing set reused across calls: deduplicating an article's concepts is done once
// per article summarized, and a Map or a sort per article would cost more than finding them.
const TABLE_BITS = 15;
let table = new Uint32Array(1 << TABLE_BITS);
let stamps = new Uint32Array(1 << TABLE_BITS);
let stamp = 0;

/** Distinct values of an array of unsigned 32-bit numbers, in order of first occurrence. */
export function distinct(values: readonly number[]): number[] {
  // Keep the table under half full, growing it for very long texts.
  while (values.length * 2 > table.length) {
    table = new Uint32Array(table.length * 2);
    stamps = new Uint32Array(table.length);
  }
  if (++stamp === 0xffffffff) {
    stamps.fill(0);
    stamp = 1;
  }
  const mask = table.length - 1;
  const shift = 32 - Math.log2(table.length);
  const out: number[] = [];
  for (const v of values) {
    let slot = Math.imul(v, 0x9e3779b1) >>> shift;
    for (;;) {
      if (stamps[slot] !== stamp) {
        stamps[slot] = stamp;
        table[slot] = v;
        out.push(v);
        break;
      }
      if (table[slot] === v) break;
      slot = (slot + 1) & mask;
    }
  }
  return out;
}
