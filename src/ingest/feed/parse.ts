// Any supported feed, from its decoded text: JSON Feed, RSS 2.0, RSS 1.0 (RDF) or Atom. Says
// plainly what the document is when it is not a feed (an HTML page, an empty body, broken XML).
import { parseMarkup } from '../markup/dom.js';
import { parseJsonFeed } from './json.js';
import type { ParsedFeed } from './types.js';
import { parseXmlFeed } from './xml.js';

export type { FeedItem, ParsedFeed } from './types.js';

export function parseFeed(
  text: string,
  feedUrl: string,
): { ok: true; feed: ParsedFeed } | { ok: false; error: string } {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head === '') return { ok: false, error: 'the response is empty' };
  if (head.startsWith('{')) {
    const feed = parseJsonFeed(head, feedUrl);
    return typeof feed === 'string' ? { ok: false, error: feed } : { ok: true, feed };
  }
  if (/^(<!--[\s\S]*?-->\s*)*<!doctype html|^<html[\s>]/i.test(head))
    return {
      ok: false,
      error: "the address serves an HTML page, not a feed (look for the site's RSS or Atom link)",
    };
  const feed = parseXmlFeed(parseMarkup(head, 'xml'), feedUrl);
  if (!feed)
    return { ok: false, error: 'the document is not an RSS, Atom or JSON feed (malformed or unknown XML)' };
  return { ok: true, feed };
}
