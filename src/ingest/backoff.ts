// When to try a source again. Deterministic (no jitter) so status and tests can state it exactly:
// after n consecutive failures, wait base * 2^(n-1), at most MAX_BACKOFF_MS, and never less than
// a server's Retry-After.

/** Longest wait after repeated failures: a broken feed is still retried a few times a day. */
export const MAX_BACKOFF_MS = 6 * 60 * 60_000;
/** Base wait for sources without a polling interval (local files and folders). */
export const DEFAULT_BACKOFF_BASE_MS = 60_000;

/** The time of the next attempt after the `failures`-th consecutive failure. */
export function nextAttemptAfterFailure(
  now: Date,
  failures: number,
  everyMs: number | undefined,
  retryAfterMs?: number,
): Date {
  const base = everyMs ?? DEFAULT_BACKOFF_BASE_MS;
  const exponent = Math.min(Math.max(failures - 1, 0), 20);
  const wait = Math.max(Math.min(base * 2 ** exponent, Math.max(MAX_BACKOFF_MS, base)), retryAfterMs ?? 0);
  return new Date(now.getTime() + wait);
}
