// Near-duplicate detection: one wire story republished by several outlets with small edits
// (another dateline, a trimmed paragraph, a house style) should be recognised as one story.
// Each text becomes a MinHash signature over shingles of stemmed words; signatures are compared
// cheaply, and split into bands so a store can find candidates by equality (locality-sensitive
// hashing) instead of comparing every pair. Pure and deterministic.
import { stemmedTokens } from './text/tokens.js';

/** Words per shingle: long enough that shared vocabulary alone does not look like shared text. */
const SHINGLE_WORDS = 3;
/** Hash functions per signature. */
export const SIGNATURE_SIZE = 96;
/** Bands for candidate lookup; rows per band = SIGNATURE_SIZE / BANDS. */
const BANDS = 32;
const ROWS = SIGNATURE_SIZE / BANDS;
/**
 * Estimated Jaccard similarity of shingle sets at or above which two texts are one story. Copies
 * of one wire story with light edits score well above it; two reports of one event written
 * independently share few three-word runs and stay below.
 */
export const SAME_STORY_SIMILARITY = 0.45;
/** Texts shorter than this many shingles (an excerpt, a headline) are too short to judge. */
const MIN_SHINGLES = 12;

/** 32-bit FNV-1a of a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit finalizer (from MurmurHash3's fmix32) to derive independent hash functions. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Marks a bin no shingle fell into (only in short texts). */
const EMPTY = 0xffffffff;

/**
 * The MinHash signature of an article's text, or undefined when the text is too short to tell
 * one story from another. One-permutation hashing: each shingle's hash picks a bin and competes
 * for that bin's minimum, so the cost is one hash per shingle rather than one per shingle per bin.
 */
export function storySignature(text: string): number[] | undefined {
  const tokens = stemmedTokens(text);
  const hashes = tokens.map(fnv1a);
  const shingles = new Set<number>();
  // A shingle's hash combines its words' hashes in order, so "a b c" and "c b a" differ.
  for (let i = 0; i + SHINGLE_WORDS <= hashes.length; i++) {
    let h = 0;
    for (let j = 0; j < SHINGLE_WORDS; j++) h = mix(h ^ (hashes[i + j] as number) ^ (j * 0x9e3779b9));
    shingles.add(h);
  }
  if (shingles.size < MIN_SHINGLES) return undefined;
  const signature = new Array<number>(SIGNATURE_SIZE).fill(EMPTY);
  for (const s of shingles) {
    const v = mix(s ^ 0x5bd1e995);
    const bin = s % SIGNATURE_SIZE;
    if (v < (signature[bin] as number)) signature[bin] = v;
  }
  return signature;
}

/** Estimated Jaccard similarity of the two texts' shingle sets (0..1). */
export function signatureSimilarity(a: readonly number[], b: readonly number[]): number {
  let same = 0;
  let used = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    // A bin empty in both texts says nothing about their overlap.
    if (a[i] === EMPTY && b[i] === EMPTY) continue;
    used++;
    if (a[i] === b[i]) same++;
  }
  return used === 0 ? 0 : same / used;
}

/**
 * Lookup keys of a signature (integers, band number in the high bits): two texts sharing any key are candidates worth comparing. With 32
 * bands of 3 rows, texts at similarity 0.45 share a key with probability about 0.95, unrelated
 * texts (similarity 0.05) about 0.004.
 */
export function signatureBands(signature: readonly number[]): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = b;
    let empty = true;
    for (let r = 0; r < ROWS; r++) {
      const v = signature[b * ROWS + r] as number;
      if (v !== EMPTY) empty = false;
      h = mix(h ^ v);
    }
    // A band of empty bins would pair every short text with every other.
    if (!empty) keys.push(b * 2 ** 32 + h); // integer keys (below 2^53) index compactly
  }
  return keys;
}
