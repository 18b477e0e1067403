// The article's blocks as plain text: one paragraph per line, headings and list items on lines
// of their own, <br> runs split into lines, table rows one per line, <pre> kept as written.
import type { PageElement, PageNode } from './dom.js';

const BLOCK = new Set(
  (
    'address article aside blockquote dd details dialog div dl dt fieldset figcaption figure footer ' +
    'form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody thead ' +
    'tfoot tr ul caption center'
  ).split(' '),
);
const CELL = new Set(['td', 'th']);
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'button',
  'select',
  'textarea',
]);

/** Plain text of an element, one block per line. */
export function renderBlocks(root: PageElement): string {
  const out: string[] = [];
  const walk = (node: PageNode, pre: boolean) => {
    for (const c of Array.from(node.childNodes)) {
      if (c.nodeType === 3) {
        const t = c.textContent ?? '';
        out.push(pre ? t : t.replace(/[\s\u00a0]+/g, ' '));
        continue;
      }
      if (c.nodeType !== 1) continue;
      const name = (c as PageElement).localName;
      if (SKIP.has(name)) continue;
      if (name === 'br') {
        out.push('\n');
        continue;
      }
      if (name === 'img') {
        continue;
      }
      const block = BLOCK.has(name);
      if (block) out.push('\n');
      else if (CELL.has(name)) out.push(' ');
      walk(c, pre || name === 'pre');
      if (block) out.push('\n');
      else if (CELL.has(name)) out.push(' ');
    }
  };
  walk(root, false);
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}
