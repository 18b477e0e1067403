// The main text of an article page, readability-style: paragraphs vote for the container that
// holds them (longer, comma-rich paragraphs count more, link-heavy ones less), the best-scoring
// container wins, and its paragraphs (plus those of siblings that scored nearly as well) are the
// article. Navigation, asides, comments and promo blocks are dropped first.
import { descendants, parseMarkup, type El } from '../markup/dom.js';
import { elementText, tidyLines } from '../markup/text.js';
import { readMetadata, type PageMetadata } from './metadata.js';

/** An extracted article: its text and what the page says about it. */
export interface ExtractedArticle extends PageMetadata {
  text: string;
}

const DROP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'iframe',
  'svg',
  'figure',
  'button',
  'template',
]);
const DROP_HINT =
  /comment|footer|foot\b|nav|sidebar|promo|related|share|social|newsletter|subscribe|advert|\bad[-_ ]|cookie|menu|breadcrumb|popup|banner|recommend/i;
const GOOD_HINT = /article|story|content|body|entry|post|main|text/i;
/** Less article text than this is no article (an index page, an error page, a paywall stub). */
export const MIN_ARTICLE_CHARS = 250;
const MIN_PARAGRAPH_CHARS = 25;

function hints(el: El): string {
  return `${el.attrs.class ?? ''} ${el.attrs.id ?? ''} ${el.attrs.role ?? ''}`;
}

/** Removes boilerplate subtrees in place. */
function prune(el: El): void {
  el.children = el.children.filter((c) => {
    if (typeof c === 'string') return true;
    if (DROP_TAGS.has(c.name)) return false;
    const h = hints(c);
    if (DROP_HINT.test(h) && !GOOD_HINT.test(h) && c.name !== 'body' && c.name !== 'article') return false;
    prune(c);
    return true;
  });
}

function linkDensity(el: El, textLength: number): number {
  const linked = descendants(el, (e) => e.name === 'a').reduce((n, a) => n + elementText(a).length, 0);
  return textLength === 0 ? 1 : Math.min(1, linked / textLength);
}

/** Finds the article in an HTML page; undefined when there is none worth the name. */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle | undefined {
  const root = parseMarkup(html, 'html');
  const metadata = readMetadata(root, pageUrl);
  prune(root);

  const scores = new Map<El, number>();
  const parents = new Map<El, El>();
  const index = (el: El) => {
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      parents.set(c, el);
      index(c);
    }
  };
  index(root);
  const paragraphs = descendants(root, (e) => e.name === 'p' || e.name === 'pre');
  for (const p of paragraphs) {
    const text = elementText(p);
    if (text.length < MIN_PARAGRAPH_CHARS) continue;
    const score =
      (1 + (text.match(/,/g)?.length ?? 0) + Math.min(3, Math.floor(text.length / 100))) *
      (1 - linkDensity(p, text.length));
    const parent = parents.get(p);
    const grand = parent ? parents.get(parent) : undefined;
    if (parent) scores.set(parent, (scores.get(parent) ?? 0) + score);
    if (grand) scores.set(grand, (scores.get(grand) ?? 0) + score / 2);
  }
  let best: El | undefined;
  let bestScore = 0;
  for (const [el, raw] of scores) {
    const bonus = el.name === 'article' || GOOD_HINT.test(hints(el)) ? 1.25 : 1;
    const score = raw * bonus;
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }

  let text = '';
  if (best) {
    const parent = parents.get(best);
    const group = parent
      ? parent.children.filter(
          (c): c is El => typeof c !== 'string' && (c === best || (scores.get(c) ?? 0) >= bestScore * 0.2),
        )
      : [best];
    text = tidyLines(
      group
        .flatMap((g) => descendants(g, (e) => e.name === 'p' || e.name === 'pre'))
        .map((p) => elementText(p))
        .filter((t) => t.length >= MIN_PARAGRAPH_CHARS)
        .join('\n'),
    );
  }
  // Publishers that put the whole article in JSON-LD give the cleanest text of all.
  if (metadata.body && metadata.body.length > text.length) text = tidyLines(metadata.body);
  if (text.length < MIN_ARTICLE_CHARS) return undefined;
  return { ...metadata, text };
}
