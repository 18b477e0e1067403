// A threaded digest after its parent went out: open the thread (Discord makes one from the
// parent; on Slack the parent's ts is the thread) and post each story's reply, marking each in
// the delivery record (digest_replies) before and after its call. The replies were written with
// the posted parent, so this can be finished by a later process: a restart posts what is left
// and never the parent again.
//
// A reply found `posting` was in flight when a process stopped: it may have arrived. It is not
// posted again but marked `uncertain` and reported (in the log, /brief subscriptions and
// /brief status), the rule the parent follows. Reading the thread to see whether it arrived was
// the other way: Slack's conversations.replies needs the history scopes a digest bot has no
// other use for, and a message cannot be matched to its call (chat.postMessage takes no
// idempotency key); Discord's nonce dedupes only for a few minutes. At most once everywhere:
// the story's headline is still in the parent, and its replies' facts were recorded with it.
import type { Logger } from 'pino';
import { message } from '../core/messages.js';
import { fail } from '../core/result.js';
import type { Platform } from '../core/types.js';
import type { Subscription, SubscriptionRepository, ThreadReplyRepository } from '../store/ports.js';
import type { ChannelPoster, ChannelTarget, PostResult, StoryReply } from './ports.js';

export interface ThreadDeps {
  threads: ThreadReplyRepository;
  /** Where an uncertain reply is reported (the subscription's last error, until a good digest). */
  subscriptions: Pick<SubscriptionRepository, 'markFailed'>;
  posters: Partial<Record<Platform, ChannelPoster>>;
  log: Logger;
  /** Waits before a retry; false when the service is stopping. */
  sleep: (ms: number) => Promise<boolean>;
  maxAttempts: number;
  retryBaseMs: number;
}

/** done: every reply out (or failed for good); deferred: stopping, the rest waits for the next start. */
export type ThreadOutcome = 'done' | 'deferred';

/** One call made up to `maxAttempts` times on transient failures, like the parent's post. */
async function withAttempts(
  deps: ThreadDeps,
  call: () => Promise<PostResult>,
): Promise<PostResult | 'deferred'> {
  for (let attempt = 1; ; attempt++) {
    const result = await call().catch((err: unknown): PostResult =>
      fail({ permanent: true, code: 'poster_threw', reason: String(err) }),
    );
    if (result.ok || result.error.permanent || attempt >= deps.maxAttempts) return result;
    const wait = Math.min(result.error.retryAfterMs ?? deps.retryBaseMs * 2 ** (attempt - 1), 60_000);
    if (!(await deps.sleep(wait))) return 'deferred';
  }
}

/** Posts the replies of (subscription, slot) that have not gone out. */
export async function finishThread(
  deps: ThreadDeps,
  sub: Subscription,
  slot: string,
): Promise<ThreadOutcome> {
  const rows = await deps.threads.forRun(sub.id, slot);
  const at = { subscription: sub.id, channel: sub.channelId, slot };
  await settleInFlight(deps, sub, slot, rows, at);
  const open = rows.filter((r) => r.state === 'pending');
  const first = rows[0];
  if (!first || open.length === 0) return 'done';
  const target: ChannelTarget = {
    platform: sub.platform,
    workspaceId: sub.workspaceId,
    channelId: sub.channelId,
  };
  const poster = deps.posters[sub.platform];
  const failAll = async (reason: string) => {
    for (const r of open) await deps.threads.mark(sub.id, slot, r.position, 'failed', { error: reason });
    deps.log.warn({ ...at, reason }, 'thread replies not posted');
    return 'done' as const;
  };
  if (!poster?.openThread || !poster.postReply)
    return failAll(message('DIGEST_NO_POSTER', { platform: sub.platform }));

  let threadId = first.threadId;
  if (!threadId) {
    const name = message('DIGEST_THREAD_NAME', { title: titleOf(first.payload), date: slot.slice(0, 10) });
    const opened = await withAttempts(deps, () => poster.openThread!(target, first.parentId, name));
    if (opened === 'deferred') return 'deferred';
    if (!opened.ok) return failAll(opened.error.reason);
    threadId = opened.value.messageId ?? first.parentId;
    await deps.threads.setThread(sub.id, slot, threadId);
  }
  const thread = { parentId: first.parentId, threadId };
  for (const row of open) {
    const reply = JSON.parse(row.payload) as StoryReply;
    await deps.threads.mark(sub.id, slot, row.position, 'posting');
    const result = await withAttempts(deps, () => poster.postReply!(target, thread, reply));
    if (result === 'deferred') {
      await deps.threads.mark(sub.id, slot, row.position, 'pending');
      return 'deferred';
    }
    if (result.ok) {
      await deps.threads.mark(sub.id, slot, row.position, 'posted', { messageId: result.value.messageId });
      continue;
    }
    await deps.threads.mark(sub.id, slot, row.position, 'failed', { error: result.error.reason });
    deps.log.warn({ ...at, position: row.position, code: result.error.code }, 'thread reply not posted');
  }
  deps.log.info({ ...at, replies: open.length }, 'thread replies posted');
  return 'done';
}

/**
 * Replies a stopped process left `posting` (this process marks `posting` only around its own
 * call, and a run's replies are finished by one process at a time): `uncertain`, not posted.
 */
async function settleInFlight(
  deps: ThreadDeps,
  sub: Subscription,
  slot: string,
  rows: { position: number; state: string }[],
  at: Record<string, string>,
): Promise<void> {
  const inFlight = rows.filter((r) => r.state === 'posting');
  if (inFlight.length === 0) return;
  const positions = inFlight.map((r) => r.position);
  const reason = message('DIGEST_REPLY_UNCERTAIN', {
    slot,
    positions: positions.join(', '),
    count: positions.length,
  });
  for (const r of inFlight) {
    await deps.threads.mark(sub.id, slot, r.position, 'uncertain', { error: reason });
    r.state = 'uncertain';
  }
  await deps.subscriptions.markFailed(sub.id, reason, false, Number.MAX_SAFE_INTEGER);
  deps.log.warn(
    { ...at, positions },
    'thread reply was being posted when newsbrief stopped; not re-posting it (at most once)',
  );
}

function titleOf(payload: string): string {
  return (JSON.parse(payload) as StoryReply).briefing.title;
}
