// Digests -> channel posts. Uses its own REST instance that never waits or retries by itself
// (`retries: 0`, reject on rate limit), so every wait here is bounded and every outcome is a
// PostResult: the digest runner decides what a failure means, this file only explains it.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DiscordAPIError, HTTPError, RateLimitError, REST, Routes } from 'discord.js';
import type { Logger } from 'pino';
import { message } from '../../core/messages.js';
import type { ChannelPoster, ChannelTarget, DigestMessage, PostResult } from '../../digests/ports.js';
import { renderDigest } from './render.js';

export interface PosterOptions {
  /** Longest total time spent waiting out 429s for one post before giving up (transient). */
  maxRateLimitWaitMs?: number;
  /** How many times a 5xx or network failure is retried. */
  serverRetries?: number;
  /** Pause before retry n is n × this. */
  backoffMs?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
}

/** The REST client the poster uses: bounded, self-managed retries (see file comment). */
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
 * (`enforce_nonce`), so a retry after a 5xx that did post cannot double the digest.
 */
export function nonceFor(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 25);
}

/** Translates a REST failure into a permanent or transient PostResult. */
export function classifyFailure(err: unknown, attempts: number): Extract<PostResult, { ok: false }> {
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
        reason: message('DISCORD_SERVER_ERROR', { detail, attempts }),
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
    reason: message('DISCORD_SERVER_ERROR', { detail, attempts }),
  };
}

function retryable(err: unknown): boolean {
  if (err instanceof DiscordAPIError || err instanceof HTTPError) return err.status >= 500;
  return !(err instanceof RateLimitError); // timeouts, refused or reset connections
}

/** A ChannelPoster for Discord: renders the digest and posts it to `target.channelId`. */
export function createDiscordPoster(deps: {
  rest: REST;
  log: Logger;
  options?: PosterOptions;
}): ChannelPoster {
  const { rest, log } = deps;
  const maxWait = deps.options?.maxRateLimitWaitMs ?? 60_000;
  const retries = deps.options?.serverRetries ?? 3;
  const backoff = deps.options?.backoffMs ?? 1_000;

  async function post(target: ChannelTarget, digest: DigestMessage): Promise<PostResult> {
    const body = { ...renderDigest(digest), nonce: nonceFor(digest.idempotencyKey), enforce_nonce: true };
    const plog = log.child({ channelId: target.channelId, guildId: target.workspaceId, kind: digest.kind });
    let waited = 0;
    let failures = 0;
    for (;;) {
      try {
        const sent = (await rest.post(Routes.channelMessages(target.channelId), { body })) as { id?: string };
        plog.info({ messageId: sent.id, rateLimitedMs: waited, retries: failures }, 'digest posted');
        return { ok: true, messageId: sent.id };
      } catch (err) {
        if (err instanceof RateLimitError) {
          const wait = Math.max(0, err.retryAfter);
          if (waited + wait > maxWait) {
            plog.warn(
              { retryAfterMs: wait, waitedMs: waited },
              'discord rate limit outlasts the wait budget',
            );
            return {
              ok: false,
              permanent: false,
              code: 'rate_limited',
              reason: message('DISCORD_RATE_LIMITED', { seconds: Math.ceil(wait / 1000) }),
              retryAfterMs: wait,
            };
          }
          plog.info({ retryAfterMs: wait, global: err.global }, 'discord rate limit: waiting');
          waited += wait;
          await sleep(wait);
          continue;
        }
        failures++;
        if (retryable(err) && failures <= retries) {
          plog.warn({ err, attempt: failures }, 'discord post failed; retrying');
          await sleep(backoff * failures);
          continue;
        }
        const result = classifyFailure(err, failures);
        plog.warn(
          {
            code: result.code,
            permanent: result.permanent,
            status: err instanceof DiscordAPIError ? err.status : undefined,
          },
          'digest not posted',
        );
        return result;
      }
    }
  }

  // Channels are posted to in parallel, well within Discord's 50 requests a second per bot.
  return { platform: 'discord', concurrency: 8, post };
}
