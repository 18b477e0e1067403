import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, nextAttemptAfterFailure } from '../../../src/ingest/backoff.js';

const NOW = new Date('2025-01-01T00:00:00Z');
const minutesAfter = (d: Date) => (d.getTime() - NOW.getTime()) / 60_000;

describe('nextAttemptAfterFailure', () => {
  it('GIVEN a feed polled every 15 minutes THEN waits double with each failure up to six hours', () => {
    expect(
      [1, 2, 3, 4, 5, 6, 7, 30].map((n) => minutesAfter(nextAttemptAfterFailure(NOW, n, 15 * 60_000))),
    ).toEqual([15, 30, 60, 120, 240, 360, 360, 360]);
  });

  it('GIVEN a local source without an interval THEN the base wait is one minute', () => {
    expect(minutesAfter(nextAttemptAfterFailure(NOW, 1, undefined))).toBe(1);
  });

  it('GIVEN a Retry-After longer than the backoff THEN Retry-After wins', () => {
    expect(minutesAfter(nextAttemptAfterFailure(NOW, 1, 15 * 60_000, 3 * 60 * 60_000))).toBe(180);
  });

  it('GIVEN a polling interval longer than the cap THEN the wait is never shorter than the interval', () => {
    expect(nextAttemptAfterFailure(NOW, 3, 2 * MAX_BACKOFF_MS).getTime() - NOW.getTime()).toBe(
      2 * MAX_BACKOFF_MS,
    );
  });
});
