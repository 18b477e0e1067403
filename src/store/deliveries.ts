// Digest runs and deliveries: the claim on (subscription, slot) taken before anything is posted,
// its progress, and the articles each subscription's channel has been sent. Together they make a
// slot post at most once per channel and keep an article from being sent to a channel twice.
import type { Db } from './db.js';

/**
 * claimed: taken, nothing sent yet (safe to retry). posting: a post call is in flight (if the
 * process dies now, we cannot know whether it arrived). posted / nothing (no post needed) /
 * failed / skipped (missed while down, too late) are final; uncertain: found 'posting' after a
 * crash, deliberately not re-posted.
 */
export type RunState = 'claimed' | 'posting' | 'posted' | 'nothing' | 'failed' | 'uncertain' | 'skipped';

export interface DigestRun {
  subscriptionId: string;
  /** ISO 8601 UTC. */
  slot: string;
  state: RunState;
  kind?: string;
  articleIds: string[];
  attempts: number;
  claimedAt: string;
  error?: string;
}

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

export interface DeliveryRepository {
  /** INSERT OR IGNORE the claim; true only for the caller that created it. */
  claim(subscriptionId: string, slot: string, now: Date): boolean;
  getRun(subscriptionId: string, slot: string): DigestRun | undefined;
  /** Records what the run will carry and that the post call starts now. */
  markPosting(subscriptionId: string, slot: string, kind: string, articleIds: string[]): void;
  /** The post call came back with a failure that may be retried: the run is safe to retry again. */
  markRetryable(subscriptionId: string, slot: string, error: string): void;
  /** The post arrived: final state and the delivered articles, in one transaction. */
  markPosted(
    subscriptionId: string,
    slot: string,
    articleIds: string[],
    messageId: string | undefined,
    now: Date,
  ): void;
  /** Final states without a post: `nothing`, `failed`, `skipped`, `uncertain`. */
  finish(
    subscriptionId: string,
    slot: string,
    state: 'nothing' | 'failed' | 'skipped' | 'uncertain',
    error: string | undefined,
    now: Date,
  ): void;
  /** Records a slot as skipped without running it (missed too long ago); false if it had a run. */
  skip(subscriptionId: string, slot: string, reason: string, now: Date): boolean;
  /** Runs left `claimed` or `posting` by a process that stopped. */
  unfinished(): DigestRun[];
  /** The subscription's newest run, if any. */
  latestRun(subscriptionId: string): DigestRun | undefined;
  /** Every article already sent to the subscription's channel. */
  delivered(subscriptionId: string): Set<string>;
  /** When the subscription's newest posted digest was claimed: what was stored before it is not news. */
  lastPostedAt(subscriptionId: string): string | undefined;
  /** Whether anything was ever posted to the subscription (else its next digest is its first). */
  hasPosted(subscriptionId: string): boolean;
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

  return {
    claim: (subscriptionId, slot, now) => claim.run(subscriptionId, slot, now.toISOString()).changes === 1,
    getRun(subscriptionId, slot) {
      const r = getRun.get(subscriptionId, slot) as RunRow | undefined;
      return r ? toRun(r) : undefined;
    },
    markPosting(subscriptionId, slot, kind, articleIds) {
      posting.run(kind, JSON.stringify(articleIds), subscriptionId, slot);
    },
    markRetryable(subscriptionId, slot, error) {
      retryable.run(error, subscriptionId, slot);
    },
    markPosted(subscriptionId, slot, articleIds, messageId, now) {
      markPosted(subscriptionId, slot, articleIds, messageId, now.toISOString());
    },
    finish(subscriptionId, slot, state, error, now) {
      finish.run(state, error ?? null, now.toISOString(), subscriptionId, slot);
    },
    skip: (subscriptionId, slot, reason, now) =>
      skip.run(subscriptionId, slot, now.toISOString(), now.toISOString(), reason).changes === 1,
    unfinished: () => (unfinished.all() as RunRow[]).map(toRun),
    latestRun(subscriptionId) {
      const r = latest.get(subscriptionId) as RunRow | undefined;
      return r ? toRun(r) : undefined;
    },
    delivered: (subscriptionId) =>
      new Set((delivered.all(subscriptionId) as { article_id: string }[]).map((r) => r.article_id)),
    lastPostedAt: (subscriptionId) =>
      (lastPosted.get(subscriptionId) as { claimed_at: string } | undefined)?.claimed_at,
    hasPosted: (subscriptionId) => anyPosted.get(subscriptionId) !== undefined,
  };
}
