// What a parsed feed holds, whatever its format.

/** One feed entry, normalised. */
export interface FeedItem {
  url?: string;
  /** The entry's guid / id, used as its key when it has no link. */
  guid?: string;
  title?: string;
  author?: string;
  publishedAt?: string;
  /** Plain text (HTML converted), one paragraph per line; may be only an excerpt. */
  text: string;
  /** The feed gave a summary or description only, no full content element. */
  excerptOnly: boolean;
}

export interface ParsedFeed {
  format: 'rss2' | 'rss1' | 'atom' | 'json';
  title?: string;
  items: FeedItem[];
  /** Older items left out because the feed lists more than it is worth reading (xml.ts's cap). */
  omitted?: number;
}
