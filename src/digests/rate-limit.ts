// The one place a poster waits: a platform call is made again only after a 429, and only while
// the Retry-After waits fit in the post's budget. Every other failure ends the attempt at once,
// so retries of 5xx and network errors happen in one layer only (the delivery's attempt budget).
import { fail, ok, type Result } from '../core/result.js';
import { DEFAULT_MAX_RATE_LIMIT_WAIT_MS, type PosterOptions } from './ports.js';

/** The call's answer, and how long its 429s were waited out first. */
export interface Answered<T> {
  answer: T;
  waitedMs: number;
}

/** The call failed: what it threw last, and the waiting spent before that. */
export interface CallFailure {
  thrown: unknown;
  waitedMs: number;
  /** Set when the call ended on a 429 whose wait did not fit the budget: the wait asked for. */
  retryAfterMs?: number;
}

export type RateLimitedCall<T> = Result<Answered<T>, CallFailure>;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `call` until it succeeds, fails other than by a rate limit, or a Retry-After would take
 * the total wait past the budget. `retryAfterOf` reads a rate limit's wait (ms) from a thrown
 * error, undefined when the error is not a rate limit. Never throws.
 */
export async function callWithinRateLimit<T>(
  call: () => Promise<T>,
  retryAfterOf: (error: unknown) => number | undefined,
  options: PosterOptions = {},
): Promise<RateLimitedCall<T>> {
  const budget = options.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
  const sleep = options.sleep ?? realSleep;
  let waitedMs = 0;
  for (;;) {
    try {
      return ok({ answer: await call(), waitedMs });
    } catch (thrown) {
      const retryAfter = retryAfterOf(thrown);
      if (retryAfter === undefined) return fail({ thrown, waitedMs });
      const wait = Math.max(0, retryAfter);
      if (waitedMs + wait > budget) return fail({ thrown, waitedMs, retryAfterMs: wait });
      waitedMs += wait;
      await sleep(wait);
    }
  }
}
