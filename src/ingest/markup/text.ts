// HTML -> plain text, one paragraph per line: what feed descriptions and page bodies become
// before cleaning. Scripts, styles and figures are dropped; block elements end a line.
import { parseMarkup, type El } from './dom.js';

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'section',
  'article',
  'header',
  'footer',
  'tr',
  'table',
  'pre',
  'hr',
  'dd',
  'dt',
  'figure',
  'main',
  'aside',
]);
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'svg',
  'figure',
  'figcaption',
  'button',
  'form',
  'select',
]);

/** Collapses whitespace inside lines and drops empty lines. */
export function tidyLines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

/** Plain text of an element's content, one block per line. */
export function elementText(el: El): string {
  const parts: string[] = [];
  const walk = (node: El) => {
    for (const c of node.children) {
      if (typeof c === 'string') {
        parts.push(c.replace(/\n/g, ' '));
        continue;
      }
      if (SKIP.has(c.name)) continue;
      const block = BLOCK.has(c.name);
      if (block) parts.push('\n');
      walk(c);
      if (block) parts.push('\n');
    }
  };
  walk(el);
  return tidyLines(parts.join(''));
}

/** Plain text of an HTML fragment (a feed description, a content:encoded body). */
export function htmlToText(html: string): string {
  // Cheap path: text without markup needs no parsing, only entity-free whitespace tidying.
  if (!/[<&]/.test(html)) return tidyLines(html);
  return elementText(parseMarkup(html, 'html'));
}
