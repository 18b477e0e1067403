// Digest runs and deliveries on PostgreSQL (see src/store/deliveries.ts for the states). What
// changes with several instances on one database:
//   - claim: the INSERT ... ON CONFLICT DO NOTHING on (subscription, slot) is the same claim as
//     in SQLite, now shared: exactly one instance gets each slot of each channel. The run records
//     which instance holds it (claimed_by). A claim is also refused while another instance still
//     holds an older open run of the subscription, so a new slot cannot post the same first
//     digest next to a run whose post may be in flight.
//   - markPosting only succeeds for the holder: an instance that was taken for dead and whose
//     run was adopted cannot post it as well (a fencing check at the point of no return).
//   - unfinished() adopts the open runs of dead instances (no heartbeat within the lease time)
//     for this instance, in one UPDATE, so two survivors never both resume one.
// The four calls each delivery of a fan-out makes (claim, context, markPosting, recordPosted)
// are the statements of fan-out.ts; on the pool, the calls concurrent deliveries make in one turn
// of the event loop share one statement (batch.ts). On the pool, the claim, the 'posted' record
// and a run finished as 'nothing' or 'failed' commit without waiting for the disk, because
// losing them in a server crash can never cause a second post; 'posting' (and everything else)
// waits. The reasons are at the top of fan-out.ts and in finish() below.
import { toRun, type RunRow } from '../deliveries.js';
import type { DeliveryRepository, DigestRun } from '../ports.js';
import { batched } from './batch.js';
import type { Pg } from './connection.js';
import {
  ASYNC_COMMIT,
  claimMany,
  contextMany,
  writeMany,
  type ClaimItem,
  type ContextItem,
  type WriteItem,
} from './fan-out.js';

export interface InstanceIdentity {
  /** This process's instance id (src/store/postgres/instances.ts). */
  instanceId: string;
  /** An instance with no heartbeat for this long is dead. */
  leaseMs: number;
}

