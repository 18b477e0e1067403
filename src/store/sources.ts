// Fetch state per configured source: conditional-GET validators, the last success and error,
// consecutive failures and when to try next (backoff). `/brief status` reads it; ingestion's
// `onlyDue` polling respects `next_attempt_at`, so backoff survives a restart.
import type { Db } from './db.js';
import type { SourceStatus } from '../core/types.js';
import type { SourceRepository, SourceState } from './ports.js';

interface SourceRow {
  id: string;
  type: string;
  etag: string | null;
  last_modified: string | null;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  consecutive_failures: number;
  next_attempt_at: string | null;
  first_fetch_done: number;
}

function toState(r: SourceRow): SourceState {
  return {
    id: r.id,
    type: r.type,
    etag: r.etag ?? undefined,
    lastModified: r.last_modified ?? undefined,
    lastAttemptAt: r.last_attempt_at ?? undefined,
    lastSuccessAt: r.last_success_at ?? undefined,
    lastError: r.last_error ?? undefined,
    consecutiveFailures: r.consecutive_failures,
    nextAttemptAt: r.next_attempt_at ?? undefined,
    firstFetchDone: r.first_fetch_done === 1,
  };
}

/** A configured source as `/brief status` lists it: its fetch state (none before its first read). */
export function toSourceStatus(
  { id, type }: { id: string; type: string },
  s: SourceState | undefined,
  articleCount: number,
): SourceStatus {
  return {
    id,
    type,
    lastAttemptAt: s?.lastAttemptAt,
    lastSuccessAt: s?.lastSuccessAt,
    articleCount,
    lastError: s?.lastError,
    consecutiveFailures: s?.consecutiveFailures ?? 0,
    nextAttemptAt: s?.nextAttemptAt,
  };
}

export function createSqliteSourceRepository(db: Db): SourceRepository {
  const select = db.prepare('SELECT * FROM sources WHERE id = ?');
  const success = db.prepare(`
    INSERT INTO sources (id, type, etag, last_modified, last_attempt_at, last_success_at, last_error, consecutive_failures, next_attempt_at, first_fetch_done)
    VALUES (@id, @type, @etag, @lastModified, @now, @now, NULL, 0, @next, 1)
    ON CONFLICT (id) DO UPDATE SET type = excluded.type, etag = excluded.etag, last_modified = excluded.last_modified,
      last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at, last_error = NULL,
      consecutive_failures = 0, next_attempt_at = excluded.next_attempt_at, first_fetch_done = 1`);
  const failure = db.prepare(`
    INSERT INTO sources (id, type, last_attempt_at, last_error, consecutive_failures, next_attempt_at)
    VALUES (@id, @type, @now, @error, 1, @next)
    ON CONFLICT (id) DO UPDATE SET type = excluded.type, last_attempt_at = excluded.last_attempt_at,
      last_error = excluded.last_error, consecutive_failures = sources.consecutive_failures + 1,
      next_attempt_at = excluded.next_attempt_at`);
  const counts = db.prepare('SELECT source_id, count(*) AS n FROM article_sources GROUP BY source_id');

  return {
    async get(id) {
      const row = select.get(id) as SourceRow | undefined;
      return row ? toState(row) : undefined;
    },
    async recordSuccess(id, type, { now, etag, lastModified, nextAttemptAt }) {
      success.run({
        id,
        type,
        etag: etag ?? null,
        lastModified: lastModified ?? null,
        now: now.toISOString(),
        next: nextAttemptAt?.toISOString() ?? null,
      });
    },
    async recordFailure(id, type, { now, error, nextAttemptAt }) {
      failure.run({ id, type, now: now.toISOString(), error, next: nextAttemptAt.toISOString() });
    },
    async list(configured) {
      const byId = new Map(
        (counts.all() as { source_id: string; n: number }[]).map((r) => [r.source_id, r.n]),
      );
      return configured.map(({ id, type }) => {
        const row = select.get(id) as SourceRow | undefined;
        return toSourceStatus({ id, type }, row && toState(row), byId.get(id) ?? 0);
      });
    },
  };
}
