// Starting the digests reads and writes the subscriptions. When the store cannot answer then, the
// bot keeps serving what it can and schedules the digests once the store is back, instead of
// exiting: a store fault (SQLite locked by another process, read-only, damaged where the
// subscriptions live) or PostgreSQL unreachable for a moment (restarting, failing over) both
// mend by themselves, and a bot that exits over them silences every channel it serves.
import type { Logger } from 'pino';
import { isStoreFault } from '../store/health.js';

/** PostgreSQL could not be reached (duck-typed on its code, like dispatch does). */
const isStoreUnavailable = (err: unknown): boolean =>
  (err as { code?: unknown } | undefined)?.code === 'STORE_UNAVAILABLE';

export interface DigestStartOptions {
  /** Read when a start fails: a stop in progress is not retried. */
  stopping: () => boolean;
  /** The first wait before trying again; it doubles up to maxWaitMs. */
  firstWaitMs?: number;
  maxWaitMs?: number;
  /** Where the first failure is said, in one line (the terminal at start). */
  say?: (line: string) => void;
}

/**
 * Starts the digests. If the store cannot answer, says so in one line and tries again in the
 * background (30 s doubling to 5 min by default) while the bot answers what it can. Any other
 * error is a bug and is thrown. Resolves to a cancel for the retries, for the stop.
 */
export async function startDigests(
  digests: { start(): Promise<void> },
  log: Logger,
  options: DigestStartOptions,
): Promise<() => void> {
  const firstWait = options.firstWaitMs ?? 30_000;
  const maxWait = options.maxWaitMs ?? 300_000;
  const say = options.say ?? ((line: string) => process.stderr.write(`newsbrief: warning: ${line}\n`));
  let timer: NodeJS.Timeout | undefined;
  let cancelled = false;
  const attempt = async (wait: number, first: boolean): Promise<void> => {
    try {
      await digests.start();
      if (!first) log.warn('digests started: the store answers again');
    } catch (err) {
      const mends = isStoreFault(err) || isStoreUnavailable(err);
      if (!mends || options.stopping() || cancelled) throw err;
      const fault = isStoreFault(err) ? err.fault : 'unavailable';
      const line = `digests are not scheduled yet: ${(err as Error).message}; trying again in ${wait / 1000} s.`;
      if (first) say(line);
      else log.warn({ fault }, line);
      timer = setTimeout(() => {
        void attempt(Math.min(wait * 2, maxWait), false).catch((e: unknown) =>
          log.error({ err: e }, 'digests could not start'),
        );
      }, wait);
      timer.unref();
    }
  };
  await attempt(firstWait, true);
  return () => {
    cancelled = true;
    if (timer) clearTimeout(timer);
  };
}