export function createPostgresDeliveryRepository(
  pg: Pg,
  me: InstanceIdentity,
  options: { coalesce?: boolean } = {},
): DeliveryRepository {
  // On the pool each statement is its own transaction, whose commit may be made asynchronous;
  // inside a caller's transaction the commit is the caller's.
  const mode = { async: options.coalesce === true };
  const oneRun = async (sql: string, params: unknown[]) => {
    const r = await pg.query<RunRow>(sql, params);
    return r.rows[0] ? toRun(r.rows[0]) : undefined;
  };
  // On the pool, concurrent calls share a statement; inside a transaction (one client, one
  // statement at a time anyway) each call is its own, in the order made.
  const alone =
    <I, O>(many: (items: I[]) => Promise<O[]>) =>
    async (item: I): Promise<O> =>
      (await many([item]))[0] as O;
  const gather: typeof batched = options.coalesce ? batched : alone;
  const runKey = (i: { subscriptionId: string; slot: string }) => `${i.subscriptionId}\n${i.slot}`;
  const claim = gather((items: ClaimItem[]) => claimMany(pg, me.instanceId, items, mode), runKey);
  const context = gather(
    (items: ContextItem[]) => contextMany(pg, items),
    (i) => i.subscriptionId,
  );
  // 'posting', posted records and retryable resets of concurrent deliveries: one statement.
  const write = gather((items: WriteItem[]) => writeMany(pg, me.instanceId, items, mode), runKey);
  return {
    claim: (subscriptionId, slot, now) => claim({ subscriptionId, slot, now }),
    getRun: (subscriptionId: string, slot: string) =>
      oneRun('SELECT * FROM digest_runs WHERE subscription_id = $1 AND slot = $2', [subscriptionId, slot]),
    async runsAt(slot: string, subscriptionIds: readonly string[]): Promise<Set<string>> {
      const r = await pg.query<{ subscription_id: string }>(
        'SELECT subscription_id FROM digest_runs WHERE slot = $1 AND subscription_id = ANY($2::text[])',
        [slot, subscriptionIds],
      );
      return new Set(r.rows.map((row) => row.subscription_id));
    },
    context: (subscriptionId, channel, sentFactsLimit) =>
      context({ subscriptionId, channel, sentFactsLimit }),
    async recordPosted(subscriptionId, slot, record, now) {
      await write({ kind: 'posted', subscriptionId, slot, record, now });
    },
    /** False when this instance does not hold the run (another adopted it): do not post. */
    markPosting: (subscriptionId, slot, kind, articleIds) =>
      write({ kind: 'posting', subscriptionId, slot, postKind: kind, articleIds }),
    async markRetryable(subscriptionId: string, slot: string, error: string): Promise<void> {
      await write({ kind: 'retryable', subscriptionId, slot, error });
    },
    async markPosted(subscriptionId, slot, articleIds, messageId, now) {
      await write({
        kind: 'posted',
        subscriptionId,
        slot,
        record: { articleIds, messageId, facts: [] },
        now,
      });
    },
    async finish(
      subscriptionId: string,
      slot: string,
      state: 'nothing' | 'failed' | 'skipped' | 'uncertain',
      error: string | undefined,
      now: Date,
    ): Promise<void> {
      // 'nothing' and 'failed' need not reach disk before the bot goes on: lost in a server
      // crash, the run is found as it was before ('claimed': resumed within 15 minutes or closed
      // as failed; 'posting', after a permanent failure: 'uncertain'), which is what a crash just
      // before finishing gives, and none of it posts twice. 'uncertain' and 'skipped' stay
      // durable: they are rare, and they are what status reports.
      const relaxed = mode.async && (state === 'nothing' || state === 'failed');
      await pg.query(
        `UPDATE digest_runs SET state = $3, error = $4, finished_at = $5 WHERE subscription_id = $1 AND slot = $2${
          relaxed ? ` RETURNING ${ASYNC_COMMIT}` : ''
        }`,
        [subscriptionId, slot, state, error ?? null, now.toISOString()],
      );
    },
    async skip(subscriptionId: string, slot: string, reason: string, now: Date): Promise<boolean> {
      const r = await pg.query(
        `INSERT INTO digest_runs (subscription_id, slot, state, claimed_at, finished_at, error, claimed_by)
         VALUES ($1, $2, 'skipped', $3, $3, $4, $5) ON CONFLICT (subscription_id, slot) DO NOTHING`,
        [subscriptionId, slot, now.toISOString(), reason, me.instanceId],
      );
      return r.rowCount === 1;
    },
    /** Open runs whose instance is gone, now adopted by this one (see the top of this file). */
    async unfinished(): Promise<DigestRun[]> {
      // Sweeps take turns (a transaction-level advisory lock): the UPDATE's snapshot is then
      // taken after any other sweep committed, so a run adopted a moment ago is seen as held by
      // a live instance. (Without it, two concurrent UPDATEs both pass the NOT EXISTS recheck.)
      const r = await pg.withTransaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [0x6e62, 2]);
        return tx.query<RunRow>(
          `UPDATE digest_runs r SET claimed_by = $1
         WHERE r.state IN ('claimed', 'posting') AND r.claimed_by IS DISTINCT FROM $1
           AND NOT EXISTS (SELECT 1 FROM instances i WHERE i.id = r.claimed_by
                             AND i.heartbeat_at > now() - make_interval(secs => $2::float8 / 1000))
         RETURNING r.*`,
          [me.instanceId, me.leaseMs],
        );
      });
      return r.rows.map(toRun).sort((a, b) => (a.slot < b.slot ? -1 : a.slot > b.slot ? 1 : 0));
    },
    latestRun: (subscriptionId: string) =>
      oneRun('SELECT * FROM digest_runs WHERE subscription_id = $1 ORDER BY slot DESC LIMIT 1', [
        subscriptionId,
      ]),
    async delivered(subscriptionId: string): Promise<Set<string>> {
      const r = await pg.query<{ article_id: string }>(
        'SELECT article_id FROM digest_deliveries WHERE subscription_id = $1',
        [subscriptionId],
      );
      return new Set(r.rows.map((row) => row.article_id));
    },
    async lastPostedAt(subscriptionId: string): Promise<string | undefined> {
      const r = await pg.query<{ claimed_at: string }>(
        "SELECT claimed_at FROM digest_runs WHERE subscription_id = $1 AND state = 'posted' ORDER BY slot DESC LIMIT 1",
        [subscriptionId],
      );
      return r.rows[0]?.claimed_at;
    },
    async hasPosted(subscriptionId: string): Promise<boolean> {
      const r = await pg.query(
        "SELECT 1 FROM digest_runs WHERE subscription_id = $1 AND state IN ('posted', 'uncertain') LIMIT 1",
        [subscriptionId],
      );
      return (r.rowCount ?? 0) > 0;
    },
  };
}
