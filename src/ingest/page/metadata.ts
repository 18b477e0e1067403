// An article page's facts from its markup: JSON-LD (schema.org NewsArticle and kin) first, since
// publishers fill it for search engines, then Open Graph / article / Dublin Core meta tags, then
// the page itself (<time>, rel=author, <html lang>). Read before Readability changes the page.
import { httpUrl } from '../../core/canonical.js';
import { parseFeedDate } from '../feed/dates.js';
import { elementsOf, textOf, type PageDocument, type PageElement } from './dom.js';

export interface PageMetadata {
  /** The headline as the page states it (site suffixes are removed later, in title.ts). */
  title?: string;
  byline?: string;
  /** ISO 8601 (UTC). */
  publishedAt?: string;
  siteName?: string;
  canonical?: string;
  /** BCP 47 language tag (`en`, `pt-BR`). */
  lang?: string;
  /** articleBody from JSON-LD, when the publisher included it. */
  body?: string;
  /** JSON-LD says the article is not free to read (isAccessibleForFree: false). */
  paywalled?: boolean;
}

const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|LiveBlogPosting|BlogPosting|Report|TechArticle|WebPage)$/;

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.replace(/\s+/g, ' ').trim() : undefined;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** A person or organisation (or a list of them) as names; URLs are not names. */
function nameOf(v: unknown): string | undefined {
  const names = asArray(v)
    .map((a) => str(a) ?? str((a as { name?: unknown } | null)?.name))
    .filter((n): n is string => n !== undefined && !isUrl(n));
  return names.length ? [...new Set(names)].join(', ') : undefined;
}

/** JSON-LD objects of article type, searched through arrays and @graph, articles before pages. */
function jsonLdArticles(scripts: PageElement[]): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (node: unknown, depth: number) => {
    if (depth > 8) return;
    for (const n of asArray(node)) {
      if (typeof n !== 'object' || n === null) continue;
      const o = n as Record<string, unknown>;
      if (asArray(o['@type']).some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) found.push(o);
      if (o['@graph']) visit(o['@graph'], depth + 1);
    }
  };
  for (const script of scripts) {
    try {
      visit(JSON.parse((script.textContent ?? '').replace(/^\s*<!--|-->\s*$/g, '')), 0);
    } catch {
      // Broken JSON-LD is common; the meta tags still serve.
    }
  }
  const isPage = (o: Record<string, unknown>) => asArray(o['@type']).every((t) => t === 'WebPage');
  return found.sort((a, b) => Number(isPage(a)) - Number(isPage(b)));
}

/** Meta tags by lower-cased property/name/itemprop; the first of each wins. */
function metaTags(metas: PageElement[]): Map<string, string> {
  const meta = new Map<string, string>();
  for (const m of metas) {
    const content = str(m.getAttribute('content'));
    if (!content) continue;
    // property="og:title article:author" names two keys at once.
    const keys = [m.getAttribute('property'), m.getAttribute('name'), m.getAttribute('itemprop')]
      .flatMap((k) => (k ?? '').toLowerCase().split(/\s+/))
      .filter(Boolean);
    for (const key of keys) if (!meta.has(key)) meta.set(key, content);
    const equiv = m.getAttribute('http-equiv')?.toLowerCase();
    if (equiv && !meta.has(`http-equiv:${equiv}`)) meta.set(`http-equiv:${equiv}`, content);
  }
  return meta;
}

function first<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((v) => v !== undefined);
}

/** The publication time: JSON-LD, then meta tags, then a <time> the page marks as published. */
function publishedAt(timeEls: PageElement[], ld: Record<string, unknown>, meta: Map<string, string>) {
  const fromMeta = [
    'article:published_time',
    'og:published_time',
    'datepublished',
    'publishdate',
    'publish-date',
    'pubdate',
    'date',
    'dc.date.issued',
    'dc.date',
    'dcterms.created',
    'dcterms.date',
    'parsely-pub-date',
    'sailthru.date',
  ].map((k) => meta.get(k));
  const marked = (t: PageElement) =>
    /(^|\s)datePublished(\s|$)/.test(t.getAttribute('itemprop') ?? '') || t.hasAttribute('pubdate');
  const inArticle = (t: PageElement) => t.closest('article, main') !== null;
  const times = [...timeEls.filter(marked), ...timeEls.filter(inArticle), ...timeEls].map(
    (t) => t.getAttribute('datetime') ?? undefined,
  );
  for (const candidate of [str(ld.datePublished), ...fromMeta, ...times, str(ld.dateCreated)]) {
    const iso = parseFeedDate(candidate);
    if (iso) return iso;
  }
  return undefined;
}

