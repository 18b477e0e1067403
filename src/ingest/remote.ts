// Feed and page sources over HTTP: fetch (conditional, capped), check that the answer is what the
// source promises, decode, parse, and for `fullText` feeds fetch each new item's page.
import type { Logger } from 'pino';
import { hostOf } from '../core/canonical.js';
import type { SourceConfig } from '../config/schema.js';
import type { SourceState } from '../store/ports.js';
import { fail, ok, type Result } from '../core/result.js';
import type { FetchFailure, GetResult } from './fetch/http.js';
import { redactUrl } from './fetch/redact.js';
import { parseFeedAsync, type FeedItem } from './feed/parse.js';
import { decodeBody } from './markup/decode.js';
import { extractPage, MIN_ARTICLE_WORDS, type ExtractedArticle } from './page/extract.js';
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

/** A page read for its article, or 304 (the stored copy stands). */
type PageRead =
  | { notModified: true; url: string }
  | { notModified: false; article: ExtractedArticle; url: string; etag?: string; lastModified?: string };

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
  ): Promise<Result<PageRead, FetchFailure>> {
    const res = await http.get({ url, accept: PAGE_ACCEPT, signal, ...validators });
    if (!res.ok) return res;
    const got = res.value;
    if (got.notModified) return ok(got);
    if (!isHtmlType(got.contentType) && !/^\s*</.test(new TextDecoder().decode(got.body.subarray(0, 64))))
      return fail({ reason: `expected an HTML page, got ${got.contentType || 'an unknown content type'}` });
    const page = extractPage(decodeBody(got.body, got.contentType, 'html'), got.url, {
      minWords: MIN_ARTICLE_WORDS,
    });
    if (!page.ok) return fail({ reason: `no article stored: ${page.error.reason}` });
    return ok({
      notModified: false,
      article: page.value,
      url: got.url,
      etag: got.etag,
      lastModified: got.lastModified,
    });
  }

  async function readFeed(
    source: FeedSource,
    state: SourceState | undefined,
    signal?: AbortSignal,
  ): Promise<SourceRead> {
    const res = await http.get({
      url: source.url,
      accept: FEED_ACCEPT,
      etag: state?.etag,
      lastModified: state?.lastModified,
      signal,
    });
    if (!res.ok) return res;
    const got = res.value;
    if (got.notModified) return ok({ items: [], notModified: true });
    if (isBinaryType(got.contentType)) return fail({ reason: `expected a feed, got ${got.contentType}` });
    const kind = /json/i.test(got.contentType) ? 'json' : 'xml';
    const parsed = await parseFeedAsync(decodeBody(got.body, got.contentType, kind), got.url);
    if (!parsed.ok) return fail({ reason: parsed.error });
    if (parsed.value.omitted)
      log.info(
        { source: source.id, kept: parsed.value.items.length, omitted: parsed.value.omitted },
        'the feed lists more items than are read; only the newest are',
      );
    const outlet = parsed.value.title ?? hostOf(got.url);
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
        if (!page.ok)
          // The excerpt still makes a (shorter) article; say why the full text is missing.
          log.info(
            { source: source.id, url: redactUrl(entry.url), error: page.error.reason },
            'full text unavailable; keeping the feed excerpt',
          );
        else if (!page.value.notModified) {
          const { article } = page.value;
          item.text = article.text;
          item.excerptOnly = false;
          if (!item.publishedAt) item.publishedAt = article.publishedAt;
        }
      }
      items.push(item);
    }
    return ok({ items, skipped, etag: got.etag, lastModified: got.lastModified, outlet });
  }

  async function readPageSource(
    source: PageSource,
    state: SourceState | undefined,
    signal?: AbortSignal,
  ): Promise<SourceRead> {
    const res = await readPage(source.url, signal, { etag: state?.etag, lastModified: state?.lastModified });
    if (!res.ok) return res;
    const page = res.value;
    if (page.notModified) return ok({ items: [], notModified: true });
    const a = page.article;
    return ok({
      items: [{ url: a.canonical ?? page.url, title: a.title, publishedAt: a.publishedAt, text: a.text }],
      etag: page.etag,
      lastModified: page.lastModified,
      outlet: a.siteName ?? hostOf(page.url),
    });
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
