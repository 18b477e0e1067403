// Digests -> channel posts. Uses its own REST instance that never waits or retries by itself
// (`retries: 0`, reject on rate limit), so the only wait is a Retry-After within the post's
// budget (callWithinRateLimit) and every outcome is a PostResult: one attempt, explained here;
// whether the slot tries again is the delivery's decision (digests/deliver.ts).
import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, RateLimitError, REST, Routes } from 'discord.js';
import type { Logger } from 'pino';
import { message } from '../../core/messages.js';
import { fail, ok } from '../../core/result.js';
import { truncate } from './limits.js';
import type {
  ChannelPoster,
  ChannelTarget,
  DigestMessage,
  PostFailure,
  PosterOptions,
  PostResult,
  StoryReply,
  ThreadAddress,
} from '../../digests/ports.js';
import { callWithinRateLimit, type CallFailure } from '../../digests/rate-limit.js';
import { renderDigest, renderStoryReply, type DiscordMessage } from './render.js';
import { missingThreadPermissions } from './threads.js';

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

/** Translates a REST failure into a permanent or transient one. */
export function classifyFailure(err: unknown): PostFailure {
  if (err instanceof DiscordAPIError) {
    const detail = `${err.status} ${err.code}`;
    if (err.code === 50001) return permanent('missing_access', message('DISCORD_MISSING_ACCESS'));
    if (err.code === 50013) return permanent('missing_permissions', message('DISCORD_MISSING_PERMISSIONS'));
    if (err.code === 10003 || err.status === 404)
      return permanent('channel_not_found', message('DISCORD_UNKNOWN_CHANNEL'));
    if (err.status === 401) return permanent('unauthorized', message('DISCORD_UNAUTHORIZED'));
    if (err.status >= 500) return serverError(detail);
    return permanent('rejected', message('DISCORD_REJECTED', { detail: `${detail} ${err.message}` }));
  }
  return serverError(
    err instanceof HTTPError ? String(err.status) : err instanceof Error ? err.name : 'unknown',
  );
}

/** Retrying cannot help until a person changes the channel, the bot's rights or its token. */
const permanent = (code: string, reason: string): PostFailure => ({ permanent: true, code, reason });

/** A 5xx or a network failure: transient, `detail` says which. */
const serverError = (detail: string): PostFailure => ({
  permanent: false,
  code: 'server_error',
  reason: message('DISCORD_SERVER_ERROR', { detail }),
});

/** A 429's wait in ms, or undefined for any other failure. */
const discordRetryAfter = (err: unknown): number | undefined =>
  err instanceof RateLimitError ? err.retryAfter : undefined;

/** Discord's code for "a thread has already been created for this message". */
const THREAD_EXISTS = 160004;

/**
 * A ChannelPoster for Discord: the digest goes to `target.channelId`; a threaded digest's
 * replies go into a thread started from it (a thread made from a message has that message's id).
 */
export function createDiscordPoster(deps: {
  rest: REST;
  log: Logger;
  options?: PosterOptions;
}): ChannelPoster {
  const { rest, log } = deps;
  let botId: Promise<string> | undefined;
  const botUserId = () =>
    (botId ??= (rest.get(Routes.user()) as Promise<{ id: string }>).then((u) => u.id)).catch((err) => {
      botId = undefined;
      throw err;
    });

  async function send(
    channelId: string,
    rendered: DiscordMessage,
    key: string,
    plog: Logger,
  ): Promise<PostResult> {
    const body = { ...rendered, nonce: nonceFor(key), enforce_nonce: true };
    const sent = await callWithinRateLimit(
      () => rest.post(Routes.channelMessages(channelId), { body }) as Promise<{ id?: string }>,
      discordRetryAfter,
      deps.options,
    );
    if (sent.ok) {
      const { answer, waitedMs } = sent.value;
      plog.info({ messageId: answer.id, rateLimitedMs: waitedMs }, 'digest posted');
      return ok({ messageId: answer.id });
    }
    return failed(sent.error, plog);
  }

  const logFor = (target: ChannelTarget, extra: Record<string, unknown>) =>
    log.child({ channelId: target.channelId, guildId: target.workspaceId, ...extra });

  return {
    platform: 'discord',
    // Channels are posted to in parallel, well within Discord's 50 requests a second per bot.
    concurrency: 8,
    post: (target: ChannelTarget, digest: DigestMessage) =>
      send(
        target.channelId,
        renderDigest(digest),
        digest.idempotencyKey,
        logFor(target, { kind: digest.kind }),
      ),
    async missingThreadRights(target) {
      try {
        const missing = await missingThreadPermissions(rest, target.channelId, botUserId);
        return missing.length
          ? [
              message('DISCORD_THREADS_MISSING', {
                permissions: missing.join(' and '),
                count: missing.length,
              }),
            ]
          : [];
      } catch (err) {
        // Unreadable (no access, a network fault): the digest post itself will say what is wrong.
        logFor(target, {}).warn({ err }, 'could not read the channel permissions for a threaded digest');
        return [];
      }
    },
    async openThread(target, parentId, name) {
      const plog = logFor(target, { parentId });
      const made = await callWithinRateLimit(
        () =>
          rest.post(Routes.threads(target.channelId, parentId), {
            body: { name: truncate(name, 100), auto_archive_duration: 1440 },
          }) as Promise<{ id: string }>,
        discordRetryAfter,
        deps.options,
      );
      if (made.ok) return ok({ messageId: made.value.answer.id });
      // Made by an attempt that crashed before recording it: the thread has the message's id.
      const { thrown } = made.error;
      if (thrown instanceof DiscordAPIError && thrown.code === THREAD_EXISTS)
        return ok({ messageId: parentId });
      return failed(made.error, plog);
    },
    postReply: (target: ChannelTarget, thread: ThreadAddress, reply: StoryReply) =>
      send(
        thread.threadId,
        renderStoryReply(reply),
        reply.idempotencyKey,
        logFor(target, { threadId: thread.threadId, position: reply.position }),
      ),
  };
}

/** A failed call as a PostResult: a rate limit past the budget, or what classifyFailure says. */
function failed(call: CallFailure, plog: Logger): PostResult {
  if (call.retryAfterMs !== undefined) {
    plog.warn(
      { retryAfterMs: call.retryAfterMs, waitedMs: call.waitedMs },
      'discord rate limit outlasts the wait budget',
    );
    return fail({
      permanent: false,
      code: 'rate_limited',
      reason: message('DISCORD_RATE_LIMITED', { seconds: Math.ceil(call.retryAfterMs / 1000) }),
      retryAfterMs: call.retryAfterMs,
    });
  }
  const failure = classifyFailure(call.thrown);
  plog.warn(
    {
      code: failure.code,
      permanent: failure.permanent,
      status: call.thrown instanceof DiscordAPIError ? call.thrown.status : undefined,
    },
    'digest not posted',
  );
  return fail(failure);
}
