// Fetch state per source on PostgreSQL (see src/store/sources.ts for the SQLite twin).
import type { SourceStatus } from '../../core/types.js';
import type { SourceRepository, SourceState } from '../ports.js';
import { toSourceStatus } from '../sources.js';
import type { Pg } from './connection.js';

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
  first_fetch_done: boolean;
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
    firstFetchDone: r.first_fetch_done,
  };
}

export function createPostgresSourceRepository(pg: Pg): SourceRepository {
  const get = async (id: string): Promise<SourceState | undefined> => {
    const r = await pg.query<SourceRow>('SELECT * FROM sources WHERE id = $1', [id]);
    return r.rows[0] ? toState(r.rows[0]) : undefined;
  };
  return {
    get,
    async recordSuccess(
      id: string,
      type: string,
      update: { now: Date; etag?: string; lastModified?: string; nextAttemptAt?: Date },
    ): Promise<void> {
      await pg.query(
        `INSERT INTO sources (id, type, etag, last_modified, last_attempt_at, last_success_at, last_error, consecutive_failures, next_attempt_at, first_fetch_done)
         VALUES ($1, $2, $3, $4, $5, $5, NULL, 0, $6, true)
         ON CONFLICT (id) DO UPDATE SET type = excluded.type, etag = excluded.etag, last_modified = excluded.last_modified,
           last_attempt_at = excluded.last_attempt_at, last_success_at = excluded.last_success_at, last_error = NULL,
           consecutive_failures = 0, next_attempt_at = excluded.next_attempt_at, first_fetch_done = true`,
        [
          id,
          type,
          update.etag ?? null,
          update.lastModified ?? null,
          update.now.toISOString(),
          update.nextAttemptAt?.toISOString() ?? null,
        ],
      );
    },
    async recordFailure(
      id: string,
      type: string,
      update: { now: Date; error: string; nextAttemptAt: Date },
    ): Promise<void> {
      await pg.query(
        `INSERT INTO sources (id, type, last_attempt_at, last_error, consecutive_failures, next_attempt_at)
         VALUES ($1, $2, $3, $4, 1, $5)
         ON CONFLICT (id) DO UPDATE SET type = excluded.type, last_attempt_at = excluded.last_attempt_at,
           last_error = excluded.last_error, consecutive_failures = sources.consecutive_failures + 1,
           next_attempt_at = excluded.next_attempt_at`,
        [id, type, update.now.toISOString(), update.error, update.nextAttemptAt.toISOString()],
      );
    },
    async list(configured: { id: string; type: string }[]): Promise<SourceStatus[]> {
      const ids = configured.map((c) => c.id);
      const [rows, counts] = await Promise.all([
        pg.query<SourceRow>('SELECT * FROM sources WHERE id = ANY($1::text[])', [ids]),
        pg.query<{ source_id: string; n: number }>(
          'SELECT source_id, count(*)::int AS n FROM article_sources WHERE source_id = ANY($1::text[]) GROUP BY source_id',
          [ids],
        ),
      ]);
      const states = new Map(rows.rows.map((r) => [r.id, toState(r)]));
      const byId = new Map(counts.rows.map((r) => [r.source_id, r.n]));
      return configured.map(({ id, type }) =>
        toSourceStatus({ id, type }, states.get(id), byId.get(id) ?? 0),
      );
    },
  };
}
