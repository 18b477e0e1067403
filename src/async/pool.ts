// The one worker pool (digest fan-out, ingestion's sources): at most `limit` calls of `fn` in
// flight, items taken in order. Work that resolves without real I/O (console posts, fakes, a
// platform answering from a warm connection, a local file source) would otherwise chain through
// microtasks and keep the event loop from chat commands for the whole run; so after each time
// slice every worker waits at a shared gate for one macrotask turn.

/** Longest stretch of synchronous work the pool allows before letting the event loop run. */
const SLICE_MS = 10;

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs `fn` over `items` (with each item's index) with at most `limit` in flight; resolves when
 * all are done. `fn` must not throw.
 */
export async function runPool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let sliceStart = performance.now();
  let gate: Promise<void> | undefined;
  const worker = async () => {
    while (next < items.length) {
      if (gate) await gate;
      else if (performance.now() - sliceStart > SLICE_MS) {
        gate = nextMacrotask().then(() => {
          gate = undefined;
          sliceStart = performance.now();
        });
        await gate;
      }
      if (next >= items.length) break;
      const index = next++;
      await fn(items[index] as T, index);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
}

/**
 * At most `limit` calls of the functions it wraps in flight at once; the others wait their turn in
 * the order they asked.
 */
export function createLimiter(limit: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active -= 1;
    waiting.shift()?.();
  };
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= Math.max(1, limit)) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await fn();
    } finally {
      release();
    }
  };
}
