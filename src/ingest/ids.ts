// Stable identities: an article's id (from its canonical URL, or source + path for local files)
// and its content hash (to recognise the same text under another URL).
import { createHash } from 'node:crypto';

function digest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** Id of an article reached through a web link: derived from its canonical URL. */
export function articleIdForUrl(canonicalUrl: string): string {
  return `u-${digest(canonicalUrl, 24)}`;
}

/** Id of an article without a link (a local file, a feed entry with only a guid). */
export function articleIdForKey(sourceId: string, key: string): string {
  return `k-${digest(`${sourceId}\u0000${key}`, 24)}`;
}

/**
 * Hash of an article's cleaned text, insensitive to case and whitespace, so a republication that
 * only reflows the text is still recognised as the same article.
 */
export function contentHash(cleanedText: string): string {
  return digest(cleanedText.toLowerCase().replace(/\s+/g, ' ').trim(), 32);
}
