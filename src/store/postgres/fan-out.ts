// The statements every delivery of a digest fan-out makes (its claim, its channel's history and
// its run's writes), each written over many deliveries at once (parallel arrays through unnest),
// so that batch.ts can send the calls of concurrent deliveries as one statement; one call alone
// is a batch of one. Each answers in the order of its items. The rules are those of deliveries.ts: a claim is refused while another
// instance holds an older open run of the subscription; 'posting' is written only by the holder.
//
// Which of these commits wait for the disk. A commit that must reach disk (the default) costs a
// WAL flush, 1 to 6 ms on the machines measured, and a delivery made three: claim, 'posting' and
// 'posted'. Only 'posting' has to be durable before the bot goes on, because it is what stops a
// second post after a crash. The claim and the 'posted' record are committed with
// synchronous_commit off: the server acknowledges them before they are flushed, and a server
// crash can lose the last fraction of a second of such commits (about 3 x wal_writer_delay),
// never corrupt anything. Why losing them is safe:
//   - PostgreSQL's WAL is one sequence, flushed in order: when any later commit is flushed (the
//     'posting' mark of this delivery or of any other, on any connection), every commit written
//     before it is on disk with it. So a lost commit is always one of the last ones, and nothing
//     durable was written after it.
//   - a lost claim: this instance's 'posting' write for it then fails (the connection broke in the
//     crash) or finds no run it holds and answers false, and deliver() does not post. The slot has
//     no run, as if it had never been claimed: the next start catches it up when under 15 minutes
//     late (recovery.ts), as after any crash before the claim. Another instance that saw the claim
//     and backed off from it posted nothing either.
//   - a lost 'posted' record: the run is found 'posting' at the next start and recorded
//     'uncertain', never re-posted (the crash rule of run.ts); its articles come back in the next
//     digest. Its thread replies were planned in the same statement and are lost with it, so none
//     is posted; once a reply is marked 'posting' (a durable commit, threads.ts) the record is
//     on disk before it.
// Inside a transaction the commit belongs to the caller, so the setting is left alone there.
import type { ChannelKey, DeliveryContext, PostedRecord } from '../ports.js';
import type { Pg } from './connection.js';

/**
 * Added to a writing statement's RETURNING (or final SELECT) list: makes the commit of that
 * statement's own transaction asynchronous (set_config with is_local = true lasts until the
 * transaction ends, and a statement sent alone on the pool is its own transaction), so the
 * setting costs no extra round trip and never outlives the statement.
 */
export const ASYNC_COMMIT = "set_config('synchronous_commit', 'off', true) AS async_commit";

/** How a statement here commits: `async` only when it is its own transaction (on the pool). */
export interface CommitMode {
  async: boolean;
}

const asyncItem = (mode: CommitMode) => (mode.async ? `, ${ASYNC_COMMIT}` : '');

export interface ClaimItem {
  subscriptionId: string;
  slot: string;
  now: Date;
}

export interface ContextItem {
  subscriptionId: string;
  channel: ChannelKey;
  sentFactsLimit: number;
}

export interface PostingItem {
  subscriptionId: string;
  slot: string;
  /** The digest's kind (DigestPlan.kind), stored on the run. */
  postKind: string;
  articleIds: string[];
}

export interface PostedItem {
  subscriptionId: string;
  slot: string;
  record: PostedRecord;
  now: Date;
}

const runKey = (r: { subscription_id: string; slot: string }) => `${r.subscription_id}\n${r.slot}`;

/** Claims taken, in the items' order. */
export async function claimMany(
  pg: Pg,
  instanceId: string,
  items: ClaimItem[],
  mode: CommitMode,
): Promise<boolean[]> {
  // Inserted in key order, so two instances claiming overlapping sets take the keys' locks in
  // the same order and never wait on each other in a cycle.
  const sorted = [...items].sort((a, b) => (runKey(toRow(a)) < runKey(toRow(b)) ? -1 : 1));
  const r = await pg.query<{ subscription_id: string; slot: string }>(
    `INSERT INTO digest_runs (subscription_id, slot, state, claimed_at, claimed_by)
     SELECT w.subscription_id, w.slot, 'claimed', w.claimed_at, $4
     FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS w (subscription_id, slot, claimed_at, n)
     WHERE NOT EXISTS (SELECT 1 FROM digest_runs o WHERE o.subscription_id = w.subscription_id AND o.slot < w.slot
                         AND o.state IN ('claimed', 'posting') AND o.claimed_by IS DISTINCT FROM $4)
     ORDER BY w.n
     ON CONFLICT (subscription_id, slot) DO NOTHING
     RETURNING subscription_id, slot${asyncItem(mode)}`,
    [
      sorted.map((i) => i.subscriptionId),
      sorted.map((i) => i.slot),
      sorted.map((i) => i.now.toISOString()),
      instanceId,
    ],
  );
  const taken = new Set(r.rows.map(runKey));
  return items.map((i) => taken.has(runKey(toRow(i))));
}

