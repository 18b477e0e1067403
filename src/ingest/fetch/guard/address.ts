// The fetch guard's decision, as a pure function: may newsbrief connect to this address on behalf
// of someone who typed a link in chat? Anyone in a channel can type a link, so a link must never
// become a way to reach the bot's own machine, its private network or a cloud metadata service
// (server-side request forgery). The rule is an allowlist: only globally routable unicast
// addresses pass; everything else is refused with the reason.
//
// Addresses are parsed here, not with node:net, so every spelling a URL or a resolver can produce
// is handled the same way: IPv4 in dotted, decimal (2130706433), octal (0177.0.0.1), hex
// (0x7f.0.0.1) and short (127.1) forms; IPv6 with `::`, zone ids and embedded IPv4; and IPv6
// forms that carry an IPv4 address (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64
// 64:ff9b::/96, 6to4 2002::/16), which are judged by the IPv4 address inside.

/** Why an address is refused. */
export type RefusedCategory =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'shared (CGNAT)'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'cloud metadata'
  | 'reserved';

export type AddressDecision =
  | { allowed: true; address: string; family: 4 | 6 }
  | { allowed: false; address: string; category: RefusedCategory };

/** Cloud metadata endpoints, named so the refusal says what they are. */
const METADATA_V4 = new Set([
  '169.254.169.254', // AWS, GCP, Azure, OpenStack, DigitalOcean...
  '169.254.170.2', // AWS ECS task metadata
  '169.254.169.123', // AWS time sync
  '100.100.100.200', // Alibaba Cloud
  '192.0.0.192', // Oracle Cloud
  '168.63.129.16', // Azure WireServer (a public-looking address)
]);

/** IPv4 ranges that are not the public internet: [first octets as a number, prefix, category]. */
const V4_RANGES: [string, number, RefusedCategory][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared (CGNAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'broadcast'],
  ['240.0.0.0', 4, 'reserved'],
];

const V4_TABLE = V4_RANGES.map(([base, prefix, category]) => ({
  base: parseIPv4(base) as number,
  mask: prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0,
  category,
}));

/**
 * An IPv4 address in any spelling inet_aton and URL parsers accept, as a 32-bit number; undefined
 * when the text is not one. Parts may be decimal, octal (leading 0) or hex (0x); with fewer than
 * four parts the last fills the remaining bytes (127.1 is 127.0.0.1, 2130706433 is 127.0.0.1).
 */
export function parseIPv4(text: string): number | undefined {
  const s = text.endsWith('.') ? text.slice(0, -1) : text;
  const parts = s.split('.');
  if (parts.length === 0 || parts.length > 4) return undefined;
  const values: number[] = [];
  for (const part of parts) {
    let v: number;
    if (/^0x[0-9a-f]*$/i.test(part)) v = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) v = parseInt(part.slice(1), 8);
    else if (/^(0|[1-9][0-9]*)$/.test(part)) v = Number(part);
    else return undefined;
    if (!Number.isFinite(v)) return undefined;
    values.push(v);
  }
  const last = values.pop() as number;
  if (values.some((v) => v > 255)) return undefined;
  if (last >= 2 ** (8 * (4 - values.length))) return undefined;
  let n = 0;
  values.forEach((v, i) => (n += v * 2 ** (8 * (3 - i))));
  return n + last;
}

