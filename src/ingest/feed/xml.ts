// RSS 2.0, RSS 1.0 (RDF) and Atom, read leniently from htmlparser2's tree: CDATA, HTML inside
// descriptions, relative links (resolved against the feed's URL), missing or odd dates.
import { child, childElements, descendants, rawText, type El } from '../markup/dom.js';
import { htmlToText } from '../markup/text.js';
import { parseFeedDate } from './dates.js';
import type { FeedItem, ParsedFeed } from './types.js';

function resolve(link: string | undefined, base: string): string | undefined {
  if (!link?.trim()) return undefined;
  try {
    const u = new URL(link.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

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
    url: resolve(field(item, 'link') ?? child(item, 'link')?.attrs['rdf:resource'] ?? permalink, base),
    guid: guidText || item.attrs['rdf:about'],
    title: field(item, 'title'),
    author: field(item, 'dc:creator', 'author'),
    publishedAt: parseFeedDate(field(item, 'pubdate', 'dc:date', 'published', 'updated')),
    text: body ?? '',
    excerptOnly: child(item, 'content:encoded') === undefined,
  };
}

function atomLink(entry: El, base: string): string | undefined {
  const links = childElements(entry, 'link');
  const alternate =
    links.find(
      (l) => (l.attrs.rel ?? 'alternate') === 'alternate' && (!l.attrs.type || l.attrs.type.includes('html')),
    ) ?? links.find((l) => !l.attrs.rel);
  return resolve(
    alternate?.attrs.href,
    entry.attrs['xml:base'] ? (resolve(entry.attrs['xml:base'], base) ?? base) : base,
  );
}

function atomEntry(entry: El, base: string): FeedItem {
  const content = atomText(child(entry, 'content'));
  return {
    url: atomLink(entry, base),
    guid: field(entry, 'id'),
    title: atomText(child(entry, 'title')),
    author: (() => {
      const a = child(entry, 'author');
      return a ? field(a, 'name') : undefined;
    })(),
    publishedAt: parseFeedDate(field(entry, 'published', 'issued', 'updated', 'modified')),
    text: content ?? atomText(child(entry, 'summary')) ?? '',
    excerptOnly: content === undefined,
  };
}

/** Reads an XML feed; undefined when the document is not RSS, RDF or Atom. */
export function parseXmlFeed(root: El, feedUrl: string): ParsedFeed | undefined {
  const top = descendants(root, (e) => e.name === 'rss' || e.name === 'feed' || e.name === 'rdf:rdf')[0];
  if (!top) return undefined;
  if (top.name === 'feed') {
    const base = resolve(top.attrs['xml:base'], feedUrl) ?? feedUrl;
    return {
      format: 'atom',
      title: atomText(child(top, 'title')),
      items: childElements(top, 'entry').map((e) => atomEntry(e, base)),
    };
  }
  const channel = child(top, 'channel');
  if (top.name === 'rdf:rdf') {
    // RSS 1.0 keeps items beside the channel, not inside it.
    return {
      format: 'rss1',
      title: channel ? field(channel, 'title') : undefined,
      items: childElements(top, 'item').map((i) => rssItem(i, feedUrl)),
    };
  }
  if (!channel) return undefined;
  // Some broken RSS 2.0 feeds put items next to the channel; accept both places.
  const items = [...childElements(channel, 'item'), ...childElements(top, 'item')];
  return { format: 'rss2', title: field(channel, 'title'), items: items.map((i) => rssItem(i, feedUrl)) };
}
