// The replies of threaded digests on PostgreSQL; the same contract as src/store/threads.ts, with
// one addition for several instances: unfinished() hands over only the threads of runs this
// instance holds or of instances that are gone (adopting those), never a live instance's
// thread whose replies are going out right now (that would post them twice, and take its reply
// in flight for one a crash left behind).
import type { ThreadReplyRepository } from '../ports.js';
import { toReply, type ReplyRow } from '../threads.js';
import type { Pg } from './connection.js';
import type { InstanceIdentity } from './deliveries.js';

export function createPostgresThreadReplies(pg: Pg, me: InstanceIdentity): ThreadReplyRepository {
  return {
    async plan(subscriptionId, slot, parentId, payloads) {
      if (payloads.length === 0) return;
      await pg.query(
        `INSERT INTO digest_replies (subscription_id, slot, position, parent_id, payload, state)
         SELECT $1, $2, p.n, $3, p.payload, 'pending' FROM unnest($4::text[]) WITH ORDINALITY AS p (payload, n)
         ON CONFLICT DO NOTHING`,
        [subscriptionId, slot, parentId, payloads],
      );
    },
    async setThread(subscriptionId, slot, threadId) {
      await pg.query('UPDATE digest_replies SET thread_id = $3 WHERE subscription_id = $1 AND slot = $2', [
        subscriptionId,
        slot,
        threadId,
      ]);
    },
    async mark(subscriptionId, slot, position, state, detail = {}) {
      await pg.query(
        `UPDATE digest_replies SET state = $4, message_id = coalesce($5, message_id), error = $6
         WHERE subscription_id = $1 AND slot = $2 AND position = $3`,
        [subscriptionId, slot, position, state, detail.messageId ?? null, detail.error ?? null],
      );
    },
    async forRun(subscriptionId, slot) {
      const r = await pg.query<ReplyRow>(
        'SELECT * FROM digest_replies WHERE subscription_id = $1 AND slot = $2 ORDER BY position',
        [subscriptionId, slot],
      );
      return r.rows.map(toReply);
    },
    async unfinished() {
      // The runs' sweep lock (deliveries.ts): two survivors never both adopt one thread. Runs
      // this instance holds are included: its own runs of a subscription never overlap, so a
      // thread it is still posting is found finished when its turn comes.
      const r = await pg.withTransaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [0x6e62, 2]);
        return tx.query<{ subscription_id: string; slot: string }>(
          `WITH open AS (
             SELECT DISTINCT subscription_id, slot FROM digest_replies WHERE state IN ('pending', 'posting')
           ), adopted AS (
             UPDATE digest_runs r SET claimed_by = $1 FROM open o
             WHERE r.subscription_id = o.subscription_id AND r.slot = o.slot
               AND r.claimed_by IS DISTINCT FROM $1
               AND NOT EXISTS (SELECT 1 FROM instances i WHERE i.id = r.claimed_by
                                 AND i.heartbeat_at > now() - make_interval(secs => $2::float8 / 1000))
             RETURNING r.subscription_id, r.slot
           )
           SELECT subscription_id, slot FROM adopted
           UNION
           SELECT r.subscription_id, r.slot FROM digest_runs r JOIN open o USING (subscription_id, slot)
           WHERE r.claimed_by = $1
           ORDER BY slot, subscription_id`,
          [me.instanceId, me.leaseMs],
        );
      });
      return r.rows.map((row) => ({ subscriptionId: row.subscription_id, slot: row.slot }));
    },
  };
}
