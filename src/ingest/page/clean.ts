// What is not the article, by rules that can be named: text a reader cannot see, elements whose
// class or id says they are boilerplate (matched on whole class tokens, never on substrings, so
// `non-ad-column` and `penci_sidebar` stay), captions, and link lists or promo lines inside the
// story. Used before Readability (so the hidden and the obvious never compete for the article)
// and after it (to take out what it keeps: captions, related boxes, share bars).
import { all, elementsOf, textOf, type PageElement } from './dom.js';

/** Words that, alone in a class token, name a boilerplate block. */
const BOILERPLATE_WORDS = new Set(
  (
    'ad ads adv advert adverts advertisement advertising adslot adunit sponsor sponsored sponsors ' +
    'promo promos promotion promoted related share shares sharing sharebar social socials newsletter ' +
    'newsletters signup subscribe subscription paywall outbrain taboola recommended recommendations ' +
    'cookie cookies consent gdpr popup modal breadcrumb breadcrumbs comments comment disqus sidebar ' +
    'rail nav navbar navigation menu footer masthead toolbar tags tagcloud caption captions credit ' +
    'credits figcaption byline author bio newsletterform printfooter'
  ).split(' '),
);
/** Words that only say what kind of box it is: `related-links`, `share_buttons`, `ad-slot-2`. */
const GENERIC_WORDS = new Set(
  (
    'box boxes list links link container wrapper wrap widget widgets block blocks module section area ' +
    'bar buttons button btn btns tools icons icon items item unit units slot placement banner notice ' +
    'panel holder inner outer top bottom inline content contents stories story articles article posts ' +
    'post entry news label title header heading text wrapper main primary secondary right left mobile ' +
    'desktop container outer cta form overlay layer bottom sticky tool row col zone region group card ' +
    'cards feed'
  ).split(' '),
);
/** Class tokens of text hidden from sighted readers (screen-reader text, collapsed, unshown). */
const HIDDEN_TOKENS = new Set(
  'hidden hide is-hidden d-none sr-only visually-hidden visuallyhidden screen-reader-text screenreader-only offscreen u-hidden element-invisible'.split(
    ' ',
  ),
);
const UNLIKELY_ROLES = new Set([
  'navigation',
  'complementary',
  'banner',
  'contentinfo',
  'dialog',
  'alertdialog',
  'menu',
  'menubar',
]);

/** The words of one class token: `relatedArticles_box-2` -> related, articles, box. */
function words(token: string): string[] {
  return token
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

/** A class token is boilerplate when it is made of boilerplate words and generic ones only. */
export function isBoilerplateToken(token: string): boolean {
  const ws = words(token);
  return (
    ws.some((w) => BOILERPLATE_WORDS.has(w)) &&
    ws.every((w) => BOILERPLATE_WORDS.has(w) || GENERIC_WORDS.has(w))
  );
}

function tokens(el: PageElement): string[] {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.split(/\s+/).filter(Boolean);
}

/** Whether the element names itself boilerplate by a class token, its id or its role. */
export function looksBoilerplate(el: PageElement): boolean {
  const role = el.getAttribute('role')?.toLowerCase();
  if (role && UNLIKELY_ROLES.has(role)) return true;
  return tokens(el).some(isBoilerplateToken);
}

/** Whether a sighted reader cannot see the element. */
export function isHidden(el: PageElement): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = (el.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
  if (/(^|;)display:none|(^|;)visibility:hidden/.test(style)) return true;
  return (el.getAttribute('class') ?? '').split(/\s+/).some((t) => HIDDEN_TOKENS.has(t.toLowerCase()));
}

const ALWAYS_DROP = new Set(
  'script style noscript template iframe svg button select input textarea dialog'.split(' '),
);

const PARAGRAPH = new Set(['p']);

/** Characters of paragraph text under an element: what a boilerplate-looking wrapper may not take. */
function paragraphChars(el: PageElement): number {
  let n = 0;
  for (const p of elementsOf(el, PARAGRAPH)) {
    const t = textOf(p);
    if (t.length >= 80) n += t.length;
  }
  return n;
}

/**
 * Before Readability: drops hidden text, cookie and consent notices, share bars, ad slots and
 * other blocks that say they are boilerplate, unless such a block holds much of the page's
 * paragraph text (then the class was a layout name, and the article is inside).
 */
export function preClean(body: PageElement): void {
  const total = paragraphChars(body);
  for (const el of elementsOf(body)) {
    if (!el.parentNode) continue;
    if (ALWAYS_DROP.has(el.localName) || isHidden(el)) {
      el.remove();
      continue;
    }
    if (el.localName === 'article' || el.localName === 'main') continue;
    if (looksBoilerplate(el) && paragraphChars(el) <= Math.max(400, total * 0.25)) el.remove();
  }
}

/** Short lines that are labels and calls to action, never story text. */
const PROMO_LINE =
  /^(advertisement|advertising|ad|anzeige|publicité|sponsored( content)?|story continues( below)?( advertisement)?|continue reading( below| the main story)?|read more|read the full (story|article)|see also|related( articles| stories| coverage| content)?|more on this( story)?|share( this)?( article| story| post)?( on [\w ]+)?|follow us( on [\w ]+)?|(sign up|subscribe)\b.*\b(newsletter|email|inbox)\b.*|click here\b.*|(photo|image|video|picture|illustration)s?( credit)?: .*|advertisement - scroll to continue)[.:!]?$/i;
/** A leading label that turns a linked line into a promo: "Read more: …", "RELATED: …". */
const PROMO_LABEL =
  /^(read more|read also|also read|related|see also|more|watch|listen|recommended|read)\s*[:|–—-]/i;

const FIGURES = new Set(['figure', 'figcaption', 'picture']);
const LINK = new Set(['a']);

function linkedChars(el: PageElement): number {
  return elementsOf(el, LINK).reduce((n, a) => n + textOf(a).length, 0);
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/**
 * After Readability, on the article it chose: captions and figures, blocks that say they are
 * boilerplate, promo lines, and lists made only of links.
 */
export function postClean(article: PageElement): void {
  for (const el of elementsOf(article)) {
    if (!el.parentNode) continue;
    if (FIGURES.has(el.localName)) {
      el.remove();
      continue;
    }
    if (isHidden(el) || looksBoilerplate(el)) {
      el.remove();
      continue;
    }
    if (!/^(p|div|li|h[1-6]|span|section|aside|blockquote|dd|dt)$/.test(el.localName)) continue;
    const text = textOf(el);
    if (!text) continue;
    const n = wordCount(text);
    if (n <= 12 && PROMO_LINE.test(text)) el.remove();
    else if (n <= 30 && PROMO_LABEL.test(text) && linkedChars(el) >= text.length * 0.5) el.remove();
  }
  const LISTS = new Set(['ul', 'ol']);
  // A list whose every item is just a link is a list of other stories.
  for (const list of elementsOf(article, LISTS)) {
    if (!list.parentNode) continue;
    const items = all(list.children).filter((c) => c.localName === 'li');
    if (items.length < 2) continue;
    const linkOnly = items.every((li) => {
      const t = textOf(li);
      return t.length > 0 && wordCount(t) <= 20 && linkedChars(li) >= t.length * 0.9;
    });
    if (linkOnly) list.remove();
  }
}
