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
import type { DeliveryContext, DeliveryRepository, DigestRun, PostedRecord, RunState } from '../ports.js';
import type { Pg } from './connection.js';

interface RunRow {
  subscription_id: string;
  slot: string;
  state: string;
  kind: string | null;
  article_ids: string | null;
  attempts: number;
  claimed_at: string;
  error: string | null;
}

function toRun(r: RunRow): DigestRun {
  return {
    subscriptionId: r.subscription_id,
    slot: r.slot,
    state: r.state as RunState,
    kind: r.kind ?? undefined,
    articleIds: r.article_ids ? (JSON.parse(r.article_ids) as string[]) : [],
    attempts: r.attempts,
    claimedAt: r.claimed_at,
    error: r.error ?? undefined,
  };
}

export interface InstanceIdentity {
  /** This process's instance id (src/store/postgres/instances.ts). */
  instanceId: string;
  /** An instance with no heartbeat for this long is dead. */
  leaseMs: number;
}

export function createPostgresDeliveryRepository(pg: Pg, me: InstanceIdentity): DeliveryRepository {
  const oneRun = async (sql: string, params: unknown[]) => {
    const r = await pg.query<RunRow>(sql, params);
    return r.rows[0] ? toRun(r.rows[0]) : undefined;
  };
  // One statement (one round trip, atomic without BEGIN/COMMIT); its parts write different
  // tables, so that they share one snapshot changes nothing.
  const recordPosted = async (
    subscriptionId: string,
    slot: string,
    record: PostedRecord,
    now: Date,
  ): Promise<void> => {
    await pg.query(
      `WITH run AS (
         UPDATE digest_runs SET state = 'posted', finished_at = $3, message_id = $4, error = NULL
         WHERE subscription_id = $1 AND slot = $2
       ), delivered AS (
         INSERT INTO digest_deliveries (subscription_id, article_id, slot, delivered_at)
         SELECT $1, a, $2, $3 FROM unnest($5::text[]) AS a ON CONFLICT DO NOTHING
       ), facts AS (
         INSERT INTO digest_facts (subscription_id, slot, text, sent_at)
         SELECT $1, $2, t, $3 FROM unnest($6::text[]) AS t
       ), replies AS (
         INSERT INTO digest_replies (subscription_id, slot, position, parent_id, payload, state)
         SELECT $1, $2, p.n, $7, p.payload, 'pending' FROM unnest($8::text[]) WITH ORDINALITY AS p (payload, n)
         ON CONFLICT DO NOTHING
       )
       SELECT 1`,
      [
        subscriptionId,
        slot,
        now.toISOString(),
        record.messageId ?? null,
        record.articleIds,
        record.facts,
        record.replies?.parentId ?? '',
        record.replies?.payloads ?? [],
      ],
    );
  };
  return {
    async claim(subscriptionId: string, slot: string, now: Date): Promise<boolean> {
      const r = await pg.query(
        `INSERT INTO digest_runs (subscription_id, slot, state, claimed_at, claimed_by)
         SELECT $1, $2, 'claimed', $3, $4
         WHERE NOT EXISTS (SELECT 1 FROM digest_runs o WHERE o.subscription_id = $1 AND o.slot < $2
                             AND o.state IN ('claimed', 'posting') AND o.claimed_by IS DISTINCT FROM $4)
         ON CONFLICT (subscription_id, slot) DO NOTHING`,
        [subscriptionId, slot, now.toISOString(), me.instanceId],
      );
      return r.rowCount === 1;
    },
    getRun: (subscriptionId: string, slot: string) =>
      oneRun('SELECT * FROM digest_runs WHERE subscription_id = $1 AND slot = $2', [subscriptionId, slot]),
    async runsAt(slot: string, subscriptionIds: readonly string[]): Promise<Set<string>> {
      const r = await pg.query<{ subscription_id: string }>(
        'SELECT subscription_id FROM digest_runs WHERE slot = $1 AND subscription_id = ANY($2::text[])',
        [slot, subscriptionIds],
      );
      return new Set(r.rows.map((row) => row.subscription_id));
    },
    /** One query: each column is what its single-purpose method reads, as a subquery. */
    async context(subscriptionId, c, sentFactsLimit): Promise<DeliveryContext> {
      const r = await pg.query<{
        has_posted: boolean;
        last_posted_at: string | null;
        delivered: string[];
        sent_facts: string[];
        muted: string[];
      }>(
        `SELECT
           EXISTS (SELECT 1 FROM digest_runs WHERE subscription_id = $1 AND state IN ('posted', 'uncertain')) AS has_posted,
           (SELECT claimed_at FROM digest_runs WHERE subscription_id = $1 AND state = 'posted'
              ORDER BY slot DESC LIMIT 1) AS last_posted_at,
           ARRAY(SELECT article_id FROM digest_deliveries WHERE subscription_id = $1) AS delivered,
           ARRAY(SELECT text FROM digest_facts WHERE subscription_id = $1 ORDER BY sent_at DESC LIMIT $5) AS sent_facts,
           ARRAY(SELECT article_id FROM story_mutes WHERE platform = $2 AND workspace_id = $3 AND channel_id = $4) AS muted`,
        [subscriptionId, c.platform, c.workspaceId, c.channelId, sentFactsLimit],
      );
      const row = r.rows[0];
      return {
        hasPosted: row?.has_posted ?? false,
        delivered: new Set(row?.delivered ?? []),
        lastPostedAt: row?.last_posted_at ?? undefined,
        sentFacts: row?.sent_facts ?? [],
        mutedArticles: new Set(row?.muted ?? []),
      };
    },
    recordPosted,
    /** False when this instance does not hold the run (another adopted it): do not post. */
    async markPosting(
      subscriptionId: string,
      slot: string,
      kind: string,
      articleIds: string[],
    ): Promise<boolean> {
      const r = await pg.query(
        `UPDATE digest_runs SET state = 'posting', kind = $3, article_ids = $4, attempts = attempts + 1
         WHERE subscription_id = $1 AND slot = $2 AND claimed_by IS NOT DISTINCT FROM $5`,
        [subscriptionId, slot, kind, JSON.stringify(articleIds), me.instanceId],
      );
      return r.rowCount === 1;
    },
    async markRetryable(subscriptionId: string, slot: string, error: string): Promise<void> {
      await pg.query(
        "UPDATE digest_runs SET state = 'claimed', error = $3 WHERE subscription_id = $1 AND slot = $2",
        [subscriptionId, slot, error],
      );
    },
    markPosted: (subscriptionId, slot, articleIds, messageId, now) =>
      recordPosted(subscriptionId, slot, { articleIds, messageId, facts: [] }, now),
    async finish(
      subscriptionId: string,
      slot: string,
      state: 'nothing' | 'failed' | 'skipped' | 'uncertain',
      error: string | undefined,
      now: Date,
    ): Promise<void> {
      await pg.query(
        'UPDATE digest_runs SET state = $3, error = $4, finished_at = $5 WHERE subscription_id = $1 AND slot = $2',
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
