// A small element tree built with htmlparser2's streaming parser: just names, attributes and
// children, which is all feed reading and article extraction need. htmlparser2 never throws on
// bad markup, so a broken feed yields a partial tree that the readers judge.
//
// Two guards keep one hostile document from stalling the bot: a depth limit (XML nested deeper is
// refused; HTML nested deeper is flattened, keeping its text) and, for the async parse, a time
// budget, with the parse fed in slices that yield to the event loop between them.
//
// In XML, element names are matched by namespace, not by the prefix a document happens to use:
// `<rss:item>` in the RSS namespace is `item`, `<a:entry>` in Atom's is `entry`, and a module's
// elements get its usual prefix (`content:encoded`, `dc:date`, `itunes:title`) whatever prefix
// the document declared. Undeclared or unknown prefixes are kept as written.
import { Parser } from 'htmlparser2';
import { fail, ok, type Result } from '../../core/result.js';

/** An element; text nodes are plain strings. */
export interface El {
  /** Lower-cased tag name, with its namespace prefix if any (`content:encoded`, `rdf:rdf`). */
  name: string;
  attrs: Record<string, string>;
  children: (El | string)[];
}

/** Elements nested deeper than this: XML is refused, HTML is flattened. */
export const MAX_DEPTH = 256;
/** A feed's markup may take this long to parse before it is refused. */
export const PARSE_BUDGET_MS = 5_000;
/** Characters fed to the parser between checks of the clock (and yields, when async). */
const SLICE_CHARS = 16 * 1024;

/** Namespaces whose elements are read without a prefix: RSS (every version) and Atom, XHTML. */
const CORE_NAMESPACES = new Set([
  'http://purl.org/rss/1.0/',
  'http://purl.org/rss/2.0/',
  'http://backend.userland.com/rss2',
  'http://backend.userland.com/rss',
  'http://blogs.law.harvard.edu/tech/rss',
  'http://my.netscape.com/rdf/simple/0.9/',
  'http://www.w3.org/2005/atom',
  'http://purl.org/atom/ns#',
  'http://www.w3.org/1999/xhtml',
]);
/** Module namespaces and the prefix the readers know them by. */
const MODULE_PREFIXES: Record<string, string> = {
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://search.yahoo.com/mrss/': 'media',
  'http://www.w3.org/xml/1998/namespace': 'xml',
};
const FEED_ROOTS = new Set(['rss', 'feed']);

