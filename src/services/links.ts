// `/brief url <link>`: the key points of one page someone typed in chat. The page goes through
// the same reader as a `page` source (fetch, content check, extraction) and the same cleaning and
// key points as ingestion, over the fetch guard's HTTP client (no private, loopback or metadata
// addresses unless fetch.allowPrivateAddresses is on). Answers are cached by canonical URL so a
// link pasted again, or shared, is not fetched again; each person may have a few links fetched
// per minute.
import { canonicalUrl, hostOf } from '../core/canonical.js';
import { keyPoints } from '../core/summarize/index.js';
import { cleanArticleText } from '../core/text/clean.js';
import type { Briefing } from '../core/types.js';
import type { Logger } from 'pino';
import type { Invocation, Result } from '../commands/ports.js';
import type { Message, MessageCode, MessageParams } from '../core/messages.js';
import { createFetchGuard, type Refusal, type Resolver } from '../ingest/fetch/guard/guard.js';
import { createHostLimiter } from '../ingest/fetch/host-limiter.js';
import { createHttpClient, DEFAULT_USER_AGENT } from '../ingest/fetch/http.js';
import { createRemoteReader, type HttpGetter } from '../ingest/remote.js';
import { articleIdForUrl } from '../ingest/ids.js';
import { createRateLimiter } from './rate-limit.js';

export interface LinkService {
  /** One page's key points as a one-article briefing, or why not (a value, never a throw). */
  brief(link: string, invocation: Invocation, now: Date): Promise<Result<Briefing>>;
}

export interface LinkServiceDeps {
  /** The guarded HTTP client (see ingest/fetch/guard). */
  http: HttpGetter;
  log: Logger;
  linksPerMinute: number;
  /** Named in refusals, so people know why and admins know the switch. */
  allowPrivateAddresses: boolean;
  maxPoints: number;
  cacheTtlMs?: number;
  cacheSize?: number;
}

const MINUTE_MS = 60_000;
const DEFAULT_TTL_MS = 30 * MINUTE_MS;
const DEFAULT_CACHE_SIZE = 200;

