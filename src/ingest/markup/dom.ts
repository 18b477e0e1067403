// A small element tree built with htmlparser2's streaming parser: just names, attributes and
// children, which is all feed reading and article extraction need. htmlparser2 never throws on
// bad markup, so a broken feed yields a partial tree that the readers judge.
import { Parser } from 'htmlparser2';

/** An element; text nodes are plain strings. */
export interface El {
  /** Lower-cased tag name, with its namespace prefix if any (`content:encoded`, `rdf:rdf`). */
  name: string;
  attrs: Record<string, string>;
  children: (El | string)[];
}

/** Parses markup into a tree under a synthetic `#root` element. */
export function parseMarkup(text: string, mode: 'xml' | 'html'): El {
  const root: El = { name: '#root', attrs: {}, children: [] };
  const stack: El[] = [root];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const el: El = { name: name.toLowerCase(), attrs, children: [] };
        (stack[stack.length - 1] as El).children.push(el);
        stack.push(el);
      },
      ontext(data) {
        (stack[stack.length - 1] as El).children.push(data);
      },
      onclosetag() {
        if (stack.length > 1) stack.pop();
      },
    },
    {
      xmlMode: mode === 'xml',
      lowerCaseTags: true,
      lowerCaseAttributeNames: true,
      recognizeCDATA: true,
      decodeEntities: true,
    },
  );
  parser.write(text);
  parser.end();
  return root;
}

/** Child elements, optionally only those with one of `names`. */
export function childElements(el: El, ...names: string[]): El[] {
  const out: El[] = [];
  for (const c of el.children)
    if (typeof c !== 'string' && (names.length === 0 || names.includes(c.name))) out.push(c);
  return out;
}

/** The first child element with one of `names`. */
export function child(el: El, ...names: string[]): El | undefined {
  for (const name of names)
    for (const c of el.children) if (typeof c !== 'string' && c.name === name) return c;
  return undefined;
}

/** All descendant elements, depth first, for which `keep` holds. */
export function descendants(el: El, keep: (e: El) => boolean, out: El[] = []): El[] {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (keep(c)) out.push(c);
    descendants(c, keep, out);
  }
  return out;
}

/** The concatenated text of an element and its descendants, as written (no spacing added). */
export function rawText(el: El): string {
  let out = '';
  for (const c of el.children) out += typeof c === 'string' ? c : rawText(c);
  return out;
}