/** Namespace URIs as feeds misspell them alike: case, http/https, a trailing slash or #. */
function normalizeUri(uri: string): string {
  return uri
    .trim()
    .toLowerCase()
    .replace(/^https:/, 'http:')
    .replace(/[/#]+$/, '');
}
const CORE = new Set([...CORE_NAMESPACES].map(normalizeUri));
const MODULES = new Map(Object.entries(MODULE_PREFIXES).map(([uri, prefix]) => [normalizeUri(uri), prefix]));
const KNOWN_PREFIXES = new Set(Object.values(MODULE_PREFIXES));

/** Why a document was not parsed. */
export class MarkupLimitError extends Error {}

interface Builder {
  parser: Parser;
  root: El;
}

function builder(mode: 'xml' | 'html', maxDepth: number): Builder {
  const root: El = { name: '#root', attrs: {}, children: [] };
  const stack: El[] = [root];
  // Namespace scopes: one map per open element that declared any (prefix '' is the default).
  const scopes: { depth: number; map: Map<string, string> }[] = [];
  let rootNamespace: string | undefined;
  let flattened = 0;

  const lookup = (prefix: string): string | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const uri = (scopes[i] as { map: Map<string, string> }).map.get(prefix);
      if (uri !== undefined) return uri;
    }
    return undefined;
  };
  /** A name as the readers know it: `rss:item` in the RSS namespace -> `item`. */
  const resolve = (qname: string, isElement: boolean): string => {
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    if (prefix === 'xml' || prefix === 'xmlns' || (!isElement && prefix === '')) return qname;
    const declared = lookup(prefix);
    if (declared === undefined) return qname;
    const uri = normalizeUri(declared);
    if (CORE.has(uri) || uri === rootNamespace) return isElement ? local : qname;
    const known = MODULES.get(uri);
    if (known) return `${known}:${local}`;
    // Another vocabulary under a prefix the readers know (`content:` meaning something else).
    return KNOWN_PREFIXES.has(prefix) ? `x-${qname}` : qname;
  };

  const parser = new Parser(
    {
      onopentag(rawName, rawAttrs) {
        const depth = stack.length;
        if (depth > maxDepth) {
          if (mode === 'xml')
            throw new MarkupLimitError(`the document nests elements more than ${maxDepth} deep`);
          flattened++;
          return;
        }
        let name = rawName.toLowerCase();
        let attrs = rawAttrs;
        if (mode === 'xml') {
          let map: Map<string, string> | undefined;
          for (const [k, v] of Object.entries(rawAttrs))
            if (k === 'xmlns' || k.startsWith('xmlns:'))
              (map ??= new Map()).set(k === 'xmlns' ? '' : k.slice(6), v);
          if (map) scopes.push({ depth, map });
          // A document in a namespace of its own (`<r:rss xmlns:r="…">`): that is its core.
          const colon = name.indexOf(':');
          if (depth === 1 && colon > 0 && FEED_ROOTS.has(name.slice(colon + 1))) {
            const uri = lookup(name.slice(0, colon));
            if (uri && !MODULES.has(normalizeUri(uri))) rootNamespace = normalizeUri(uri);
          }
          name = resolve(name, true);
          attrs = {};
          for (const [k, v] of Object.entries(rawAttrs)) attrs[k.includes(':') ? resolve(k, false) : k] = v;
        }
        const el: El = { name, attrs, children: [] };
        (stack[stack.length - 1] as El).children.push(el);
        stack.push(el);
      },
      ontext(data) {
        (stack[stack.length - 1] as El).children.push(data);
      },
      onclosetag() {
        if (flattened > 0) {
          flattened--;
          return;
        }
        if (stack.length > 1) stack.pop();
        const top = scopes[scopes.length - 1];
        if (top && top.depth >= stack.length) scopes.pop();
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
  return { parser, root };
}

/** Parses markup into a tree under a synthetic `#root` element; throws MarkupLimitError past the limits. */
export function parseMarkup(text: string, mode: 'xml' | 'html', maxDepth = MAX_DEPTH): El {
  const { parser, root } = builder(mode, maxDepth);
  parser.write(text);
  parser.end();
  return root;
}

/**
 * Parses markup in slices, yielding to the event loop between them, within a time budget (time
 * spent parsing, not waiting). A value, never a throw: the tree, or why it was refused.
 */
export async function parseMarkupAsync(
  text: string,
  mode: 'xml' | 'html',
  limits: { maxDepth?: number; budgetMs?: number } = {},
): Promise<Result<El, string>> {
  const budget = limits.budgetMs ?? PARSE_BUDGET_MS;
  const { parser, root } = builder(mode, limits.maxDepth ?? MAX_DEPTH);
  let spent = 0;
  try {
    for (let at = 0; at < text.length; at += SLICE_CHARS) {
      const t0 = performance.now();
      parser.write(text.slice(at, at + SLICE_CHARS));
      spent += performance.now() - t0;
      if (spent > budget)
        return fail(`the document took more than ${budget / 1000} s to parse; it was given up`);
      if (at + SLICE_CHARS < text.length) await new Promise((r) => setImmediate(r));
    }
    parser.end();
  } catch (err) {
    if (err instanceof MarkupLimitError) return fail(err.message);
    throw err;
  }
  return ok(root);
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
  const parts: string[] = [];
  const walk = (e: El) => {
    for (const c of e.children) {
      if (typeof c === 'string') parts.push(c);
      else walk(c);
    }
  };
  walk(el);
  return parts.join('');
}
