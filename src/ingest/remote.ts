// Feed and page sources over HTTP: fetch (conditional, capped), check that the answer is what the
// source promises, decode, parse, and for `fullText` feeds fetch each new item's page.
import type { Logger } from 'pino';
import { hostOf } from '../core/canonical.js';
import type { SourceConfig } from '../config/schema.js';
import type { SourceState } from '../store/ports.js';
import type { GetResult } from './fetch/http.js';
import { redactUrl } from './fetch/redact.js';
import { parseFeedAsync, type FeedItem } from './feed/parse.js';
import { decodeBody } from './markup/decode.js';
import { extractPage, MIN_ARTICLE_WORDS } from './page/extract.js';
import type { RemoteReader } from './read.js';
import type { RawItem, SourceRead } from './types.js';

type FeedSource = Extract<SourceConfig, { type: 'feed' }>;
type PageSource = Extract<SourceConfig, { type: 'page' }>;

export interface HttpGetter {
  get(request: {
    url: string;
    accept: string;
    etag?: string;
    lastModified?: string;
    signal?: AbortSignal;
  }): Promise<GetResult>;
}

const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';
/** Pages fetched for one fullText feed per run, so a feed of 500 items cannot stall the others. */
const MAX_PAGES_PER_FEED = 30;

function isHtmlType(contentType: string): boolean {
  return /text\/html|application\/xhtml/i.test(contentType);
}

function isBinaryType(contentType: string): boolean {
  return /^(image|audio|video|font)\/|application\/(pdf|zip|octet-stream|gzip)/i.test(contentType);
}

/**
 * `isKnown(url)` tells the reader an item is already stored, so a fullText feed does not fetch
 * every page again on every poll.
 */
export function createRemoteReader(
  http: HttpGetter,
  log: Logger,
  isKnown: (url: string) => Promise<boolean> = async () => false,
): RemoteReader {
  async function readPage(
    url: string,
    signal: AbortSignal | undefined,
    validators: { etag?: string; lastModified?: string } = {},
  ) {
    const res = await http.get({ url, accept: PAGE_ACCEPT, signal, ...validators });
    if (!res.ok || res.notModified) return res;
    if (!isHtmlType(res.contentType) && !/^\s*</.test(new TextDecoder().decode(res.body.subarray(0, 64))))
      return {
        ok: false as const,
        error: `expected an HTML page, got ${res.contentType || 'an unknown content type'}`,
      };
    const page = extractPage(decodeBody(res.body, res.contentType, 'html'), res.url, {
      minWords: MIN_ARTICLE_WORDS,
    });
    if (!page.ok) return { ok: false as const, error: `no article stored: ${page.error.reason}` };
    const article = page.value;
    return {
      ok: true as const,
      notModified: false as const,
      article,
      url: res.url,
      etag: res.etag,
      lastModified: res.lastModified,
    };
  }

  async function readFeed(
    source: FeedSource,
    state: SourceState | undefined,
    signal?: AbortSignal,
  ): Promise<SourceRead & { outlet?: string }> {
    const res = await http.get({
      url: source.url,
      accept: FEED_ACCEPT,
      etag: state?.etag,
      lastModified: state?.lastModified,
      signal,
    });
    if (!res.ok) return res;
    if (res.notModified) return { ok: true, items: [], notModified: true };
    if (isBinaryType(res.contentType)) return { ok: false, error: `expected a feed, got ${res.contentType}` };
    const kind = /json/i.test(res.contentType) ? 'json' : 'xml';
    const parsed = await parseFeedAsync(decodeBody(res.body, res.contentType, kind), res.url);
    if (!parsed.ok) return parsed;
    if (parsed.value.omitted)
      log.info(
        { source: source.id, kept: parsed.value.items.length, omitted: parsed.value.omitted },
        'the feed lists more items than are read; only the newest are',
      );
    const outlet = parsed.value.title ?? hostOf(res.url);
    const skipped: string[] = [];
    const items: RawItem[] = [];
    let pages = 0;
    for (const entry of parsed.value.items) {
      if (!entry.url && !entry.guid && !entry.title && !entry.text) {
        skipped.push('an entry with no link, id, title or text');
        continue;
      }
      const item = toRawItem(entry);
      // Until its page is read, a fullText item's text is only the excerpt: the writer then keeps
      // what it stored from the page before (a page stored once is not fetched again).
      if (source.fullText && entry.url) item.excerptOnly = true;
      if (source.fullText && entry.url && !(await isKnown(entry.url)) && pages < MAX_PAGES_PER_FEED) {
        pages++;
        const page = await readPage(entry.url, signal);
        if (page.ok && !page.notModified) {
          item.text = page.article.text;
          item.excerptOnly = false;
        } else if (!page.ok)
          // The excerpt still makes a (shorter) article; say why the full text is missing.
          log.info(
            { source: source.id, url: redactUrl(entry.url), error: page.error },
            'full text unavailable; keeping the feed excerpt',
          );
        if (page.ok && !page.notModified && !item.publishedAt) item.publishedAt = page.article.publishedAt;
      }
      items.push(item);
    }
    return { ok: true, items, skipped, etag: res.etag, lastModified: res.lastModified, outlet };
  }

  async function readPageSource(
    source: PageSource,
    state: SourceState | undefined,
    signal?: AbortSignal,
  ): Promise<SourceRead & { outlet?: string }> {
    const res = await readPage(source.url, signal, { etag: state?.etag, lastModified: state?.lastModified });
    if (!res.ok) return res;
    if (res.notModified) return { ok: true, items: [], notModified: true };
    const a = res.article;
    return {
      ok: true,
      items: [{ url: a.canonical ?? res.url, title: a.title, publishedAt: a.publishedAt, text: a.text }],
      etag: res.etag,
      lastModified: res.lastModified,
      outlet: a.siteName ?? hostOf(res.url),
    };
  }

  return {
    read(source, state, signal) {
      return source.type === 'feed' ? readFeed(source, state, signal) : readPageSource(source, state, signal);
    },
  };
}

function toRawItem(entry: FeedItem): RawItem {
  return {
    url: entry.url,
    localKey: entry.url ? undefined : entry.guid,
    title: entry.title,
    publishedAt: entry.publishedAt,
    text: entry.text,
  };
}