const toRow = (i: { subscriptionId: string; slot: string }) => ({
  subscription_id: i.subscriptionId,
  slot: i.slot,
});

/** Each subscription's history (see DeliveryRepository.context), in the items' order. */
export async function contextMany(pg: Pg, items: ContextItem[]): Promise<DeliveryContext[]> {
  const r = await pg.query<{
    has_posted: boolean;
    last_posted_at: string | null;
    delivered: string[];
    sent_facts: string[];
    muted: string[];
  }>(
    `SELECT
       EXISTS (SELECT 1 FROM digest_runs r WHERE r.subscription_id = w.id AND r.state IN ('posted', 'uncertain')) AS has_posted,
       (SELECT r.claimed_at FROM digest_runs r WHERE r.subscription_id = w.id AND r.state = 'posted'
          ORDER BY r.slot DESC LIMIT 1) AS last_posted_at,
       ARRAY(SELECT d.article_id FROM digest_deliveries d WHERE d.subscription_id = w.id) AS delivered,
       ARRAY(SELECT f.text FROM digest_facts f WHERE f.subscription_id = w.id ORDER BY f.sent_at DESC LIMIT w.lim) AS sent_facts,
       ARRAY(SELECT m.article_id FROM story_mutes m
             WHERE m.platform = w.platform AND m.workspace_id = w.workspace_id AND m.channel_id = w.channel_id) AS muted
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[]) WITH ORDINALITY
       AS w (id, platform, workspace_id, channel_id, lim, n)
     ORDER BY w.n`,
    [
      items.map((i) => i.subscriptionId),
      items.map((i) => i.channel.platform),
      items.map((i) => i.channel.workspaceId),
      items.map((i) => i.channel.channelId),
      items.map((i) => i.sentFactsLimit),
    ],
  );
  return r.rows.map((row) => ({
    hasPosted: row.has_posted,
    delivered: new Set(row.delivered),
    lastPostedAt: row.last_posted_at ?? undefined,
    sentFacts: row.sent_facts,
    mutedArticles: new Set(row.muted),
  }));
}

/**
 * A delivery's writes to its run: 'posting' before the post call, the posted record after it, and
 * back to 'claimed' after a failure worth retrying. Concurrent deliveries are each at one of these
 * steps, so the writes of all of them go in one statement (batch.ts): a fan-out then makes one
 * write statement per turn instead of one per step. No two writes of one run share a statement
 * (batch.ts keys them by run, and a delivery makes them one after another), so the parts below
 * never touch the same row.
 */
export type WriteItem =
  | ({ kind: 'posting' } & PostingItem)
  | ({ kind: 'posted' } & PostedItem)
  | ({ kind: 'retryable' } & RetryableItem);

export interface RetryableItem {
  subscriptionId: string;
  slot: string;
  error: string;
}

/**
 * The writes, in one statement; each item's answer in the items' order: for 'posting', false
 * where this instance does not hold the run (do not post); true for the others.
 *
 * How it commits: a statement carrying a 'posting' write waits for the disk, whatever else rides
 * along (that is what stops a second post after a crash). One with only posted records and
 * retryable resets commits without waiting (see the top of this file for the posted record; a
 * lost reset leaves the run 'posting', found 'uncertain' at the next start: never posted twice).
 */
