// Ingestion meeting a fault of the store (locked by another process, read-only, disk full,
// damaged). Every source would fail the same way, every 15 s tick, each with a stack trace: a full
// disk once gave 150 of them in 70 s. Instead the fault is logged once per kind per interval (with
// how many were held back), and polling holds off, doubling, until a run gets through.
import type { Logger } from 'pino';
import type { StoreFault, StoreFaultKind } from '../store/health.js';

/** The first hold after a run met a store fault; it doubles with each such run. */
export const FIRST_HOLD_MS = 30_000;
export const LONGEST_HOLD_MS = 10 * 60_000;
/** One log line per fault kind per this long. */
export const FAULT_LOG_EVERY_MS = 5 * 60_000;

export interface StoreFaultWatch {
  /** A source (or the run) met `fault`: logged unless this kind was logged lately. */
  met(fault: StoreFault): void;
  /** Polling skips its run while this holds. */
  holding(): boolean;
  /** A polling run starts: faults from here on count against it. */
  runStarts(): void;
  /** A polling run ended: hold off longer if it met a fault, or clear the hold if it did not. */
  runEnded(): void;
}

export function createStoreFaultWatch(log: Logger, now: () => Date): StoreFaultWatch {
  const logged = new Map<StoreFaultKind, { at: number; held: number }>();
  let failedRuns = 0;
  let holdUntil = 0;
  let metInRun = false;
  const holdMs = () => Math.min(FIRST_HOLD_MS * 2 ** Math.min(failedRuns - 1, 20), LONGEST_HOLD_MS);
  return {
    met(fault) {
      metInRun = true;
      const at = now().getTime();
      const last = logged.get(fault.fault);
      if (last && at - last.at < FAULT_LOG_EVERY_MS) {
        last.held += 1;
        return;
      }
      logged.set(fault.fault, { at, held: 0 });
      log.warn(
        { fault: fault.fault, ...(last?.held ? { sameSinceLastLine: last.held } : {}) },
        `store fault: ${fault.message}; sources are not fetched while it lasts (retried with backoff)`,
      );
    },
    holding: () => now().getTime() < holdUntil,
    runStarts() {
      metInRun = false;
    },
    runEnded() {
      if (!metInRun) {
        if (failedRuns > 0) log.info('the store takes writes again; ingestion goes on');
        failedRuns = 0;
        holdUntil = 0;
        return;
      }
      failedRuns += 1;
      holdUntil = now().getTime() + holdMs();
    },
  };
}