/** IPv6 text (brackets and a zone id allowed) as eight 16-bit groups; undefined if not IPv6. */
export function parseIPv6(text: string): number[] | undefined {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(':')) return undefined;
  const lastColon = s.lastIndexOf(':');
  const lastPart = s.slice(lastColon + 1);
  if (lastPart.includes('.')) {
    // A trailing dotted quad (::ffff:127.0.0.1) is two groups written another way.
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(lastPart)) return undefined;
    const [a, b, c, d] = lastPart.split('.').map(Number) as [number, number, number, number];
    if ([a, b, c, d].some((o) => o > 255)) return undefined;
    s = `${s.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0] as string);
  const rest = halves.length === 2 ? groups(halves[1] as string) : [];
  const valid = (g: string) => /^[0-9a-f]{1,4}$/i.test(g);
  if (![...head, ...rest].every(valid)) return undefined;
  const known = head.length + rest.length;
  if (halves.length === 1 && known !== 8) return undefined;
  if (halves.length === 2 && known > 7) return undefined;
  const zeros = halves.length === 2 ? new Array<number>(8 - known).fill(0) : [];
  return [...head.map((g) => parseInt(g, 16)), ...zeros, ...rest.map((g) => parseInt(g, 16))];
}

function formatIPv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

function decideV4(n: number): AddressDecision {
  const address = formatIPv4(n);
  if (METADATA_V4.has(address)) return { allowed: false, address, category: 'cloud metadata' };
  for (const range of V4_TABLE)
    if ((n & range.mask) >>> 0 === range.base) return { allowed: false, address, category: range.category };
  return { allowed: true, address, family: 4 };
}

function v4Inside(groups: number[], at: number): number {
  return (groups[at] as number) * 65536 + (groups[at + 1] as number);
}

/** The usual short form of an IPv6 address: the longest run of zero groups as `::`. */
export function formatIPv6(g: number[]): string {
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > best.len && j - i > 1) best = { at: i, len: j - i };
    i = j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(':');
  if (best.at < 0) return hex(g);
  return `${hex(g.slice(0, best.at))}::${hex(g.slice(best.at + best.len))}`;
}

function decideV6(g: number[]): AddressDecision {
  const address = formatIPv6(g);
  const refuse = (category: RefusedCategory): AddressDecision => ({ allowed: false, address, category });
  const zerosUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  // Forms that carry an IPv4 address are judged by it, so ::ffff:127.0.0.1 is loopback.
  if (zerosUpTo(5) && g[5] === 0xffff) return decideEmbedded(v4Inside(g, 6), address); // mapped
  if (zerosUpTo(4) && g[4] === 0xffff && g[5] === 0) return decideEmbedded(v4Inside(g, 6), address); // translated
  if (zerosUpTo(6)) {
    const v4 = v4Inside(g, 6);
    if (v4 === 0) return refuse('unspecified');
    if (v4 === 1) return refuse('loopback');
    return decideEmbedded(v4, address); // IPv4-compatible (deprecated) ::a.b.c.d
  }
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0))
    return decideEmbedded(v4Inside(g, 6), address); // NAT64 well-known prefix
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return refuse('private'); // local-use NAT64
  if (g[0] === 0x2002) return decideEmbedded(v4Inside(g, 1), address); // 6to4
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254)
    return refuse('cloud metadata'); // AWS IMDS over IPv6
  const first = g[0] as number;
  if ((first & 0xff00) === 0xff00) return refuse('multicast');
  if ((first & 0xfe00) === 0xfc00) return refuse('unique-local');
  if ((first & 0xffc0) === 0xfe80) return refuse('link-local');
  if ((first & 0xffc0) === 0xfec0) return refuse('private'); // site-local (deprecated)
  // Global unicast is 2000::/3; everything else is unassigned or special.
  if ((first & 0xe000) !== 0x2000) return refuse('reserved');
  if (first === 0x2001 && (g[1] as number) < 0x200) return refuse('reserved'); // Teredo, ORCHID, benchmarking...
  if (first === 0x2001 && g[1] === 0x0db8) return refuse('reserved'); // documentation
  if (first === 0x3fff && (g[1] as number) < 0x1000) return refuse('reserved'); // documentation (3fff::/20)
  return { allowed: true, address, family: 6 };
}

/** An IPv6 address carrying an IPv4 one: refused when the IPv4 address would be. */
function decideEmbedded(v4: number, address: string): AddressDecision {
  const inner = decideV4(v4);
  return inner.allowed ? { allowed: true, address, family: 6 } : { ...inner, address };
}

/**
 * The decision for an IP address in any spelling. Text that is no IP address at all is refused as
 * reserved: the caller resolves names first and asks about each address it got.
 */
export function decideAddress(text: string): AddressDecision {
  const trimmed = text.trim().toLowerCase();
  const v4 = parseIPv4(trimmed);
  if (v4 !== undefined) return decideV4(v4);
  const v6 = parseIPv6(trimmed);
  if (v6) return decideV6(v6);
  return { allowed: false, address: text, category: 'reserved' };
}

/** Whether a URL host is an IP literal in some spelling (then no name is resolved for it). */
export function isIpLiteral(host: string): boolean {
  const h = host.trim().toLowerCase();
  return parseIPv4(h) !== undefined || parseIPv6(h) !== undefined;
}
