// Polling inside `newsbrief start`: every tick runs the sources that are due (their `every` has
// passed, or their backoff has ended). Ticks never overlap; stopping waits a bounded time for the
// run in flight and then cancels its requests.
import type { Logger } from 'pino';
import { settlesWithin } from '../async/deadline.js';

/** Sources poll at most every 30s (the config's minimum), so a 15s tick is precise enough. */
export const POLL_TICK_MS = 15_000;
/** How long stop() waits for fetches in flight before cancelling them. */
export const STOP_GRACE_MS = 5_000;

export interface Poller {
  start(): void;
  stop(): Promise<void>;
}

export function createPoller(deps: {
  run: (first: boolean) => Promise<unknown>;
  log: Logger;
  abort: () => void;
  tickMs?: number;
}): Poller {
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> | undefined;
  let running = false;

  const tick = (first: boolean) => {
    current = deps
      .run(first)
      .catch((err: unknown) => deps.log.error({ err }, 'ingestion run failed'))
      .finally(() => {
        current = undefined;
        if (running) schedule();
      });
  };
  const schedule = () => {
    timer = setTimeout(() => tick(false), deps.tickMs ?? POLL_TICK_MS);
    // Polling alone never keeps the process alive: the adapters decide when the bot ends.
    timer.unref();
  };

  return {
    start() {
      if (running) return;
      running = true;
      tick(true);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      if (current) await finishOrCancel(current, deps.abort);
    },
  };
}

/**
 * Lets `work` finish for up to STOP_GRACE_MS, then calls `cancel` (which must make it settle
 * soon, e.g. by aborting its fetches) and waits for it to settle.
 */
export async function finishOrCancel(work: Promise<unknown>, cancel: () => void): Promise<void> {
  if (!(await settlesWithin(work, STOP_GRACE_MS))) {
    cancel();
    await work.catch(() => undefined);
  }
}
