// One HTTP GET with every limit a bot polling strangers' servers needs: a timeout over the whole
// exchange, a cap on the body (read as a stream and abandoned past the cap, so a 50 MB answer
// costs at most the cap), redirects followed by hand (a limit, loop detection, http(s) only),
// conditional GET, a per-host slot, and a User-Agent naming the bot. Failures are values with a
// sentence a person can act on; this never throws.
import { fail, ok, type Result } from '../../core/result.js';
import { describeRefusal, refusalOf, type FetchGuard, type Refusal } from './guard/guard.js';
import type { HostLimiter } from './host-limiter.js';
import { redactUrl, redactUrls, splitCredentials } from './redact.js';

/** The User-Agent newsbrief sends unless told otherwise. */
export const DEFAULT_USER_AGENT = 'newsbrief/0.1 (news briefing bot)';
export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
export const MAX_REDIRECTS = 5;

export interface HttpClientOptions {
  userAgent: string;
  timeoutMs: number;
  maxBodyBytes: number;
  limiter: HostLimiter;
  /** For links typed in chat: every hop checked, connections pinned to checked addresses. */
  guard?: FetchGuard;
}

export interface GetRequest {
  url: string;
  /** Accept header: what the reader can use. */
  accept: string;
  etag?: string;
  lastModified?: string;
  /** Cancels the request (stopping the bot). */
  signal?: AbortSignal;
}

/** What a GET brought back (`url`: where the redirects ended): the body, or 304 Not Modified. */
export type Fetched =
  | {
      notModified: false;
      url: string;
      body: Uint8Array;
      contentType: string;
      etag?: string;
      lastModified?: string;
    }
  | { notModified: true; url: string };

/** Why a GET brought nothing back. */
export interface FetchFailure {
  /** One sentence a person can act on: "HTTP 404 Not Found", "timed out after 10s". */
  reason: string;
  /** The HTTP status of the last answer, when there was one. */
  status?: number;
  /** Server asked us to wait (429/503 Retry-After), in ms. */
  retryAfterMs?: number;
  /** The fetch guard refused the address (a link typed in chat). */
  refused?: Refusal;
}

export type GetResult = Result<Fetched, FetchFailure>;

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden (the site refuses the bot; some sites block automated readers)',
  404: 'Not Found',
  410: 'Gone',
  429: 'Too Many Requests (the site asks us to slow down)',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function createHttpClient(options: HttpClientOptions): {
  get(request: GetRequest): Promise<GetResult>;
} {
  return {
    async get(request) {
      const timedOut = { value: false };
      let result: GetResult;
      try {
        result = await follow(request, options, timedOut);
      } catch (err) {
        const refused = refusalOf(err);
        result = refused
          ? fail({ reason: describeRefusal(refused), refused })
          : fail({ reason: describeNetworkError(err, options.timeoutMs, timedOut.value) });
      }
      // Error texts (ours and the network stack's) may quote an address: never with its secrets.
      return result.ok ? result : fail({ ...result.error, reason: redactUrls(result.error.reason) });
    },
  };
}

async function follow(
  request: GetRequest,
  options: HttpClientOptions,
  timedOut: { value: boolean },
): Promise<GetResult> {
  const seen = new Set<string>();
  // `user:pass@` in the address becomes Basic authentication, sent to that origin only.
  const { url: first, authorization } = splitCredentials(request.url);
  const authOrigin = authorization ? new URL(first).origin : undefined;
  let url = first;
  for (let hop = 0; ; hop++) {
    const parsed = new URL(url);
    const refused = options.guard?.checkUrl(parsed);
    if (refused) return fail({ reason: describeRefusal(refused), refused });
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      return fail({ reason: `redirected to a non-web address (${parsed.protocol})` });
    seen.add(url);
    const release = await options.limiter.acquire(parsed.host);
    // The clock starts once a slot is ours: waiting behind other requests to the same host is
    // politeness, not the server's slowness. It covers the whole answer, body included.
    const timeout = AbortSignal.timeout(options.timeoutMs);
    timeout.addEventListener('abort', () => (timedOut.value = true), { once: true });
    const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
    try {
      const headers: Record<string, string> = {
        'user-agent': options.userAgent,
        accept: request.accept,
        'accept-encoding': 'gzip, deflate, br',
      };
      if (authorization && parsed.origin === authOrigin) headers.authorization = authorization;
      // Validators belong to the URL they were given for; send them on the first hop only.
      if (hop === 0 && request.etag) headers['if-none-match'] = request.etag;
      if (hop === 0 && request.lastModified) headers['if-modified-since'] = request.lastModified;
      const res = await (options.guard?.fetch ?? fetch)(url, { headers, redirect: 'manual', signal });
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        await res.body?.cancel();
        const location = res.headers.get('location');
        if (!location)
          return fail({
            status: res.status,
            reason: `HTTP ${res.status} redirect without a Location header`,
          });
        const next = new URL(location, url).toString();
        if (seen.has(next))
          return fail({
            status: res.status,
            reason: `redirect loop (${redactUrl(url)} -> ${redactUrl(next)})`,
          });
        if (hop + 1 > MAX_REDIRECTS)
          return fail({ status: res.status, reason: `more than ${MAX_REDIRECTS} redirects` });
        url = next;
        continue;
      }
      if (res.status === 304) {
        await res.body?.cancel();
        return ok({ notModified: true, url });
      }
      if (res.status < 200 || res.status >= 300) {
        await res.body?.cancel();
        return fail({
          status: res.status,
          reason: `HTTP ${res.status} ${REASONS[res.status] ?? res.statusText}`.trim(),
          retryAfterMs: retryAfter(res.headers.get('retry-after')),
        });
      }
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (declared > options.maxBodyBytes) {
        await res.body?.cancel();
        return fail({ status: res.status, reason: tooLarge(options.maxBodyBytes) });
      }
      const body = await readCapped(res, options.maxBodyBytes);
      if (!body) return fail({ status: res.status, reason: tooLarge(options.maxBodyBytes) });
      return ok({
        notModified: false,
        url,
        body,
        contentType: res.headers.get('content-type') ?? '',
        etag: res.headers.get('etag') ?? undefined,
        lastModified: res.headers.get('last-modified') ?? undefined,
      });
    } finally {
      release();
    }
  }
}

function tooLarge(max: number): string {
  return `the response is larger than ${formatBytes(max)}; not read`;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;
}

/** The body, or undefined as soon as it passes `max` bytes (the rest is never read). */
async function readCapped(res: Response, max: number): Promise<Uint8Array | undefined> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Retry-After as milliseconds: either delta-seconds or an HTTP date. */
export function retryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

function describeNetworkError(err: unknown, timeoutMs: number, timedOut: boolean): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (timedOut || e.name === 'TimeoutError') return `timed out after ${timeoutMs / 1000}s`;
  if (e.name === 'AbortError') return 'cancelled (newsbrief is stopping)';
  const code = e.cause?.code ?? '';
  if (code === 'ECONNREFUSED') return 'connection refused (is the site down?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found (check the URL, or the network)';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was reset by the server';
  if (code.startsWith('CERT_') || code.includes('TLS') || code.includes('SSL'))
    return `TLS problem (${code})`;
  return `network error: ${e.cause?.message ?? e.message ?? String(err)}`;
}
