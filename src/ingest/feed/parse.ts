// Any supported feed, from its decoded text: JSON Feed, RSS 2.0, RSS 1.0 (RDF) or Atom. Says
// plainly what the document is when it is not a feed (an HTML page, an empty body, broken XML,
// XML nested too deep or too slow to parse).
import { MarkupLimitError, parseMarkup, parseMarkupAsync } from '../markup/dom.js';
import type { Result } from '../../core/result.js';
import { parseJsonFeed } from './json.js';
import type { ParsedFeed } from './types.js';
import { parseXmlFeed } from './xml.js';

export type { FeedItem, ParsedFeed } from './types.js';

type FeedResult = Result<ParsedFeed, string>;

/** What the text is, before any XML parsing: JSON Feed read already, or why it is no feed. */
function sniff(text: string, feedUrl: string): FeedResult | { xml: string } {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head === '') return { ok: false, error: 'the response is empty' };
  if (head.startsWith('{')) return parseJsonFeed(head, feedUrl);
  if (/^(<!--[\s\S]*?-->\s*)*<!doctype html|^<html[\s>]/i.test(head))
    return {
      ok: false,
      error: "the address serves an HTML page, not a feed (look for the site's RSS or Atom link)",
    };
  return { xml: head };
}

/** Parses a feed in one go (small documents, tests). */
export function parseFeed(text: string, feedUrl: string): FeedResult {
  const sniffed = sniff(text, feedUrl);
  if (!('xml' in sniffed)) return sniffed;
  try {
    return parseXmlFeed(parseMarkup(sniffed.xml, 'xml'), feedUrl);
  } catch (err) {
    if (err instanceof MarkupLimitError) return { ok: false, error: err.message };
    throw err;
  }
}

/**
 * Parses a feed as ingestion does: the XML in slices that yield to the event loop (commands keep
 * being answered while a big feed is read), within a depth limit and a time budget.
 */
export async function parseFeedAsync(
  text: string,
  feedUrl: string,
  limits: { maxDepth?: number; budgetMs?: number } = {},
): Promise<FeedResult> {
  const sniffed = sniff(text, feedUrl);
  if (!('xml' in sniffed)) return sniffed;
  const tree = await parseMarkupAsync(sniffed.xml, 'xml', limits);
  if (!tree.ok) return tree;
  return parseXmlFeed(tree.value, feedUrl);
}
