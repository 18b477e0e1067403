// The fetch guard end to end, with real HTTP servers on 127.0.0.1. Every target here lands on this
// machine (loopback spellings, names that a resolver the test controls points at 127.0.0.1,
// redirects to another loopback port), so even a broken guard sends nothing anywhere else. The
// servers count what reaches them: a refused link must reach nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFetchGuard, type Resolver } from '../../../src/ingest/fetch/guard/guard.js';
import { createHostLimiter } from '../../../src/ingest/fetch/host-limiter.js';
import { createHttpClient } from '../../../src/ingest/fetch/http.js';
import { startNewsServer, type NewsServer } from '../../fakes/news-server.js';

let target: NewsServer;
let other: NewsServer;

/** A resolver the test controls: only the names in its table resolve, to where it says. */
const resolver =
  (table: Record<string, string[]>): Resolver =>
  async (hostname) => {
    const found = table[hostname];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

const NAMES = resolver({
  localhost: ['127.0.0.1', '::1'],
  'rebind.test': ['127.0.0.1'],
  'mixed.test': ['93.184.216.34', '127.0.0.1'],
  'mapped.test': ['::ffff:127.0.0.1'],
  'good.test': ['127.0.0.1'],
});

function client(options: {
  allowPrivateAddresses: boolean;
  permitOrigins?: string[];
  maxBodyBytes?: number;
  timeoutMs?: number;
}) {
  const guard = createFetchGuard({ ...options, resolve: NAMES });
  const http = createHttpClient({
    userAgent: 'newsbrief-test',
    timeoutMs: options.timeoutMs ?? 5_000,
    maxBodyBytes: options.maxBodyBytes ?? 2 * 1024 * 1024,
    limiter: createHostLimiter(2),
    guard,
  });
  return { get: (url: string) => http.get({ url, accept: '*/*' }), close: () => guard.close() };
}

beforeEach(async () => {
  target = await startNewsServer({ '/page': { body: '<p>hello</p>', contentType: 'text/html' } });
  other = await startNewsServer({ '/secret': { body: 'internal', contentType: 'text/plain' } });
});
afterEach(async () => {
  await target.close();
  await other.close();
});

describe('fetch guard, switch off (the default)', () => {
  const port = () => new URL(target.base).port;
  const spellings = () => [
    `http://127.0.0.1:${port()}/page`,
    `http://localhost:${port()}/page`,
    `http://2130706433:${port()}/page`,
    `http://0x7f.1:${port()}/page`,
    `http://0177.0.0.1:${port()}/page`,
    `http://127.1:${port()}/page`,
    `http://[::ffff:127.0.0.1]:${port()}/page`,
    `http://[::1]:${port()}/page`,
    `http://rebind.test:${port()}/page`,
    `http://mixed.test:${port()}/page`,
    `http://mapped.test:${port()}/page`,
  ];

  it('GIVEN loopback in every spelling, and names resolving to it THEN each is refused and nothing arrives', async () => {
    const c = client({ allowPrivateAddresses: false });
    try {
      for (const url of spellings()) {
        const res = await c.get(url);
        expect(res.ok, url).toBe(false);
        expect(!res.ok && res.error.refused, url).toMatchObject({ kind: 'address', category: 'loopback' });
      }
      expect(target.requests).toHaveLength(0);
    } finally {
      await c.close();
    }
  });

  it('GIVEN file: and data: links THEN they are refused by scheme', async () => {
    const c = client({ allowPrivateAddresses: false });
    try {
      for (const url of ['file:///etc/passwd', 'data:text/html,<p>hi</p>']) {
        const res = await c.get(url);
        expect(!res.ok && res.error.refused, url).toMatchObject({ kind: 'scheme' });
      }
    } finally {
      await c.close();
    }
  });

  it('GIVEN an allowed page that redirects to another loopback port, a loopback name or a file THEN each redirect is refused', async () => {
    const otherPort = new URL(other.base).port;
    const c = client({ allowPrivateAddresses: false, permitOrigins: [target.base] });
    try {
      const hops = [
        `http://127.0.0.1:${otherPort}/secret`,
        `http://[::ffff:7f00:1]:${otherPort}/secret`,
        `http://rebind.test:${otherPort}/secret`,
        `http://localhost:${otherPort}/secret`,
        'file:///etc/passwd',
      ];
      for (const [i, hop] of hops.entries()) {
        target.route(`/go${i}`, { redirectTo: hop });
        const res = await c.get(target.url(`/go${i}`));
        expect(!res.ok && res.error.refused, hop).toBeTruthy();
      }
      // The permitted first server was asked every time; the redirect target never.
      expect(target.requests).toHaveLength(hops.length);
      expect(other.requests).toHaveLength(0);
    } finally {
      await c.close();
    }
  });
});

describe('fetch guard, switch on (fetch.allowPrivateAddresses: true)', () => {
  it('GIVEN a good local page THEN it is fetched', async () => {
    const c = client({ allowPrivateAddresses: true });
    try {
      const res = await c.get(target.url('/page'));
      expect(res.ok && !res.value.notModified && new TextDecoder().decode(res.value.body)).toBe(
        '<p>hello</p>',
      );
    } finally {
      await c.close();
    }
  });

  it('GIVEN a name only the guard resolver knows THEN the connection goes to the address it checked', async () => {
    const c = client({ allowPrivateAddresses: true });
    try {
      const res = await c.get(`http://good.test:${new URL(target.base).port}/page`);
      expect(res.ok).toBe(true);
      expect(target.requests[0]?.headers.host).toBe(`good.test:${new URL(target.base).port}`);
    } finally {
      await c.close();
    }
  });

  it('GIVEN a 20 MB page THEN it is abandoned at the size cap', async () => {
    target.route('/huge', { streamBytes: 20 * 1024 * 1024, contentType: 'text/html' });
    const c = client({ allowPrivateAddresses: true, maxBodyBytes: 2 * 1024 * 1024 });
    try {
      const res = await c.get(target.url('/huge'));
      expect(!res.ok && res.error.reason).toMatch(/larger than 2 MB/);
      expect(target.streamedBytes).toBeLessThan(20 * 1024 * 1024);
    } finally {
      await c.close();
    }
  });

  it('GIVEN a page that never finishes THEN the fetch gives up at the time cap', async () => {
    target.route('/hang', { hang: true });
    const c = client({ allowPrivateAddresses: true, timeoutMs: 300 });
    try {
      const res = await c.get(target.url('/hang'));
      expect(!res.ok && res.error.reason).toMatch(/timed out/);
    } finally {
      await c.close();
    }
  });

  it('GIVEN file: links THEN they stay refused even with the switch on', async () => {
    const c = client({ allowPrivateAddresses: true });
    try {
      const res = await c.get('file:///etc/passwd');
      expect(!res.ok && res.error.refused).toMatchObject({ kind: 'scheme' });
    } finally {
      await c.close();
    }
  });
});
