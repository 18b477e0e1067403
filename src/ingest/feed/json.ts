// JSON Feed (versions 1 and 1.1): https://www.jsonfeed.org/version/1.1/
import { httpUrl } from '../../core/canonical.js';
import { fail, ok, type Result } from '../../core/result.js';
import { htmlToText } from '../markup/text.js';
import { parseFeedDate } from './dates.js';
import type { FeedItem, ParsedFeed } from './types.js';
import { newestEntries } from './xml.js';

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;
}

function link(v: unknown, base: string): string | undefined {
  return httpUrl(str(v), base);
}

/** Reads a JSON Feed; fails with the reason when the JSON is not one. */
export function parseJsonFeed(text: string, feedUrl: string): Result<ParsedFeed, string> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return fail(`the feed is not valid JSON (${(err as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { items?: unknown }).items))
    return fail('the JSON document is not a JSON Feed (no "items" list)');
  const feed = data as { title?: unknown; home_page_url?: unknown; items: unknown[] };
  const items: FeedItem[] = [];
  const kept = newestEntries(feed.items, (i) => {
    const o = (typeof i === 'object' && i !== null ? i : {}) as Record<string, unknown>;
    return str(o.date_published) ?? str(o.date_modified);
  });
  for (const raw of kept) {
    if (typeof raw !== 'object' || raw === null) continue;
    const i = raw as Record<string, unknown>;
    const html = str(i.content_html);
    const full = html ? htmlToText(html) : str(i.content_text);
    const authors = Array.isArray(i.authors) ? i.authors : i.author ? [i.author] : [];
    items.push({
      url: link(i.url, feedUrl) ?? link(i.external_url, feedUrl),
      guid: str(i.id),
      title: str(i.title) ? htmlToText(str(i.title) as string) : undefined,
      author: str((authors[0] as { name?: unknown } | undefined)?.name),
      publishedAt: parseFeedDate(str(i.date_published) ?? str(i.date_modified)),
      text: full ?? (str(i.summary) ? htmlToText(str(i.summary) as string) : ''),
      excerptOnly: full === undefined,
    });
  }
  return ok({ format: 'json', title: str(feed.title), items, omitted: feed.items.length - kept.length });
}
