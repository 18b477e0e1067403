// RSS 2.0, RSS 1.0 (RDF) and Atom, read leniently from htmlparser2's tree: CDATA, HTML inside
// descriptions, relative links (resolved against the feed's URL), missing or odd dates.
import { httpUrl } from '../../core/canonical.js';
import { fail, ok, type Result } from '../../core/result.js';
import { child, childElements, descendants, rawText, type El } from '../markup/dom.js';
import { htmlToText } from '../markup/text.js';
import { parseFeedDate } from './dates.js';
import type { FeedItem, ParsedFeed } from './types.js';

/** Text of the first child named any of `names`, entity-decoded; HTML inside it converted. */
function field(el: El, ...names: string[]): string | undefined {
  const c = child(el, ...names);
  if (!c) return undefined;
  const text = htmlToText(rawText(c)).trim();
  return text || undefined;
}

/** Atom text constructs may hold XHTML children instead of escaped text. */
function atomText(el: El | undefined): string | undefined {
  if (!el) return undefined;
  const text = el.attrs.type === 'xhtml' ? htmlToText(serialize(el)) : htmlToText(rawText(el));
  return text.trim() || undefined;
}

function serialize(el: El): string {
  return el.children
    .map((c) => (typeof c === 'string' ? c : `<${c.name}>${serialize(c)}</${c.name}>`))
    .join('');
}

function rssItem(item: El, base: string): FeedItem {
  const guid = child(item, 'guid');
  const guidText = guid ? rawText(guid).trim() : undefined;
  const permalink =
    guid && guid.attrs.ispermalink !== 'false' && /^https?:\/\//i.test(guidText ?? '') ? guidText : undefined;
  const body = field(item, 'content:encoded') ?? field(item, 'description');
  return {
    url: httpUrl(field(item, 'link') ?? child(item, 'link')?.attrs['rdf:resource'] ?? permalink, base),
    guid: guidText || item.attrs['rdf:about'],
    title: field(item, 'title') ?? field(item, 'itunes:title', 'dc:title', 'media:title'),
    author: field(item, 'dc:creator', 'author', 'itunes:author'),
    publishedAt: parseFeedDate(field(item, 'pubdate', 'dc:date', 'published', 'updated')),
    text: body ?? '',
    excerptOnly: child(item, 'content:encoded') === undefined,
  };
}

/**
 * The entry's link: an explicit rel=alternate of an HTML type first, then any alternate (an
 * unlabelled link is an alternate), then whatever link it has (related, via, self), so an entry
 * is never left without one.
 */
function atomLink(entry: El, base: string): string | undefined {
  const links = childElements(entry, 'link').filter((l) => l.attrs.href?.trim());
  const rel = (l: El) => (l.attrs.rel ?? 'alternate').trim().toLowerCase();
  const html = (l: El) => /html/i.test(l.attrs.type ?? '');
  const chosen =
    links.find((l) => l.attrs.rel !== undefined && rel(l) === 'alternate' && html(l)) ??
    links.find((l) => rel(l) === 'alternate' && (!l.attrs.type || html(l))) ??
    links.find((l) => rel(l) === 'alternate') ??
    links.find((l) => !['self', 'enclosure', 'replies', 'edit'].includes(rel(l))) ??
    links[0];
  return httpUrl(
    chosen?.attrs.href,
    entry.attrs['xml:base'] ? (httpUrl(entry.attrs['xml:base'], base) ?? base) : base,
  );
}

function atomEntry(entry: El, base: string): FeedItem {
  const content = atomText(child(entry, 'content'));
  return {
    url: atomLink(entry, base),
    guid: field(entry, 'id'),
    title: atomText(child(entry, 'title')) ?? field(entry, 'itunes:title', 'media:title'),
    author: (() => {
      const a = child(entry, 'author');
      return a ? field(a, 'name') : undefined;
    })(),
    publishedAt: parseFeedDate(field(entry, 'published', 'issued', 'updated', 'modified')),
    text: content ?? atomText(child(entry, 'summary')) ?? '',
    excerptOnly: content === undefined,
  };
}

/** Items kept from one feed: its newest, so a feed of 100,000 items costs what one of this many does. */
export const MAX_ITEMS_PER_FEED = 500;

/**
 * The newest `cap` entries, in the feed's order: by their date when they have one (undated ones
 * after the dated), by position otherwise, as feeds list newest first. Dates are read cheaply
 * here, before any entry's HTML is converted.
 */
export function newestEntries<T>(
  entries: T[],
  dateOf: (e: T) => string | undefined,
  cap = MAX_ITEMS_PER_FEED,
): T[] {
  if (entries.length <= cap) return entries;
  const ranked = entries.map((e, i) => ({ i, t: Date.parse(parseFeedDate(dateOf(e)) ?? '') }));
  ranked.sort(
    (a, b) => (Number.isNaN(b.t) ? -Infinity : b.t) - (Number.isNaN(a.t) ? -Infinity : a.t) || a.i - b.i,
  );
  const keep = new Set(ranked.slice(0, cap).map((r) => r.i));
  return entries.filter((_, i) => keep.has(i));
}

const dateText = (e: El, ...names: string[]) => {
  const c = child(e, ...names);
  return c ? rawText(c) : undefined;
};
const rssDate = (i: El) => dateText(i, 'pubdate', 'dc:date', 'published', 'updated');
const atomDate = (e: El) => dateText(e, 'published', 'issued', 'updated', 'modified');

function capped(entries: El[], dateOf: (e: El) => string | undefined, read: (e: El) => FeedItem) {
  const kept = newestEntries(entries, dateOf);
  return { items: kept.map(read), omitted: entries.length - kept.length };
}

const NOT_A_FEED = 'the document is not an RSS, Atom or JSON feed (malformed or unknown XML)';

/** Reads an XML feed; fails when the document is not RSS, RDF or Atom. */
export function parseXmlFeed(root: El, feedUrl: string): Result<ParsedFeed, string> {
  const top = descendants(root, (e) => e.name === 'rss' || e.name === 'feed' || e.name === 'rdf:rdf')[0];
  if (!top) return fail(NOT_A_FEED);
  if (top.name === 'feed') {
    const base = httpUrl(top.attrs['xml:base'], feedUrl) ?? feedUrl;
    return ok({
      format: 'atom',
      title: atomText(child(top, 'title')),
      ...capped(childElements(top, 'entry'), atomDate, (e) => atomEntry(e, base)),
    });
  }
  const channel = child(top, 'channel');
  if (top.name === 'rdf:rdf') {
    // RSS 1.0 keeps items beside the channel, not inside it.
    return ok({
      format: 'rss1',
      title: channel ? field(channel, 'title') : undefined,
      ...capped(childElements(top, 'item'), rssDate, (i) => rssItem(i, feedUrl)),
    });
  }
  if (!channel) return fail(NOT_A_FEED);
  // Some broken RSS 2.0 feeds put items next to the channel; accept both places.
  const items = [...childElements(channel, 'item'), ...childElements(top, 'item')];
  return ok({
    format: 'rss2',
    title: field(channel, 'title'),
    ...capped(items, rssDate, (i) => rssItem(i, feedUrl)),
  });
}
