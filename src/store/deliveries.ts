// Digest runs and deliveries: the claim on (subscription, slot) taken before anything is posted,
// its progress, and the articles each subscription's channel has been sent. Together they make a
// slot post at most once per channel and keep an article from being sent to a channel twice.
import type { Db } from './db.js';
import type { DeliveryRepository, DigestRun, PostedRecord, RunState } from './ports.js';

/** A digest_runs row, the same columns in both stores (PostgreSQL reads its runs through toRun too). */
export interface RunRow {
  subscription_id: string;
  slot: string;
  state: string;
  kind: string | null;
  article_ids: string | null;
  attempts: number;
  claimed_at: string;
  error: string | null;
}

export function toRun(r: RunRow): DigestRun {
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

export function createSqliteDeliveryRepository(db: Db): DeliveryRepository {
  const claim = db.prepare(
    "INSERT OR IGNORE INTO digest_runs (subscription_id, slot, state, claimed_at) VALUES (?, ?, 'claimed', ?)",
  );
  const getRun = db.prepare('SELECT * FROM digest_runs WHERE subscription_id = ? AND slot = ?');
  const posting = db.prepare(
    "UPDATE digest_runs SET state = 'posting', kind = ?, article_ids = ?, attempts = attempts + 1 WHERE subscription_id = ? AND slot = ?",
  );
  const retryable = db.prepare(
    "UPDATE digest_runs SET state = 'claimed', error = ? WHERE subscription_id = ? AND slot = ?",
  );
  const posted = db.prepare(
    "UPDATE digest_runs SET state = 'posted', finished_at = ?, message_id = ?, error = NULL WHERE subscription_id = ? AND slot = ?",
  );
  const deliver = db.prepare(
    'INSERT OR IGNORE INTO digest_deliveries (subscription_id, article_id, slot, delivered_at) VALUES (?, ?, ?, ?)',
  );
  const finish = db.prepare(
    'UPDATE digest_runs SET state = ?, error = ?, finished_at = ? WHERE subscription_id = ? AND slot = ?',
  );
  const skip = db.prepare(
    "INSERT OR IGNORE INTO digest_runs (subscription_id, slot, state, claimed_at, finished_at, error) VALUES (?, ?, 'skipped', ?, ?, ?)",
  );
  const unfinished = db.prepare(
    "SELECT * FROM digest_runs WHERE state IN ('claimed', 'posting') ORDER BY slot",
  );
  const latest = db.prepare('SELECT * FROM digest_runs WHERE subscription_id = ? ORDER BY slot DESC LIMIT 1');
  const delivered = db.prepare('SELECT article_id FROM digest_deliveries WHERE subscription_id = ?');
  const lastPosted = db.prepare(
    "SELECT claimed_at FROM digest_runs WHERE subscription_id = ? AND state = 'posted' ORDER BY slot DESC LIMIT 1",
  );
  const anyPosted = db.prepare(
    "SELECT 1 FROM digest_runs WHERE subscription_id = ? AND state IN ('posted', 'uncertain') LIMIT 1",
  );

  const runsAt = db.prepare(
    'SELECT subscription_id FROM digest_runs WHERE slot = ? AND subscription_id IN (SELECT value FROM json_each(?))',
  );
  // The channel's facts and mutes (the same reads as digest-memory.ts), for context().
  const facts = db.prepare(
    'SELECT text FROM digest_facts WHERE subscription_id = ? ORDER BY sent_at DESC, rowid DESC LIMIT ?',
  );
  const muted = db.prepare(
    'SELECT article_id FROM story_mutes WHERE platform = ? AND workspace_id = ? AND channel_id = ?',
  );
  const addFact = db.prepare(
    'INSERT INTO digest_facts (subscription_id, slot, text, sent_at) VALUES (?, ?, ?, ?)',
  );
  const planReply = db.prepare(
    `INSERT OR IGNORE INTO digest_replies (subscription_id, slot, position, parent_id, payload, state)
     VALUES (?, ?, ?, ?, ?, 'pending')`,
  );

  const markPosted = db.transaction(
    (
      subscriptionId: string,
      slot: string,
      articleIds: string[],
      messageId: string | undefined,
      at: string,
    ) => {
      posted.run(at, messageId ?? null, subscriptionId, slot);
      for (const id of articleIds) deliver.run(subscriptionId, id, slot, at);
    },
  );

  const recordPosted = db.transaction(
    (subscriptionId: string, slot: string, record: PostedRecord, at: string) => {
      if (record.replies)
        for (const [i, payload] of record.replies.payloads.entries())
          planReply.run(subscriptionId, slot, i + 1, record.replies.parentId, payload);
      for (const text of record.facts) addFact.run(subscriptionId, slot, text, at);
      markPosted(subscriptionId, slot, record.articleIds, record.messageId, at);
    },
  );

  return {
    claim: async (subscriptionId, slot, now) =>
      claim.run(subscriptionId, slot, now.toISOString()).changes === 1,
    async getRun(subscriptionId, slot) {
      const r = getRun.get(subscriptionId, slot) as RunRow | undefined;
      return r ? toRun(r) : undefined;
    },
    async runsAt(slot, subscriptionIds) {
      const rows = runsAt.all(slot, JSON.stringify(subscriptionIds)) as { subscription_id: string }[];
      return new Set(rows.map((r) => r.subscription_id));
    },
    async context(subscriptionId, c, sentFactsLimit) {
      const articleIds = (rows: unknown[]) =>
        new Set((rows as { article_id: string }[]).map((r) => r.article_id));
      return {
        hasPosted: anyPosted.get(subscriptionId) !== undefined,
        delivered: articleIds(delivered.all(subscriptionId)),
        lastPostedAt: (lastPosted.get(subscriptionId) as { claimed_at: string } | undefined)?.claimed_at,
        sentFacts: (facts.all(subscriptionId, sentFactsLimit) as { text: string }[]).map((r) => r.text),
        mutedArticles: articleIds(muted.all(c.platform, c.workspaceId, c.channelId)),
      };
    },
    async recordPosted(subscriptionId, slot, record, now) {
      recordPosted(subscriptionId, slot, record, now.toISOString());
    },
    async markPosting(subscriptionId, slot, kind, articleIds) {
      return posting.run(kind, JSON.stringify(articleIds), subscriptionId, slot).changes === 1;
    },
    async markRetryable(subscriptionId, slot, error) {
      retryable.run(error, subscriptionId, slot);
    },
    async markPosted(subscriptionId, slot, articleIds, messageId, now) {
      markPosted(subscriptionId, slot, articleIds, messageId, now.toISOString());
    },
    async finish(subscriptionId, slot, state, error, now) {
      finish.run(state, error ?? null, now.toISOString(), subscriptionId, slot);
    },
    skip: async (subscriptionId, slot, reason, now) =>
      skip.run(subscriptionId, slot, now.toISOString(), now.toISOString(), reason).changes === 1,
    unfinished: async () => (unfinished.all() as RunRow[]).map(toRun),
    async latestRun(subscriptionId) {
      const r = latest.get(subscriptionId) as RunRow | undefined;
      return r ? toRun(r) : undefined;
    },
    delivered: async (subscriptionId) =>
      new Set((delivered.all(subscriptionId) as { article_id: string }[]).map((r) => r.article_id)),
    lastPostedAt: async (subscriptionId) =>
      (lastPosted.get(subscriptionId) as { claimed_at: string } | undefined)?.claimed_at,
    hasPosted: async (subscriptionId) => anyPosted.get(subscriptionId) !== undefined,
  };
}
