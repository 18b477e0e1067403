// A hand-written ChannelPoster (our port) for digest tests: records every call and every post
// that "arrived", and answers what the test scripts (429 with a Retry-After, 5xx, a channel that
// is gone), so a test can tell a delivered digest from an attempted one.
import { fail, ok } from '../../src/core/result.js';
import type { Platform } from '../../src/core/types.js';
import type { ChannelPoster, ChannelTarget, DigestMessage, PostResult } from '../../src/digests/ports.js';

export interface RecordedPost {
  target: ChannelTarget;
  message: DigestMessage;
}

/** Decides the answer to one call; `attempt` counts calls for the same idempotency key, from 1. */
export type Responder = (
  target: ChannelTarget,
  message: DigestMessage,
  attempt: number,
) => PostResult | undefined;

export interface FakeDigestPoster extends ChannelPoster {
  /** Every call, whatever its answer. */
  readonly calls: RecordedPost[];
  /** Only the calls answered ok: what the channels would show. */
  readonly posts: RecordedPost[];
  /** Scripts the answers; undefined from the responder means ok. */
  respond(responder: Responder): void;
  /** Posts that arrived in one channel. */
  postsTo(channelId: string): RecordedPost[];
  /** Most posts that were in flight at once. */
  readonly maxInFlight: number;
}

export const rateLimited = (retryAfterMs: number): PostResult =>
  fail({
    permanent: false,
    code: 'rate_limited',
    reason: 'The platform is rate limiting the bot.',
    retryAfterMs,
  });

export const channelGone: PostResult = fail({
  permanent: true,
  code: 'channel_not_found',
  reason: 'The channel no longer exists or the bot was removed from it.',
});

export const serverError: PostResult = fail({
  permanent: false,
  code: 'server_error',
  reason: 'The platform answered 503.',
  retryAfterMs: 1,
});

export function createFakeDigestPoster(platform: Platform = 'console'): FakeDigestPoster {
  const calls: RecordedPost[] = [];
  const posts: RecordedPost[] = [];
  const attempts = new Map<string, number>();
  let responder: Responder = () => undefined;
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    platform,
    calls,
    posts,
    get maxInFlight() {
      return maxInFlight;
    },
    respond(r) {
      responder = r;
    },
    postsTo: (channelId) => posts.filter((p) => p.target.channelId === channelId),
    async post(target, message) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        // Answer on a later turn of the event loop, as a network call would.
        await Promise.resolve();
        const attempt = (attempts.get(message.idempotencyKey) ?? 0) + 1;
        attempts.set(message.idempotencyKey, attempt);
        calls.push({ target, message });
        const result = responder(target, message, attempt) ?? ok({ messageId: `m${posts.length + 1}` });
        if (result.ok) posts.push({ target, message });
        return result;
      } finally {
        inFlight -= 1;
      }
    },
  };
}
