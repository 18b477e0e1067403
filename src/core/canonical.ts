// Canonical article URLs: one article reached by several links (tracking parameters, a fragment,
// a trailing slash, upper-case host) must get one id. Pure: uses only the global URL parser.

/** Query parameters that only track where a click came from; they never select content. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'igshid',
  'yclid',
  '_ga',
  '_gl',
  'ref',
  'ref_src',
  'cmpid',
  'ocid',
  'smid',
  'sr_share',
]);

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || TRACKING_PARAMS.has(n);
}

/**
 * The canonical form of an http(s) link, resolved against `base` when relative: scheme and host
 * lower-cased, default port, fragment, tracking parameters and trailing slash dropped, the other
 * parameters sorted. Undefined for anything that is not an http(s) URL.
 */
export function canonicalUrl(link: string, base?: string): string | undefined {
  let url: URL;
  try {
    url = base === undefined ? new URL(link.trim()) : new URL(link.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // URL already lower-cases scheme and host and drops default ports.
  url.hash = '';
  const kept = [...url.searchParams.entries()].filter(([k]) => !isTracking(k));
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  url.search = '';
  for (const [k, v] of kept) url.searchParams.append(k, v);
  if (url.pathname.length > 1 && url.pathname.endsWith('/'))
    url.pathname = url.pathname.replace(/\/+$/, '') || '/';
  let out = url.toString();
  // "https://example.org/" and "https://example.org" are the same page.
  if (url.pathname === '/' && url.search === '') out = out.replace(/\/$/, '');
  return out;
}

/**
 * A link as an absolute http(s) address, resolved against `base` when relative; undefined when
 * blank, unparseable or of another scheme. Unlike canonicalUrl the address is kept as written.
 */
export function httpUrl(link: string | null | undefined, base?: string): string | undefined {
  if (!link?.trim()) return undefined;
  try {
    const u = new URL(link.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** The host of a link (for "outlet" fallbacks and per-host limits), without a leading www. */
export function hostOf(link: string): string | undefined {
  try {
    return new URL(link).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}
