// What every source reader hands the ingestion pipeline: one raw item per article, before
// cleaning, hashing and summarizing. Readers only read; the pipeline decides what is stored.
import type { Result } from '../core/result.js';

/** One article as a source delivered it. */
export interface RawItem {
  /** Absolute link to the article, when it has one (feed items, pages). */
  url?: string;
  /** Stable key for items without a URL: a file's path relative to its source, a feed item's guid. */
  localKey?: string;
  title?: string;
  /** Who published it, when the item says (front matter `outlet`, a page's site name). */
  outlet?: string;
  /** ISO 8601, when the item carries a usable date. */
  publishedAt?: string;
  /** The article's text: plain text, one paragraph per line (HTML already converted). */
  text: string;
  /**
   * The text is a fullText feed's excerpt, standing in for a page not read this time: it never
   * replaces a longer text already stored (the page's).
   */
  excerptOnly?: boolean;
}

/** What a source gave this time. */
export interface SourceItems {
  items: RawItem[];
  /** The server answered 304 Not Modified: nothing to store, nothing spent. */
  notModified?: boolean;
  /** Validators to send next time (conditional GET). */
  etag?: string;
  lastModified?: string;
  /** Items the reader had to drop, with why (e.g. an entry with neither title nor text). */
  skipped?: string[];
  /** Who publishes a web source, as it says (a feed's title, a page's site name, else its host). */
  outlet?: string;
}

/** Why a source could not be read. */
export interface SourceFailure {
  /** One sentence a person can act on: "HTTP 404 Not Found", "timed out after 10s". */
  reason: string;
  /** Server asked us to wait (429/503 Retry-After), in ms. */
  retryAfterMs?: number;
  /** A local file or folder that no longer exists: its articles leave the store. */
  gone?: boolean;
}

/** A source's fetch result: items, or a reason it could not be read. */
export type SourceRead = Result<SourceItems, SourceFailure>;
