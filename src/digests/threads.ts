// A threaded digest after its parent went out: open the thread (Discord makes one from the
// parent; on Slack the parent's ts is the thread) and post each story's reply, marking each in
// the delivery record (digest_replies) before and after its call. The replies were written with
// the posted parent, so this can be finished by a later process: a restart posts what is left
// and never the parent again. A reply found `posting` after a crash is posted again: Discord
// drops the copy by its nonce; on Slack, whose API has no idempotency key, the thread may show
// that one reply twice, which we prefer to a story silently missing from its thread.
import type { Logger } from 'pino';
import { message } from '../core/messages.js';
import type { Platform } from '../core/types.js';
import type { Subscription, ThreadReplyRepository } from '../store/ports.js';
import type { ChannelPoster, ChannelTarget, PostResult, StoryReply } from './ports.js';

export interface ThreadDeps {
  threads: ThreadReplyRepository;
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
    const result = await call().catch((err: unknown): PostResult => ({
      ok: false,
      permanent: true,
      code: 'poster_threw',
      reason: String(err),
    }));
    if (result.ok || result.permanent || attempt >= deps.maxAttempts) return result;
    const wait = Math.min(result.retryAfterMs ?? deps.retryBaseMs * 2 ** (attempt - 1), 60_000);
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
  const open = rows.filter((r) => r.state === 'pending' || r.state === 'posting');
  const first = rows[0];
  if (!first || open.length === 0) return 'done';
  const at = { subscription: sub.id, channel: sub.channelId, slot };
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
    if (!opened.ok) return failAll(opened.reason);
    threadId = opened.messageId ?? first.parentId;
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
      await deps.threads.mark(sub.id, slot, row.position, 'posted', { messageId: result.messageId });
      continue;
    }
    await deps.threads.mark(sub.id, slot, row.position, 'failed', { error: result.reason });
    deps.log.warn({ ...at, position: row.position, code: result.code }, 'thread reply not posted');
  }
  deps.log.info({ ...at, replies: open.length }, 'thread replies posted');
  return 'done';
}

function titleOf(payload: string): string {
  return (JSON.parse(payload) as StoryReply).briefing.title;
}
