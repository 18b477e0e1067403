// The fetch guard's address decision over a table of hostile targets: every spelling of loopback,
// the private and special ranges, link-local and cloud metadata, IPv4 hidden inside IPv6. Each
// must be refused with the right reason; public addresses (also inside IPv6) must pass, so the
// guard is not simply refusing everything.
import { describe, expect, it } from 'vitest';
import { decideAddress, isIpLiteral, parseIPv4 } from '../../../../src/ingest/fetch/guard/address.js';
import { createFetchGuard } from '../../../../src/ingest/fetch/guard/guard.js';

/** [address as written, category it must be refused as]. */
const HOSTILE: [string, string][] = [
  // loopback, every spelling
  ['127.0.0.1', 'loopback'],
  ['127.1', 'loopback'],
  ['127.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['2130706433', 'loopback'],
  ['0x7f000001', 'loopback'],
  ['0x7f.0x0.0x0.0x1', 'loopback'],
  ['0177.0.0.1', 'loopback'],
  ['0177.0000.0000.0001', 'loopback'],
  ['017700000001', 'loopback'],
  ['127.0.0.1.', 'loopback'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['[::ffff:7f00:1]', 'loopback'],
  ['::127.0.0.1', 'loopback'],
  ['::ffff:0:127.0.0.1', 'loopback'],
  ['64:ff9b::127.0.0.1', 'loopback'],
  ['2002:7f00:1::', 'loopback'],
  // unspecified and broadcast
  ['0.0.0.0', 'unspecified'],
  ['0', 'unspecified'],
  ['::', 'unspecified'],
  ['::ffff:0.0.0.0', 'unspecified'],
  ['255.255.255.255', 'broadcast'],
  // private ranges
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['012.1.2.3', 'private'],
  ['167772161', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.254', 'private'],
  ['192.168.0.1', 'private'],
  ['192.168.1.1', 'private'],
  ['0xc0a80001', 'private'],
  ['::ffff:192.168.1.1', 'private'],
  ['::ffff:a00:1', 'private'],
  ['64:ff9b::10.0.0.1', 'private'],
  ['64:ff9b:1::1', 'private'],
  ['fec0::1', 'private'],
  // shared address space (carrier-grade NAT)
  ['100.64.0.1', 'shared (CGNAT)'],
  ['100.127.255.254', 'shared (CGNAT)'],
  // link-local
  ['169.254.1.1', 'link-local'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['febf::1', 'link-local'],
  // unique-local
  ['fc00::1', 'unique-local'],
  ['fd12:3456:789a::1', 'unique-local'],
  // cloud metadata
  ['169.254.169.254', 'cloud metadata'],
  ['2852039166', 'cloud metadata'],
  ['0xa9fea9fe', 'cloud metadata'],
  ['0251.0376.0251.0376', 'cloud metadata'],
  ['169.254.43518', 'cloud metadata'],
  ['::ffff:169.254.169.254', 'cloud metadata'],
  ['::ffff:a9fe:a9fe', 'cloud metadata'],
  ['64:ff9b::a9fe:a9fe', 'cloud metadata'],
  ['fd00:ec2::254', 'cloud metadata'],
  ['169.254.170.2', 'cloud metadata'],
  ['100.100.100.200', 'cloud metadata'],
  ['192.0.0.192', 'cloud metadata'],
  ['168.63.129.16', 'cloud metadata'],
  // multicast
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['ff02::1', 'multicast'],
  ['ff05::2', 'multicast'],
  // reserved, documentation, tunnels
  ['240.0.0.1', 'reserved'],
  ['192.0.2.1', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['2001:db8::1', 'reserved'],
  ['2001::1', 'reserved'],
  ['100::1', 'reserved'],
  // not an address at all
  ['256.0.0.1', 'reserved'],
  ['1.2.3.4.5', 'reserved'],
  ['1::2::3', 'reserved'],
];

/** Public addresses: must pass (the guard is an allowlist, not a refuse-all). */
const PUBLIC = [
  '93.184.216.34',
  '8.8.8.8',
  '1.1.1.1',
  '172.32.0.1',
  '100.128.0.1',
  '192.169.0.1',
  '11.0.0.1',
  '2606:4700:4700::1111',
  '2a00:1450:4001:80b::200e',
  '::ffff:8.8.8.8',
  '64:ff9b::8.8.8.8',
];

describe('the fetch guard address decision', () => {
  it('GIVEN the hostile table THEN it has at least 30 targets', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
  });

  it.each(HOSTILE)('GIVEN %s THEN it is refused as %s', (address, category) => {
    const decision = decideAddress(address);
    expect(decision).toMatchObject({ allowed: false, category });
  });

  it.each(PUBLIC)('GIVEN the public address %s THEN it is allowed', (address) => {
    expect(decideAddress(address).allowed).toBe(true);
  });

  it('GIVEN odd IPv4 spellings THEN they read as the address a socket would reach', () => {
    expect(parseIPv4('2130706433')).toBe(0x7f000001);
    expect(parseIPv4('0x7f.1')).toBe(0x7f000001);
    expect(parseIPv4('0177.0.0.01')).toBe(0x7f000001);
    expect(parseIPv4('10.1')).toBe(0x0a000001);
    expect(parseIPv4('example.com')).toBeUndefined();
    expect(parseIPv4('1.2.3.256')).toBeUndefined();
    expect(parseIPv4('08.1.1.1')).toBeUndefined();
  });

  it('GIVEN host names THEN they are not literals (they are resolved, then each address judged)', () => {
    expect(isIpLiteral('localhost')).toBe(false);
    expect(isIpLiteral('127.0.0.1.nip.io')).toBe(false);
    expect(isIpLiteral('[::1]')).toBe(true);
    expect(isIpLiteral('0x7f.1')).toBe(true);
  });
});

describe('the fetch guard URL check (before anything is sent)', () => {
  const guard = createFetchGuard({ allowPrivateAddresses: false });
  const urls = [
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://0177.0.0.1:8080/',
    'http://127.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:169.254.169.254]/latest/meta-data/',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
    'http://[64:ff9b::7f00:1]/',
    'https://10.0.0.1/',
    'http://user:pass@192.168.0.1/',
  ];
  it.each(urls)('GIVEN %s THEN it is refused by address', (url) => {
    expect(guard.checkUrl(new URL(url))).toMatchObject({ kind: 'address' });
  });

  it.each(['file:///etc/passwd', 'data:text/html,<p>hi</p>', 'ftp://example.org/', 'gopher://127.0.0.1:70/'])(
    'GIVEN %s THEN it is refused by scheme',
    (url) => {
      expect(guard.checkUrl(new URL(url))).toMatchObject({ kind: 'scheme' });
    },
  );

  it('GIVEN a public address or a name THEN the URL check lets it through to the connect-time check', () => {
    expect(guard.checkUrl(new URL('https://93.184.216.34/'))).toBeUndefined();
    expect(guard.checkUrl(new URL('https://example.org/news'))).toBeUndefined();
  });

  it('GIVEN the switch on THEN private addresses pass, other schemes still do not', () => {
    const open = createFetchGuard({ allowPrivateAddresses: true });
    expect(open.checkUrl(new URL('http://127.0.0.1:9/'))).toBeUndefined();
    expect(open.checkUrl(new URL('file:///etc/passwd'))).toMatchObject({ kind: 'scheme' });
  });
});
