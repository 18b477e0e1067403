// The HTTP client against a real local server: redirects, limits and validators.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHostLimiter } from '../../../src/ingest/fetch/host-limiter.js';
import { createHttpClient, retryAfter } from '../../../src/ingest/fetch/http.js';
import { startNewsServer, type NewsServer } from '../../fakes/news-server.js';

let server: NewsServer;
const client = (maxBodyBytes = 1024 * 1024) =>
  createHttpClient({
    userAgent: 'newsbrief-test',
    timeoutMs: 2_000,
    maxBodyBytes,
    limiter: createHostLimiter(2),
  });

beforeEach(async () => {
  server = await startNewsServer({ '/final': { body: 'done', contentType: 'text/plain' } });
});
afterEach(() => server.close());

describe('http client', () => {
  it('GIVEN a chain of five redirects THEN it follows them to the final URL', async () => {
    for (let i = 0; i < 5; i++) server.route(`/r${i}`, { redirectTo: i === 4 ? '/final' : `/r${i + 1}` });
    const res = await client().get({ url: server.url('/r0'), accept: '*/*' });
    expect(res.ok && !res.value.notModified && res.value.url).toBe(server.url('/final'));
  });

  it('GIVEN six redirects THEN it stops with a clear reason', async () => {
    for (let i = 0; i < 6; i++) server.route(`/r${i}`, { redirectTo: i === 5 ? '/final' : `/r${i + 1}` });
    const res = await client().get({ url: server.url('/r0'), accept: '*/*' });
    expect(!res.ok && res.error.reason).toBe('more than 5 redirects');
  });

  it('GIVEN a redirect to a non-web scheme THEN it refuses', async () => {
    server.route('/r', { redirectTo: 'file:///etc/passwd' });
    const res = await client().get({ url: server.url('/r'), accept: '*/*' });
    expect(!res.ok && res.error.reason).toMatch(/non-web address/);
  });

  it('GIVEN a Content-Length above the cap THEN the body is refused without reading it', async () => {
    server.route('/big', { body: 'x'.repeat(5000), contentType: 'text/plain' });
    const res = await client(1000).get({ url: server.url('/big'), accept: '*/*' });
    expect(!res.ok && res.error.reason).toMatch(/larger than 1 KB/);
  });

  it('GIVEN Retry-After as seconds or a date THEN it is read in milliseconds', () => {
    expect(retryAfter('120')).toBe(120_000);
    expect(retryAfter('Wed, 01 Jan 2025 00:01:00 GMT', Date.parse('2025-01-01T00:00:00Z'))).toBe(60_000);
    expect(retryAfter('soon')).toBeUndefined();
  });
});
