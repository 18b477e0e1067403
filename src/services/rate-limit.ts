// At most `limit` events per key in any `windowMs`: a sliding window of timestamps per key, so a
// person who pastes links quickly gets a clear "wait N s" instead of the bot fetching on demand.

import { fail, ok, type Result } from '../core/result.js';

export interface RateLimiter {
  /** Records an event for `key` when under the limit; otherwise says how long until one is allowed. */
  take(key: string, now: number): Result<void, { retryInMs: number }>;
}

export function createRateLimiter(limit: number, windowMs: number): RateLimiter {
  const events = new Map<string, number[]>();
  return {
    take(key, now) {
      const recent = (events.get(key) ?? []).filter((t) => now - t < windowMs);
      if (recent.length >= limit) {
        events.set(key, recent);
        return fail({ retryInMs: windowMs - (now - (recent[0] as number)) });
      }
      recent.push(now);
      events.set(key, recent);
      // Forget idle keys now and then so the map cannot grow without bound.
      if (events.size > 10_000)
        for (const [k, ts] of events) if (ts.every((t) => now - t >= windowMs)) events.delete(k);
      return ok(undefined);
    },
  };
}
