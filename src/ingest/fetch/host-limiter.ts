// At most a few requests per host at a time: politeness towards publishers, and one slow host
// can only hold its own slots, never those of other hosts.

export interface HostLimiter {
  /** Waits for a free slot for `host`; call the returned function to give it back. */
  acquire(host: string): Promise<() => void>;
}

export function createHostLimiter(perHost: number): HostLimiter {
  const active = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();
  function release(host: string): void {
    const next = waiting.get(host)?.shift();
    if (next) {
      next();
      return;
    }
    const n = (active.get(host) ?? 1) - 1;
    if (n <= 0) active.delete(host);
    else active.set(host, n);
    if (waiting.get(host)?.length === 0) waiting.delete(host);
  }
  return {
    async acquire(host) {
      const n = active.get(host) ?? 0;
      if (n < perHost) active.set(host, n + 1);
      // The slot passes directly from the releasing request to the next waiter.
      else
        await new Promise<void>((resolve) =>
          (waiting.get(host) ?? waiting.set(host, []).get(host))?.push(resolve),
        );
      let released = false;
      return () => {
        if (released) return;
        released = true;
        release(host);
      };
    },
  };
}
