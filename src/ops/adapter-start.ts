// Starting the chat platforms so that one failing does not take the others down. Each platform is
// started once; a failure that retrying can fix (no network, DNS, Slack or Discord down) is
// retried with a growing delay in the background, shown on /healthz as `retrying` with the next
// attempt; a failure that only a person can fix (a refused token, missing credentials) is not
// retried and is shown as `stopped` with why. The composition root decides what a start with
// nothing up means (an exit with the reasons when every failure is permanent).
import type { Logger } from 'pino';
import type { Adapter, AdapterContext, PlatformEntry } from '../adapters/adapter.js';
import type { HealthBoard } from './health.js';

/** Why a platform did not start, in one sentence, and whether trying again can help. */
export interface StartFailure {
  platform: string;
  reason: string;
  permanent: boolean;
}

/** First retry after this long, doubling up to `MAX_RETRY_MS`. */
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 5 * 60_000;

/** A platform's start error as a sentence; `permanent` when the adapter said so (a refused token). */
export function describeStartFailure(platform: string, err: unknown): StartFailure {
  const e = err as { message?: unknown; permanent?: unknown } | undefined;
  const reason = typeof e?.message === 'string' && e.message ? e.message : `${platform} failed to start`;
  // One line: a library's multi-line message (a stack, a response body) stays in the debug log.
  return { platform, reason: reason.split('\n')[0] ?? reason, permanent: e?.permanent === true };
}

export interface PlatformStarter {
  /** Resolves once every platform has had its first attempt. */
  ready: Promise<{ started: Adapter[]; failures: StartFailure[] }>;
  /** Cancels pending retries (stopping the bot); adapters started later are not started. */
  cancel(): void;
}

export function startPlatforms(
  entries: readonly PlatformEntry[],
  context: Omit<AdapterContext, 'log' | 'alone'>,
  deps: {
    health: HealthBoard;
    log: Logger;
    /** Called for every adapter that comes up, first attempt or retry. */
    onUp: (adapter: Adapter) => void;
    /** True once a stop was asked for: nothing more is started. */
    stopping: () => boolean;
    /** Before each retry (not the first attempt): e.g. free the port the platform will listen on. */
    beforeRetry?: (platform: string) => Promise<void>;
    /** After a retry failed: e.g. take the port back for /healthz. */
    afterFailedRetry?: (platform: string) => Promise<void>;
    now?: () => Date;
    firstRetryMs?: number;
    maxRetryMs?: number;
  },
): PlatformStarter {
  const now = deps.now ?? (() => new Date());
  const alone = entries.length === 1;
  const timers = new Set<NodeJS.Timeout>();
  let cancelled = false;

  /** One attempt; on a retryable failure, schedules the next. Resolves with what happened first. */
  async function attempt(entry: PlatformEntry, attemptNo: number): Promise<Adapter | StartFailure> {
    const shown = entry.health(context.env, alone);
    const log = deps.log.child({ module: entry.platform });
    if (shown && attemptNo === 0) deps.health.setAdapter(entry.platform, { state: 'starting', ...shown });
    try {
      const adapter = await entry.start({ ...context, log, alone });
      if (cancelled || deps.stopping()) {
        await adapter.stop();
        return describeStartFailure(entry.platform, new Error('stopping'));
      }
      if (shown) deps.health.setAdapter(entry.platform, { state: 'up', ...shown });
      deps.onUp(adapter);
      return adapter;
    } catch (err) {
      const failure = describeStartFailure(entry.platform, err);
      if (failure.permanent || cancelled || deps.stopping()) {
        log.error({ reason: failure.reason }, `${entry.platform} did not start and will not be retried`);
        if (shown)
          deps.health.setAdapter(entry.platform, { state: 'stopped', ...shown, error: failure.reason });
        return failure;
      }
      const first = deps.firstRetryMs ?? FIRST_RETRY_MS;
      const waitMs = Math.min(deps.maxRetryMs ?? MAX_RETRY_MS, first * 2 ** attemptNo);
      const nextAttemptAt = new Date(now().getTime() + waitMs).toISOString();
      log.warn({ reason: failure.reason, retryInMs: waitMs }, `${entry.platform} did not start; retrying`);
      if (shown)
        deps.health.setAdapter(entry.platform, {
          state: 'retrying',
          ...shown,
          error: failure.reason,
          nextAttemptAt,
        });
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (cancelled || deps.stopping()) return;
        void (async () => {
          await deps.beforeRetry?.(entry.platform);
          const outcome = await attempt(entry, attemptNo + 1);
          if ('reason' in outcome && !cancelled) await deps.afterFailedRetry?.(entry.platform);
        })().catch((err: unknown) => log.error({ err }, 'retrying the start failed'));
      }, waitMs);
      timers.add(timer);
      return failure;
    }
  }

  const ready = (async () => {
    const started: Adapter[] = [];
    const failures: StartFailure[] = [];
    // In order, as before: the console (last) reads standard input only once the others are up.
    for (const entry of entries) {
      if (cancelled || deps.stopping()) break;
      const outcome = await attempt(entry, 0);
      if ('platform' in outcome && 'reason' in outcome) failures.push(outcome);
      else started.push(outcome);
    }
    return { started, failures };
  })();

  return {
    ready,
    cancel() {
      cancelled = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
