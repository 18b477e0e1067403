// A page as a DOM (linkedom: a light, fast DOM over htmlparser2, enough for Readability), with the
// few DOM types the extractor uses spelt out here, since the project compiles without the DOM lib.
import { parseHTML } from 'linkedom';

/** A DOM node: an element (1), text (3) or anything else the page holds. */
export interface PageNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  parentNode: PageElement | null;
  childNodes: ArrayLike<PageNode>;
}

/** A DOM element, as far as the extractor uses one. */
export interface PageElement extends PageNode {
  tagName: string;
  localName: string;
  className: string;
  id: string;
  children: ArrayLike<PageElement>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  closest(selector: string): PageElement | null;
  remove(): void;
}

/** A parsed page. */
export interface PageDocument {
  documentElement: PageElement;
  body: PageElement;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

const HAS_HTML = /<html[\s>]/i;
const HAS_BODY = /<body[\s>]/i;

/**
 * Parses an HTML page. linkedom builds what the markup says rather than what a browser would, so
 * a fragment or a page without <html>/<body> is first given them (Readability needs a body).
 */
export function parsePage(html: string): PageDocument {
  let markup = html;
  if (!HAS_HTML.test(html) || !HAS_BODY.test(html)) {
    const htmlTag = /<html\b[^>]*>/i.exec(html)?.[0] ?? '<html>';
    const head = /<head\b[^>]*>([\s\S]*?)<\/head>/i.exec(html);
    let rest = head ? html.replace(head[0], '') : html;
    rest = rest.replace(/<!doctype[^>]*>|<\/?html\b[^>]*>|<\/?body\b[^>]*>|<\/?head\b[^>]*>/gi, '');
    markup = `<!DOCTYPE html>${htmlTag}<head>${head?.[1] ?? ''}</head><body>${rest}</body></html>`;
  }
  const { document } = parseHTML(markup) as unknown as { document: PageDocument };
  return document;
}

/** The elements of a list, as an array. */
export function all(list: ArrayLike<PageElement>): PageElement[] {
  return Array.from(list);
}

/** Text of an element with whitespace collapsed. */
export function textOf(el: PageNode | null | undefined): string {
  return (el?.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trim();
}

/**
 * Descendant elements in document order, optionally only those named in `names`; one plain walk,
 * much cheaper on linkedom than a CSS selector query, and iterative so depth cannot overflow.
 */
export function elementsOf(root: PageElement, names?: ReadonlySet<string>): PageElement[] {
  const out: PageElement[] = [];
  const stack: PageNode[] = [];
  const kids = root.childNodes;
  for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as PageNode);
  while (stack.length) {
    const node = stack.pop() as PageNode;
    if (node.nodeType !== 1) continue;
    const el = node as PageElement;
    if (!names || names.has(el.localName)) out.push(el);
    const c = el.childNodes;
    for (let i = c.length - 1; i >= 0; i--) stack.push(c[i] as PageNode);
  }
  return out;
}
