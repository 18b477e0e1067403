// OPML, the subscription list every feed reader imports and exports: read into feed sources (with
// every problem of the file listed, so nothing is half-imported) and written from them.
import { httpUrl } from '../../core/canonical.js';
import type { Result } from '../../core/result.js';
import { MarkupLimitError, childElements, parseMarkup, type El } from '../markup/dom.js';

/** A feed found in an OPML file. */
export interface OpmlFeed {
  url: string;
  /** The name the reader showed for it (title, else text), if any. */
  title?: string;
  /** The folder path it was filed under in the reader ("News / Japan"), if any. */
  folder?: string;
}

export type OpmlResult = Result<OpmlFeed[], string[]>;

/** Reads an OPML document; every problem is listed, each naming the outline it is in. */
export function parseOpml(text: string): OpmlResult {
  let root: El;
  try {
    root = parseMarkup(text.replace(/^\uFEFF/, ''), 'xml');
  } catch (err) {
    if (err instanceof MarkupLimitError) return { ok: false, error: [err.message] };
    throw err;
  }
  const opml = childElements(root, 'opml')[0];
  if (!opml) return { ok: false, error: ['the file is not OPML (no <opml> element at the top)'] };
  const body = childElements(opml, 'body')[0];
  if (!body) return { ok: false, error: ['the OPML file has no <body>'] };
  const feeds: OpmlFeed[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  let n = 0;
  const walk = (el: El, folders: string[]) => {
    for (const o of childElements(el, 'outline')) {
      n++;
      const a = o.attrs;
      const name = (a.title ?? a.text ?? '').trim() || undefined;
      const where = `outline ${n}${name ? ` ("${name}")` : ''}`;
      const raw = a.xmlurl;
      if (raw === undefined) {
        // An outline without xmlUrl is a folder (or a note); a type="rss" one should have had one.
        if (/^(rss|atom)$/i.test(a.type ?? '')) problems.push(`${where}: type="${a.type}" but no xmlUrl`);
        walk(o, name ? [...folders, name] : folders);
        continue;
      }
      const url = httpUrl(raw);
      if (!url) {
        problems.push(`${where}: xmlUrl "${raw}" is not an http or https URL`);
        continue;
      }
      const first = seen.get(url);
      if (first !== undefined) {
        problems.push(`${where}: the feed ${url} is listed twice (first in outline ${first})`);
        continue;
      }
      seen.set(url, n);
      feeds.push({ url, title: name, folder: folders.length ? folders.join(' / ') : undefined });
      walk(o, folders);
    }
  };
  walk(body, []);
  if (problems.length) return { ok: false, error: problems };
  if (feeds.length === 0)
    return { ok: false, error: ['the OPML file lists no feeds (no outline with an xmlUrl)'] };
  return { ok: true, value: feeds };
}

function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\p{Cc}/gu, (c) => (c === '\t' || c === '\n' || c === '\r' ? c : ''));
}

/** An OPML 2.0 document listing feeds, as feed readers import it. */
export function writeOpml(feeds: { url: string; title: string }[], title = 'newsbrief feeds'): string {
  const lines = feeds.map(
    (f) =>
      `    <outline type="rss" text="${escapeXml(f.title)}" title="${escapeXml(f.title)}" xmlUrl="${escapeXml(f.url)}"/>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    `  <head><title>${escapeXml(title)}</title></head>`,
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
