// Digests -> channel posts. Uses its own REST instance that never waits or retries by itself
// (`retries: 0`, reject on rate limit), so the only wait is a Retry-After within the post's
// budget (callWithinRateLimit) and every outcome is a PostResult: one attempt, explained here;
// whether the slot tries again is the delivery's decision (digests/deliver.ts).
import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, RateLimitError, REST, Routes } from 'discord.js';
import type { Logger } from 'pino';
import { message } from '../../core/messages.js';
import type {
  ChannelPoster,
  ChannelTarget,
  DigestMessage,
  PosterOptions,
  PostResult,
} from '../../digests/ports.js';
import { callWithinRateLimit } from '../../digests/rate-limit.js';
import { renderDigest } from './render.js';

/** The REST client the poster uses: no retries or waits of its own (see file comment). */
export function createPosterRest(token: string, apiUrl: string | undefined, timeoutMs = 15_000): REST {
  return new REST({
    retries: 0,
    rejectOnRateLimit: () => true,
    offset: 0,
    timeout: timeoutMs,
    ...(apiUrl ? { api: apiUrl } : {}),
  }).setToken(token);
}

/**
 * Discord drops a second message with the same nonce from the same author for a few minutes
 * (`enforce_nonce`), so the delivery's next attempt after a 5xx that did post cannot double the digest.
 */
export function nonceFor(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 25);
}

/** Translates a REST failure into a permanent or transient PostResult. */
export function classifyFailure(err: unknown): Extract<PostResult, { ok: false }> {
  if (err instanceof DiscordAPIError) {
    const detail = `${err.status} ${err.code}`;
    if (err.code === 50001)
      return {
        ok: false,
        permanent: true,
        code: 'missing_access',
        reason: message('DISCORD_MISSING_ACCESS'),
      };
    if (err.code === 50013)
      return {
        ok: false,
        permanent: true,
        code: 'missing_permissions',
        reason: message('DISCORD_MISSING_PERMISSIONS'),
      };
    if (err.code === 10003 || err.status === 404)
      return {
        ok: false,
        permanent: true,
        code: 'channel_not_found',
        reason: message('DISCORD_UNKNOWN_CHANNEL'),
      };
    if (err.status === 401)
      return { ok: false, permanent: true, code: 'unauthorized', reason: message('DISCORD_UNAUTHORIZED') };
    if (err.status >= 500)
      return {
        ok: false,
        permanent: false,
        code: 'server_error',
        reason: message('DISCORD_SERVER_ERROR', { detail }),
      };
    return {
      ok: false,
      permanent: true,
      code: 'rejected',
      reason: message('DISCORD_REJECTED', { detail: `${detail} ${err.message}` }),
    };
  }
  const detail = err instanceof HTTPError ? String(err.status) : err instanceof Error ? err.name : 'unknown';
  return {
    ok: false,
    permanent: false,
    code: 'server_error',
    reason: message('DISCORD_SERVER_ERROR', { detail }),
  };
}

/** A 429's wait in ms, or undefined for any other failure. */
const discordRetryAfter = (err: unknown): number | undefined =>
  err instanceof RateLimitError ? err.retryAfter : undefined;

/** A ChannelPoster for Discord: renders the digest and posts it to `target.channelId`. */
export function createDiscordPoster(deps: {
  rest: REST;
  log: Logger;
  options?: PosterOptions;
}): ChannelPoster {
  const { rest, log } = deps;

  async function post(target: ChannelTarget, digest: DigestMessage): Promise<PostResult> {
    const body = { ...renderDigest(digest), nonce: nonceFor(digest.idempotencyKey), enforce_nonce: true };
    const plog = log.child({ channelId: target.channelId, guildId: target.workspaceId, kind: digest.kind });
    const sent = await callWithinRateLimit(
      () => rest.post(Routes.channelMessages(target.channelId), { body }) as Promise<{ id?: string }>,
      discordRetryAfter,
      deps.options,
    );
    if (sent.ok) {
      plog.info({ messageId: sent.value.id, rateLimitedMs: sent.waitedMs }, 'digest posted');
      return { ok: true, messageId: sent.value.id };
    }
    if (sent.retryAfterMs !== undefined) {
      plog.warn(
        { retryAfterMs: sent.retryAfterMs, waitedMs: sent.waitedMs },
        'discord rate limit outlasts the wait budget',
      );
      return {
        ok: false,
        permanent: false,
        code: 'rate_limited',
        reason: message('DISCORD_RATE_LIMITED', { seconds: Math.ceil(sent.retryAfterMs / 1000) }),
        retryAfterMs: sent.retryAfterMs,
      };
    }
    const result = classifyFailure(sent.error);
    plog.warn(
      {
        code: result.code,
        permanent: result.permanent,
        status: sent.error instanceof DiscordAPIError ? sent.error.status : undefined,
      },
      'digest not posted',
    );
    return result;
  }

  // Channels are posted to in parallel, well within Discord's 50 requests a second per bot.
  return { platform: 'discord', concurrency: 8, post };
}