function author(els: PageElement[], ld: Record<string, unknown>, meta: Map<string, string>) {
  const fromMeta = ['author', 'article:author', 'parsely-author', 'dc.creator', 'sailthru.author', 'byl']
    .map((k) => meta.get(k))
    .map((v) => (v && !isUrl(v) ? v.replace(/^by\s+/i, '') : undefined));
  const has = (e: PageElement, attr: string, word: string) =>
    (e.getAttribute(attr) ?? '').toLowerCase().split(/\s+/).includes(word);
  const authorEl = els.find((e) => has(e, 'itemprop', 'author'));
  const inPage =
    (authorEl && elementsOf(authorEl).find((e) => has(e, 'itemprop', 'name'))) ??
    authorEl ??
    els.find((e) => e.localName === 'a' && has(e, 'rel', 'author'));
  const pageName = inPage ? textOf(inPage).replace(/^by\s+/i, '') : undefined;
  return first(nameOf(ld.author), ...fromMeta, pageName && pageName.length <= 100 ? pageName : undefined);
}

function language(doc: PageDocument, ld: Record<string, unknown>, meta: Map<string, string>) {
  const tag = first(
    str(doc.documentElement.getAttribute('lang')),
    str(doc.documentElement.getAttribute('xml:lang')),
    meta.get('http-equiv:content-language')?.split(',')[0],
    meta.get('og:locale'),
    str(ld.inLanguage),
  );
  const clean = tag?.trim().replace(/_/g, '-');
  return clean && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(clean) ? clean : undefined;
}

/** Word-ish units of a title: letter runs, and single characters in scripts without spaces. */
function units(s: string): string[] {
  return (
    s.toLowerCase().match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * JSON-LD's headline, unless it plainly describes something else (Wikipedia's "Wikimedia list
 * article", a site-wide name): then the page's own title. Most of the headline's words must be
 * in the page title for JSON-LD to win.
 */
function headline(fromLd: string | undefined, fromPage: string | undefined): string | undefined {
  if (!fromLd || !fromPage) return fromLd ?? fromPage;
  const page = new Set(units(fromPage));
  const words = units(fromLd);
  const shared = words.filter((w) => page.has(w)).length;
  return words.length > 0 && shared / words.length >= 0.5 ? fromLd : fromPage;
}

/** What the page says about its article. */
export function readMetadata(doc: PageDocument, pageUrl: string): PageMetadata {
  const els = elementsOf(doc.documentElement);
  const named = (name: string) => els.filter((e) => e.localName === name);
  const meta = metaTags(named('meta'));
  const ld =
    jsonLdArticles(
      named('script').filter((s) => /^\s*application\/ld\+json\s*$/i.test(s.getAttribute('type') ?? '')),
    )[0] ?? {};
  const titleEl = named('title')[0];
  const canonicalEl = named('link').find((l) => /(^|\s)canonical(\s|$)/i.test(l.getAttribute('rel') ?? ''));
  const canonical =
    httpUrl(canonicalEl?.getAttribute('href'), pageUrl) ?? httpUrl(meta.get('og:url'), pageUrl);
  const free = ld.isAccessibleForFree;
  return {
    title: headline(
      str(ld.headline),
      first(
        meta.get('og:title'),
        meta.get('twitter:title'),
        meta.get('dc:title'),
        meta.get('dc.title'),
        meta.get('dcterms.title'),
        titleEl ? str(titleEl.textContent) : undefined,
      ),
    ),
    byline: author(els, ld, meta),
    publishedAt: publishedAt(
      named('time').filter((t) => t.hasAttribute('datetime')),
      ld,
      meta,
    ),
    siteName: first(nameOf(ld.publisher), meta.get('og:site_name'), meta.get('application-name')),
    canonical,
    lang: language(doc, ld, meta),
    body: typeof ld.articleBody === 'string' && ld.articleBody.trim() ? ld.articleBody : undefined,
    paywalled: free === false || free === 'false' || free === 'False',
  };
}
