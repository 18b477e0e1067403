// A real HTTP server on 127.0.0.1:0 that plays news sites for ingestion tests: it serves fixture
// files (with `{{base}}` replaced by its own address) and, per route, the faults real sites
// produce: errors, redirects, hangs, gzip, conditional GET, and bodies too large to read (streamed
// in chunks with backpressure, never held in memory).
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/ingest');

/** How one path answers. */
export interface Route {
  status?: number;
  /** Body text; `{{base}}` becomes the server's base URL. */
  body?: string | Buffer;
  /** Fixture file under test/fixtures/ingest (used when `body` is unset). */
  fixture?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Compress the body with gzip (Content-Encoding: gzip). */
  gzip?: boolean;
  /** Send this ETag and answer 304 when the request carries it in If-None-Match. */
  etag?: string;
  /** Answer with a redirect to this path or URL. */
  redirectTo?: string;
  /** Never answer (the client must time out). */
  hang?: boolean;
  /** Stream this many bytes of filler instead of a body. */
  streamBytes?: number;
  /** Serve the fixture's bytes as they are (no `{{base}}` templating), e.g. a non-UTF-8 file. */
  raw?: boolean;
  /** `user:password` this path demands as HTTP Basic authentication (401 otherwise). */
  basicAuth?: string;
}

export interface NewsServer {
  /** `http://127.0.0.1:PORT` */
  base: string;
  url(pathname: string): string;
  /** Adds or replaces a route. */
  route(pathname: string, route: Route): void;
  /** Every request received, in order. */
  requests: { path: string; headers: IncomingMessage['headers'] }[];
  /** Bytes written by streamed bodies (to check a client stopped early). */
  streamedBytes: number;
  close(): Promise<void>;
}

export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

function typeFor(name: string): string {
  if (name.endsWith('.json')) return 'application/feed+json';
  if (name.endsWith('.html')) return 'text/html; charset=utf-8';
  if (name.endsWith('.atom')) return 'application/atom+xml';
  return 'application/rss+xml';
}

export async function startNewsServer(routes: Record<string, Route> = {}): Promise<NewsServer> {
  const table = new Map(Object.entries(routes));
  const requests: NewsServer['requests'] = [];
  let base = '';
  const state = { streamedBytes: 0 };

  const stream = (res: ServerResponse, total: number) => {
    const chunk = Buffer.alloc(64 * 1024, '<p>filler</p>\n');
    let sent = 0;
    const pump = () => {
      while (sent < total && !res.destroyed) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        state.streamedBytes += n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    requests.push({ path: url.pathname + url.search, headers: req.headers });
    const route = table.get(url.pathname);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (route.hang) return;
    if (
      route.basicAuth !== undefined &&
      req.headers.authorization !== `Basic ${Buffer.from(route.basicAuth).toString('base64')}`
    ) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="feeds"' }).end('who are you?');
      return;
    }
    if (route.redirectTo) {
      res.writeHead(route.status ?? 302, { location: route.redirectTo }).end();
      return;
    }
    const headers: Record<string, string> = { ...route.headers };
    if (route.etag) {
      headers.etag = route.etag;
      if (req.headers['if-none-match'] === route.etag) {
        res.writeHead(304, headers).end();
        return;
      }
    }
    if (route.streamBytes !== undefined) {
      res.writeHead(route.status ?? 200, {
        'content-type': route.contentType ?? 'application/rss+xml',
        ...headers,
      });
      stream(res, route.streamBytes);
      return;
    }
    let body: Buffer | string =
      route.body ?? (route.fixture ? readFileSync(path.join(FIXTURES, route.fixture)) : '');
    if (typeof body === 'string') body = Buffer.from(body.replaceAll('{{base}}', base));
    else if (route.fixture && !route.raw)
      body = Buffer.from(body.toString('utf8').replaceAll('{{base}}', base));
    headers['content-type'] ??= route.contentType ?? (route.fixture ? typeFor(route.fixture) : 'text/plain');
    if (route.gzip) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(route.status ?? 200, headers).end(body);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    base,
    url: (p) => `${base}${p}`,
    route: (p, r) => void table.set(p, r),
    requests,
    get streamedBytes() {
      return state.streamedBytes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
