import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settlesWithin, withDeadline } from '../../../src/async/deadline.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('withDeadline', () => {
  it('GIVEN a promise that settles in time THEN its value comes back and no timer is left', async () => {
    const result = withDeadline(Promise.resolve('answer'), 1_000, 'late');
    await expect(result).resolves.toBe('answer');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('GIVEN a promise slower than the deadline THEN the fallback comes back at the deadline, not before', async () => {
    let settled: string | undefined;
    void withDeadline(new Promise<string>(() => undefined), 1_000, 'late').then((v) => (settled = v));
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe('late');
  });

  it('GIVEN a promise that rejects in time THEN the rejection passes through', async () => {
    await expect(withDeadline(Promise.reject(new Error('broken')), 1_000)).rejects.toThrow('broken');
  });
});

describe('settlesWithin', () => {
  it('GIVEN work that fails in time THEN it counts as settled; work that hangs THEN false at the deadline', async () => {
    await expect(settlesWithin(Promise.reject(new Error('x')), 1_000)).resolves.toBe(true);
    const hanging = settlesWithin(new Promise(() => undefined), 500);
    await vi.advanceTimersByTimeAsync(500);
    await expect(hanging).resolves.toBe(false);
  });
});
