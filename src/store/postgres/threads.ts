// The replies of threaded digests on PostgreSQL; the same contract as src/store/threads.ts.
import type { ThreadReplyRepository } from '../ports.js';
import { toReply, type ReplyRow } from '../threads.js';
import type { Pg } from './connection.js';

export function createPostgresThreadReplies(pg: Pg): ThreadReplyRepository {
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
      const r = await pg.query<{ subscription_id: string; slot: string }>(
        `SELECT DISTINCT subscription_id, slot FROM digest_replies WHERE state IN ('pending', 'posting')
         ORDER BY slot, subscription_id`,
      );
      return r.rows.map((row) => ({ subscriptionId: row.subscription_id, slot: row.slot }));
    },
  };
}
