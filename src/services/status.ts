// The StatusService port: what each source last did, and which digests are failing, in one report.
import type {
  FeedbackCount,
  Invocation,
  PlatformStatus,
  SourceStatus,
  StatusReport,
  StatusService,
  SubscriptionView,
} from '../commands/ports.js';
import type { StoreHealth } from '../core/types.js';
import { redactUrls } from '../ingest/fetch/redact.js';

export function createStatusService(deps: {
  sources: () => Promise<SourceStatus[]>;
  /** Failing or paused digests; absent when digests are not wired. */
  failingDigests?: (invocation: Invocation) => Promise<SubscriptionView[]>;
  /** Platforms not up (a start being retried); absent outside the bot. */
  platforms?: () => PlatformStatus[];
  /** Threaded digests posted as one message here, and why. */
  threadNotes?: (invocation: Invocation) => Promise<NonNullable<StatusReport['threadNotes']>>;
  /** The database's state (Store.health()); absent: not shown. */
  store?: () => Promise<StoreHealth>;
  /** Feedback counts per topic over the last 30 days. */
  feedback?: (invocation: Invocation, now: Date) => Promise<FeedbackCount[]>;
}): StatusService {
  return {
    async report(invocation, now) {
      // The store's state first, and a store fault met by one of the reads (a damaged page)
      // leaves that part empty instead of failing the report that should say why.
      let store = await deps
        .store?.()
        .catch((err: unknown): StoreHealth => ({ state: 'unavailable', error: (err as Error).message }));
      const tolerant = <T>(read: Promise<T> | undefined, empty: T): Promise<T> =>
        (read ?? Promise.resolve(empty)).catch((err: unknown) => {
          const e = err as { code?: unknown; fault?: unknown; message?: string };
          if (e?.code !== 'STORE_FAULT') throw err;
          if (!store || store.state === 'ok')
            store = { state: e.fault as StoreHealth['state'], error: e.message ?? String(e.fault) };
          return empty;
        });
      const [sources, failingDigests, threadNotes, feedback] = await Promise.all([
        tolerant(deps.sources(), [] as SourceStatus[]),
        tolerant(deps.failingDigests?.(invocation), [] as SubscriptionView[]),
        tolerant(deps.threadNotes?.(invocation), undefined),
        tolerant(deps.feedback?.(invocation, now), undefined),
      ]);
      return {
        generatedAt: now.toISOString(),
        // Anyone in a channel can ask for status: an error recorded with an address (even by an
        // older version) never shows that address's credentials.
        sources: sources.map((s) => (s.lastError ? { ...s, lastError: redactUrls(s.lastError) } : s)),
        failingDigests,
        platforms: deps.platforms?.() ?? [],
        ...(store && store.state !== 'ok' ? { store } : {}),
        ...(threadNotes?.length ? { threadNotes } : {}),
        ...(feedback ? { feedback } : {}),
      };
    },
  };
}
