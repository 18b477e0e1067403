// The replies of threaded digests on SQLite: planned when the parent is posted, each marked as it
// goes out, so a restart finishes them without posting the parent again (digests/threads.ts).
import type { Db } from './db.js';
import type { ReplyState, ThreadReply, ThreadReplyRepository } from './ports.js';

export interface ReplyRow {
  subscription_id: string;
  slot: string;
  position: number;
  parent_id: string;
  thread_id: string | null;
  payload: string;
  state: string;
  message_id: string | null;
  error: string | null;
}

export function toReply(r: ReplyRow): ThreadReply {
  return {
    subscriptionId: r.subscription_id,
    slot: r.slot,
    position: Number(r.position),
    parentId: r.parent_id,
    threadId: r.thread_id ?? undefined,
    payload: r.payload,
    state: r.state as ReplyState,
    messageId: r.message_id ?? undefined,
    error: r.error ?? undefined,
  };
}

export function createSqliteThreadReplies(db: Db): ThreadReplyRepository {
  const plan = db.prepare(
    `INSERT OR IGNORE INTO digest_replies (subscription_id, slot, position, parent_id, payload, state)
     VALUES (?, ?, ?, ?, ?, 'pending')`,
  );
  const setThread = db.prepare(
    'UPDATE digest_replies SET thread_id = ? WHERE subscription_id = ? AND slot = ?',
  );
  const mark = db.prepare(
    `UPDATE digest_replies SET state = ?, message_id = coalesce(?, message_id), error = ?
     WHERE subscription_id = ? AND slot = ? AND position = ?`,
  );
  const forRun = db.prepare(
    'SELECT * FROM digest_replies WHERE subscription_id = ? AND slot = ? ORDER BY position',
  );
  const unfinished = db.prepare(
    `SELECT subscription_id, slot, min(position) FROM digest_replies WHERE state IN ('pending', 'posting')
     GROUP BY subscription_id, slot ORDER BY slot, subscription_id`,
  );
  const planAll = db.transaction(
    (subscriptionId: string, slot: string, parentId: string, payloads: string[]) => {
      payloads.forEach((p, i) => plan.run(subscriptionId, slot, i + 1, parentId, p));
    },
  );
  return {
    async plan(subscriptionId, slot, parentId, payloads) {
      planAll(subscriptionId, slot, parentId, payloads);
    },
    async setThread(subscriptionId, slot, threadId) {
      setThread.run(threadId, subscriptionId, slot);
    },
    async mark(subscriptionId, slot, position, state, detail = {}) {
      mark.run(state, detail.messageId ?? null, detail.error ?? null, subscriptionId, slot, position);
    },
    async forRun(subscriptionId, slot) {
      return (forRun.all(subscriptionId, slot) as ReplyRow[]).map(toReply);
    },
    async unfinished() {
      return (unfinished.all() as { subscription_id: string; slot: string }[]).map((r) => ({
        subscriptionId: r.subscription_id,
        slot: r.slot,
      }));
    },
  };
}
