// An article page's facts from its markup: JSON-LD (schema.org NewsArticle and kin) first, since
// publishers fill it for search engines, then Open Graph / article meta tags, then <title>.
import { descendants, rawText, type El } from '../markup/dom.js';
import { parseFeedDate } from '../feed/dates.js';

export interface PageMetadata {
  title?: string;
  byline?: string;
  publishedAt?: string;
  siteName?: string;
  canonical?: string;
  /** articleBody from JSON-LD, when the publisher included it. */
  body?: string;
}

const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|Report|WebPage)$/;

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function nameOf(v: unknown): string | undefined {
  const names = asArray(v)
    .map((a) => str(a) ?? str((a as { name?: unknown } | null)?.name))
    .filter((n): n is string => n !== undefined);
  return names.length ? names.join(', ') : undefined;
}

/** JSON-LD objects of article type, searched through arrays and @graph. */
function jsonLdArticles(root: El): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (node: unknown) => {
    for (const n of asArray(node)) {
      if (typeof n !== 'object' || n === null) continue;
      const o = n as Record<string, unknown>;
      if (asArray(o['@type']).some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) found.push(o);
      if (o['@graph']) visit(o['@graph']);
    }
  };
  for (const script of descendants(
    root,
    (e) => e.name === 'script' && (e.attrs.type ?? '').toLowerCase() === 'application/ld+json',
  )) {
    try {
      visit(JSON.parse(rawText(script)));
    } catch {
      // Broken JSON-LD is common; the meta tags still serve.
    }
  }
  // A NewsArticle beats a generic WebPage describing the same page.
  return found.sort(
    (a, b) =>
      Number(asArray(b['@type']).includes('WebPage') === false) -
      Number(asArray(a['@type']).includes('WebPage') === false),
  );
}

export function readMetadata(root: El, pageUrl: string): PageMetadata {
  const meta = new Map<string, string>();
  for (const m of descendants(root, (e) => e.name === 'meta')) {
    const key = (m.attrs.property ?? m.attrs.name ?? m.attrs.itemprop ?? '').toLowerCase();
    if (key && m.attrs.content && !meta.has(key)) meta.set(key, m.attrs.content.trim());
  }
  const canonicalEl = descendants(
    root,
    (e) => e.name === 'link' && (e.attrs.rel ?? '').toLowerCase() === 'canonical',
  )[0];
  let canonical: string | undefined;
  try {
    canonical = canonicalEl?.attrs.href ? new URL(canonicalEl.attrs.href, pageUrl).toString() : undefined;
  } catch {
    canonical = undefined;
  }
  const ld = jsonLdArticles(root)[0] ?? {};
  const titleEl = descendants(root, (e) => e.name === 'title')[0];
  return {
    title:
      str(ld.headline) ??
      meta.get('og:title') ??
      meta.get('twitter:title') ??
      (titleEl ? str(rawText(titleEl)) : undefined),
    byline: nameOf(ld.author) ?? meta.get('author') ?? meta.get('article:author'),
    publishedAt: parseFeedDate(
      str(ld.datePublished) ?? meta.get('article:published_time') ?? meta.get('date') ?? meta.get('dc.date'),
    ),
    siteName: nameOf(ld.publisher) ?? meta.get('og:site_name'),
    canonical,
    body: str(ld.articleBody),
  };
}
