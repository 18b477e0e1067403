// The main text of an article page. Mozilla's Readability (on a linkedom DOM) finds the article;
// around it, newsbrief's own rules: hidden text and self-declared boilerplate go first, captions,
// related boxes, share bars and promo lines are taken out of what Readability keeps, the page's
// metadata (JSON-LD, Open Graph, <time>) gives title, time, author, language and canonical URL,
// and a page that holds no article (a section front, an index of links, a paywall stub, an error
// page) is refused with the reason rather than passed on as one.
import { fail, ok, type Result } from '../../core/result.js';
import { Readability } from '@mozilla/readability';
import { hostOf } from '../../core/canonical.js';
import { postClean, preClean } from './clean.js';
import { elementsOf, parsePage, textOf, type PageDocument, type PageElement } from './dom.js';
import { readMetadata, type PageMetadata } from './metadata.js';
import { renderBlocks } from './render.js';
import { cleanTitle } from './title.js';

/** An extracted article: its text (one block per line) and what the page says about it. */
export interface ExtractedArticle extends PageMetadata {
  text: string;
}

/** Why a page holds no article. */
export type Refusal = 'no-text' | 'too-short' | 'index' | 'paywall';

/** The reason in words, for `newsbrief extract`, logs and a source's last error. */
export const REFUSAL_TEXT: Record<Refusal, string> = {
  'no-text': 'no article text found on the page',
  'too-short': 'too little article text on the page (an error page, a stub or a page of media)',
  index: 'the page is an index of links to other pages (a section front or a list), not one article',
  paywall: 'the page shows only the start of a paywalled article',
};

/** Why a page holds no article, with what could still be read from it. */
export interface PageRefusal {
  refusal: Refusal;
  reason: string;
  metadata: PageMetadata;
}

export type PageExtraction = Result<ExtractedArticle, PageRefusal>;

/**
 * Fewer words than this is too little to brief on: ingestion does not store such a page as an
 * article (`newsbrief extract` still shows what little text there is).
 */
export const MIN_ARTICLE_WORDS = 30;
/**
 * Markup kept for the DOM: scripts (but JSON-LD), styles, inline SVG and comments are dropped as
 * text first, then a page still longer than this is cut, since Readability's time grows faster
 * than the page: a real article fits many times over, and time and memory stay bounded.
 */
export const MAX_PAGE_CHARS = 1_000_000;

const NOT_CONTENT =
  /<!--[\s\S]*?(?:-->|$)|<script\b(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?(?:<\/script\s*>|$)|<(style|svg)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi;

/** The page's markup without what is never content, within MAX_PAGE_CHARS. */
export function boundedMarkup(html: string): string {
  const lean = html.replace(NOT_CONTENT, '');
  return lean.length > MAX_PAGE_CHARS ? lean.slice(0, MAX_PAGE_CHARS) : lean;
}

const PAYWALL_TEXT =
  /\b(subscribe|subscription|subscriber|sign in|log in|register)\b[^.]{0,60}\b(continue|keep) reading|\bto (continue|keep) reading\b|\balready a subscriber\b|\bthis (article|content) is (only )?(available|reserved) (to|for) (subscribers|members)\b/i;

const WORD = /[\p{L}\p{N}_]+/gu;
const IDEOGRAPHIC =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/gu;

/** Words in a text; in scripts written without spaces (Chinese, Japanese, Thai) two characters count as one. */
export function wordCount(s: string): number {
  const runs = s.match(WORD)?.length ?? 0;
  const ideographs = s.match(IDEOGRAPHIC)?.length ?? 0;
  return runs + Math.floor(ideographs / 2);
}

const LINK = new Set(['a']);
const TEASER_HEADINGS = new Set(['h2', 'h3', 'h4']);

function linkShare(el: PageElement): number {
  const text = textOf(el).length;
  if (text === 0) return 1;
  const linked = elementsOf(el, LINK).reduce((n, a) => n + textOf(a).length, 0);
  return Math.min(1, linked / text);
}

/** A section front: many story teasers, each a heading or a link of its own, and little prose. */
function isIndex(article: PageElement, text: string): boolean {
  if (linkShare(article) > 0.5) return true;
  const lines = text.split('\n');
  const prose = lines.filter((l) => wordCount(l) >= 25).length;
  const teasers = elementsOf(article, TEASER_HEADINGS).filter(
    (h) => elementsOf(h, LINK).length > 0 || h.closest('article') !== null,
  ).length;
  return teasers >= 6 && prose <= teasers / 2;
}

const H1 = new Set(['h1']);

/** Readability's reading of the page; null when it finds nothing or cannot walk the markup. */
function readability(doc: PageDocument) {
  try {
    return new Readability<PageElement>(doc as never, {
      keepClasses: true,
      serializer: (node) => node as unknown as PageElement,
    }).parse();
  } catch {
    return null;
  }
}

/** Finds the article in an HTML page, or says why there is none. */
export function extractPage(
  html: string,
  pageUrl: string,
  options: { minWords?: number } = {},
): PageExtraction {
  const doc = parsePage(boundedMarkup(html));
  const metadata = readMetadata(doc, pageUrl);
  const h1s = elementsOf(doc.documentElement, H1).map((h) => textOf(h));
  preClean(doc.body);

  const parsed = readability(doc);
  const context = {
    siteName: metadata.siteName ?? parsed?.siteName ?? undefined,
    host: hostOf(pageUrl),
    headings: h1s,
  };
  const title =
    cleanTitle(metadata.title ?? parsed?.title ?? undefined, context) ?? cleanTitle(h1s[0], context);
  const facts: PageMetadata = {
    ...metadata,
    title,
    byline: metadata.byline ?? parsed?.byline?.replace(/^by\s+/i, '').trim() ?? undefined,
    siteName: metadata.siteName ?? parsed?.siteName ?? undefined,
    lang: metadata.lang ?? parsed?.lang ?? undefined,
  };
  const refuse = (refusal: Refusal): PageExtraction =>
    fail({ refusal, reason: REFUSAL_TEXT[refusal], metadata: facts });

  const content = parsed?.content ?? undefined;
  let text = '';
  if (content) {
    if (isIndex(content, renderBlocks(content))) return refuse('index');
    postClean(content);
    text = renderBlocks(content);
  }
  // Publishers that put the whole article in JSON-LD give the cleanest text of all.
  if (metadata.body && wordCount(metadata.body) > wordCount(text)) text = tidy(metadata.body);
  const words = wordCount(text);
  if (words === 0) return refuse('no-text');
  if ((metadata.paywalled || PAYWALL_TEXT.test(text)) && words < 150) return refuse('paywall');
  if (words < (options.minWords ?? 1)) return refuse('too-short');
  return ok({ ...facts, text });
}

function tidy(text: string): string {
  return text
    .split(/\n/)
    .map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** The article of a page worth storing, or undefined when it holds none (see extractPage). */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle | undefined {
  const r = extractPage(html, pageUrl, { minWords: MIN_ARTICLE_WORDS });
  return r.ok ? r.value : undefined;
}