export async function writeMany(
  pg: Pg,
  instanceId: string,
  items: WriteItem[],
  mode: CommitMode,
): Promise<boolean[]> {
  const posting = items.filter((i): i is WriteItem & { kind: 'posting' } => i.kind === 'posting');
  const posted = items.filter((i): i is WriteItem & { kind: 'posted' } => i.kind === 'posted');
  const retry = items.filter((i): i is WriteItem & { kind: 'retryable' } => i.kind === 'retryable');
  const p = postedArrays(posted);
  const r = await pg.query<{ marked: string[] }>(
    `WITH posting AS (
       UPDATE digest_runs r SET state = 'posting', kind = w.kind, article_ids = w.article_ids, attempts = r.attempts + 1
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS w (subscription_id, slot, kind, article_ids)
       WHERE r.subscription_id = w.subscription_id AND r.slot = w.slot AND r.claimed_by IS NOT DISTINCT FROM $5
       RETURNING r.subscription_id, r.slot
     ), run AS (
       UPDATE digest_runs r SET state = 'posted', finished_at = w.at, message_id = w.message_id, error = NULL
       FROM unnest($6::text[], $7::text[], $8::text[], $9::text[]) AS w (subscription_id, slot, message_id, at)
       WHERE r.subscription_id = w.subscription_id AND r.slot = w.slot
     ), delivered AS (
       INSERT INTO digest_deliveries (subscription_id, article_id, slot, delivered_at)
       SELECT * FROM unnest($10::text[], $12::text[], $11::text[], $13::text[]) ON CONFLICT DO NOTHING
     ), facts AS (
       INSERT INTO digest_facts (subscription_id, slot, text, sent_at)
       SELECT * FROM unnest($14::text[], $15::text[], $16::text[], $17::text[])
     ), replies AS (
       INSERT INTO digest_replies (subscription_id, slot, position, parent_id, payload, state)
       SELECT p.*, 'pending' FROM unnest($18::text[], $19::text[], $20::int[], $21::text[], $22::text[]) AS p
       ON CONFLICT DO NOTHING
     ), retry AS (
       UPDATE digest_runs r SET state = 'claimed', error = w.error
       FROM unnest($23::text[], $24::text[], $25::text[]) AS w (subscription_id, slot, error)
       WHERE r.subscription_id = w.subscription_id AND r.slot = w.slot
     )
     SELECT ARRAY(SELECT subscription_id || E'\n' || slot FROM posting) AS marked${
       posting.length === 0 ? asyncItem(mode) : ''
     }`,
    [
      posting.map((i) => i.subscriptionId),
      posting.map((i) => i.slot),
      posting.map((i) => i.postKind),
      posting.map((i) => JSON.stringify(i.articleIds)),
      instanceId,
      ...p,
      retry.map((i) => i.subscriptionId),
      retry.map((i) => i.slot),
      retry.map((i) => i.error),
    ],
  );
  const marked = new Set(r.rows[0]?.marked ?? []);
  return items.map((i) => i.kind !== 'posting' || marked.has(runKey(toRow(i))));
}

/**
 * The posted records as the parallel arrays of the statement above (runs, delivered articles,
 * facts, planned thread replies). Recorded in one statement with everything else, so a record
 * is atomic without BEGIN/COMMIT; its parts write different tables, so that they share one
 * snapshot changes nothing.
 */
function postedArrays(items: PostedItem[]): unknown[] {
  const runs = {
    subs: [] as string[],
    slots: [] as string[],
    messages: [] as (string | null)[],
    at: [] as string[],
  };
  const delivered = {
    subs: [] as string[],
    slots: [] as string[],
    articles: [] as string[],
    at: [] as string[],
  };
  const facts = { subs: [] as string[], slots: [] as string[], texts: [] as string[], at: [] as string[] };
  const replies = {
    subs: [] as string[],
    slots: [] as string[],
    positions: [] as number[],
    parents: [] as string[],
    payloads: [] as string[],
  };
  for (const { subscriptionId: s, slot, record, now } of items) {
    const at = now.toISOString();
    runs.subs.push(s);
    runs.slots.push(slot);
    runs.messages.push(record.messageId ?? null);
    runs.at.push(at);
    for (const a of record.articleIds) {
      delivered.subs.push(s);
      delivered.slots.push(slot);
      delivered.articles.push(a);
      delivered.at.push(at);
    }
    for (const t of record.facts) {
      facts.subs.push(s);
      facts.slots.push(slot);
      facts.texts.push(t);
      facts.at.push(at);
    }
    for (const [i, payload] of (record.replies?.payloads ?? []).entries()) {
      replies.subs.push(s);
      replies.slots.push(slot);
      replies.positions.push(i + 1);
      replies.parents.push(record.replies?.parentId ?? '');
      replies.payloads.push(payload);
    }
  }
  return [
    runs.subs,
    runs.slots,
    runs.messages,
    runs.at,
    delivered.subs,
    delivered.slots,
    delivered.articles,
    delivered.at,
    facts.subs,
    facts.slots,
    facts.texts,
    facts.at,
    replies.subs,
    replies.slots,
    replies.positions,
    replies.parents,
    replies.payloads,
  ];
}