export function createLinkService(deps: LinkServiceDeps): LinkService {
  const limiter = createRateLimiter(deps.linksPerMinute, MINUTE_MS);
  const cache = new Map<string, { at: number; briefing: Briefing }>();
  const ttl = deps.cacheTtlMs ?? DEFAULT_TTL_MS;
  const size = deps.cacheSize ?? DEFAULT_CACHE_SIZE;

  function remember(keys: (string | undefined)[], briefing: Briefing, now: number): void {
    for (const key of new Set(keys)) {
      if (!key) continue;
      // Re-inserting moves the key to the end: the map's order is least recently stored first.
      cache.delete(key);
      cache.set(key, { at: now, briefing });
    }
    while (cache.size > size) cache.delete(cache.keys().next().value as string);
  }

  function cached(key: string, now: number): Briefing | undefined {
    const hit = cache.get(key);
    if (!hit || now - hit.at > ttl) return undefined;
    return hit.briefing;
  }

  return {
    async brief(link, invocation, now) {
      let url: URL;
      try {
        url = new URL(link);
      } catch {
        return problem('URL_INVALID', { link });
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return problem('URL_REFUSED_SCHEME', { scheme: url.protocol.replace(/:$/, '') });
      const key = canonicalUrl(url.toString()) ?? url.toString();
      const hit = cached(key, now.getTime());
      if (hit) return { ok: true, value: { ...hit, generatedAt: now.toISOString() } };

      const who = `${invocation.platform}:${invocation.workspaceId}:${invocation.userId}`;
      const allowed = limiter.take(who, now.getTime());
      if (!allowed.ok)
        return problem('URL_RATE_LIMITED', {
          limit: deps.linksPerMinute,
          seconds: Math.max(1, Math.ceil(allowed.error.retryInMs / 1000)),
        });

      // The reader reports failures as sentences; the guard's refusal is kept apart so the reply
      // can say plainly that the address is off limits (and which switch would allow it).
      let refused: Refusal | undefined;
      const watched: HttpGetter = {
        async get(request) {
          const res = await deps.http.get(request);
          if (!res.ok && res.error.refused) refused = res.error.refused;
          return res;
        },
      };
      const reader = createRemoteReader(watched, deps.log);
      const read = await reader.read(
        { id: 'chat-link', type: 'page', url: url.toString(), every: MINUTE_MS },
        undefined,
      );
      if (!read.ok) {
        const r = refused as Refusal | undefined;
        if (r?.kind === 'scheme')
          return problem('URL_REFUSED_SCHEME', { scheme: r.scheme.replace(/:$/, '') });
        if (r?.kind === 'address')
          return problem('URL_REFUSED_ADDRESS', {
            host: r.host,
            category: r.category,
            switch: deps.allowPrivateAddresses ? 'on' : 'off',
          });
        const { reason } = read.error;
        deps.log.info({ host: url.hostname, error: reason }, 'chat link could not be read');
        return problem('URL_FETCH_FAILED', { host: url.hostname, error: reason });
      }
      const page = read.value;
      const item = page.items[0];
      const text = item ? cleanArticleText(item.text) : '';
      const title = item?.title?.trim() || hostOf(url.toString()) || url.hostname;
      const points = text ? keyPoints(item?.text ?? '', { title, maxPoints: deps.maxPoints }) : [];
      if (!item || points.length === 0) return problem('URL_NO_ARTICLE', { host: url.hostname });
      const articleUrl = (item.url && canonicalUrl(item.url)) || key;
      const id = articleIdForUrl(articleUrl);
      const briefing: Briefing = {
        topic: 'url',
        title,
        generatedAt: now.toISOString(),
        points: points.map((p) => ({ text: p, articleIds: [id] })),
        articles: [
          {
            id,
            title,
            outlet: page.outlet ?? hostOf(articleUrl) ?? url.hostname,
            publishedAt: item.publishedAt,
            url: articleUrl,
          },
        ],
        newestAt: item.publishedAt,
        stale: false,
        matchedCount: 1,
      };
      remember([key, articleUrl], briefing, now.getTime());
      return { ok: true, value: briefing };
    },
  };
}

function problem<C extends MessageCode>(code: C, params: MessageParams<C>) {
  return { ok: false as const, error: { code, params } as Message };
}

/** Chat links' HTTP limits: shorter and smaller than a feed's, since someone is waiting. */
export const LINK_TIMEOUT_MS = 10_000;
export const LINK_MAX_BODY_BYTES = 3 * 1024 * 1024;

/**
 * The link service over its own guarded HTTP client, as main.ts wires it. `resolve` is for tests
 * (a resolver they control); the system resolver otherwise.
 */
export function createGuardedLinkService(deps: {
  fetch: { allowPrivateAddresses: boolean; linksPerMinute: number };
  maxPoints: number;
  log: Logger;
  resolve?: Resolver;
  timeoutMs?: number;
  maxBodyBytes?: number;
}): { service: LinkService; close(): Promise<void> } {
  const guard = createFetchGuard({
    allowPrivateAddresses: deps.fetch.allowPrivateAddresses,
    resolve: deps.resolve,
  });
  const http = createHttpClient({
    userAgent: DEFAULT_USER_AGENT,
    timeoutMs: deps.timeoutMs ?? LINK_TIMEOUT_MS,
    maxBodyBytes: deps.maxBodyBytes ?? LINK_MAX_BODY_BYTES,
    limiter: createHostLimiter(2),
    guard,
  });
  const service = createLinkService({
    http,
    log: deps.log,
    linksPerMinute: deps.fetch.linksPerMinute,
    allowPrivateAddresses: deps.fetch.allowPrivateAddresses,
    maxPoints: deps.maxPoints,
  });
  return { service, close: () => guard.close() };
}
