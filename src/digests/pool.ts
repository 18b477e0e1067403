// A small promise pool: at most `limit` calls of `fn` in flight, items taken in order. Posts that
// resolve without real I/O (console, fakes, a platform answering from a warm connection) would
// otherwise chain through microtasks and keep the event loop from chat commands for the whole
// fan-out; so after each time slice every worker waits at a shared gate for one macrotask turn.

/** Longest stretch of synchronous work the pool allows before letting the event loop run. */
const SLICE_MS = 10;

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `fn` over `items` with at most `limit` in flight; resolves when all are done. `fn` must not throw. */
export async function runPool<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
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
      const item = items[next++] as T;
      await fn(item);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
}
