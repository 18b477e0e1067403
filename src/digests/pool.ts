// A small promise pool: at most `limit` calls of `fn` in flight, items taken in order. Between
// items a worker yields to the event loop now and then, so a fan-out whose posts resolve at once
// (console, fakes) still lets chat commands in.

const YIELD_EVERY = 25;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs `fn` over `items` with at most `limit` in flight; resolves when all are done. `fn` must not throw. */
export async function runPool<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    let done = 0;
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
      if (++done % YIELD_EVERY === 0) await yieldToEventLoop();
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
  await Promise.all(workers);
}
