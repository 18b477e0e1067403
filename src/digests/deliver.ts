// One channel's digest for one slot: claim -> plan -> post -> record, with bounded retries of
// transient failures inside the slot. This is the only retry layer: a poster makes one attempt
// (waiting out a 429 within its budget) and reports, so a persistent 5xx costs exactly
// `maxAttempts` platform calls per slot (5 by default; see docs/digests.md). The claim is taken before anything else, so a second
// attempt at the same (subscription, slot), in this process or after a restart, finds it and
// stops (see run.ts for the crash rules).
import type { Logger } from 'pino';
import { message } from '../core/messages.js';
import type { Briefing, Platform } from '../core/types.js';
import type { DeliveryRepository, Subscription, SubscriptionRepository } from '../store/ports.js';
import { planDigest } from './message.js';
import type { ChannelPoster, DigestMessage, PostResult } from './ports.js';
import type { Metrics } from '../ops/metrics.js';

/** What the runner knows about a topic for one slot; both are computed once, on first use. */
export interface TopicSlot {
  briefing(): Promise<Briefing | undefined>;
  learned(): Promise<ReadonlySet<string>>;
  /** When each of the topic's articles was first stored. */
  storedAt(): Promise<ReadonlyMap<string, string>>;
}

export interface DeliverDeps {
  subscriptions: SubscriptionRepository;
  deliveries: DeliveryRepository;
  posters: Partial<Record<Platform, ChannelPoster>>;
  log: Logger;
  now: () => Date;
  /** Waits before a retry; resolves false when the service is stopping (the wait was cut short). */
  sleep: (ms: number) => Promise<boolean>;
  /** Post attempts per slot for transient failures (429, 5xx) before giving up on the slot. */
  maxAttempts: number;
  /** First wait after a transient failure without Retry-After; doubles per attempt, capped at a minute. */
  retryBaseMs: number;
  /** Permanent failures in a row after which the subscription pauses. */
  pauseAfter: number;
  /** Told when a subscription paused, so the schedule can drop it. */
  onPaused: (subscription: Subscription) => Promise<void>;
  /** Counts digests and post retries; absent: nothing counted. */
  metrics?: Metrics;
}

/**
 * posted / nothing (no post needed) / duplicate (the slot was already claimed) / failed /
 * deferred (stopping while waiting to retry: the claim stays open for the next start).
 */
export type DeliveryOutcome = 'posted' | 'nothing' | 'duplicate' | 'failed' | 'deferred' | 'uncertain';

/** Backoff when the platform gave no Retry-After: 1 s, 2 s, 4 s... (by default) capped at a minute. */
function retryDelay(result: PostResult & { ok: false }, attempt: number, baseMs: number): number {
  return Math.min(result.retryAfterMs ?? baseMs * 2 ** (attempt - 1), 60_000);
}

/** Runs one subscription's slot. `resume` continues a run a stopped process left `claimed`. */
export async function deliver(
  deps: DeliverDeps,
  sub: Subscription,
  slot: string,
  topic: TopicSlot,
  mode: 'fresh' | 'resume',
): Promise<DeliveryOutcome> {
  const { deliveries, subscriptions, log } = deps;
  const at = { subscription: sub.id, topic: sub.topic, platform: sub.platform, channel: sub.channelId, slot };
  if (!(await deliveries.claim(sub.id, slot, deps.now()))) {
    const run = await deliveries.getRun(sub.id, slot);
    if (mode !== 'resume' || run?.state !== 'claimed') return 'duplicate';
  }
  const fail = async (reason: string, permanent: boolean, code: string): Promise<DeliveryOutcome> => {
    await deliveries.finish(sub.id, slot, 'failed', reason, deps.now());
    const after = await subscriptions.markFailed(sub.id, reason, permanent, deps.pauseAfter);
    if (after?.state === 'paused') {
      const note = message('DIGEST_PAUSED', { count: after.consecutiveFailures, reason });
      await subscriptions.markFailed(sub.id, note, false, deps.pauseAfter);
      log.warn({ ...at, code, reason }, 'digest subscription paused after repeated failures');
      await deps.onPaused(after);
    } else {
      log.warn({ ...at, code, reason, permanent }, 'digest not posted');
    }
    return 'failed';
  };

  const poster = deps.posters[sub.platform];
  if (!poster) return fail(message('DIGEST_NO_POSTER', { platform: sub.platform }), false, 'no_poster');
  const briefing = await topic.briefing();
  if (!briefing) return fail(message('UNKNOWN_TOPIC', { topic: sub.topic }), false, 'unknown_topic');

  const plan = planDigest(briefing, {
    first: !(await deliveries.hasPosted(sub.id)),
    delivered: await deliveries.delivered(sub.id),
    learned: await topic.learned(),
    quietNote: sub.quietNote,
    since: await deliveries.lastPostedAt(sub.id),
    storedAt: await topic.storedAt(),
  });
  if (!plan.post) {
    await deliveries.finish(sub.id, slot, 'nothing', undefined, deps.now());
    log.debug(at, 'nothing new for this digest; not posted');
    return 'nothing';
  }
  const digest: DigestMessage = {
    briefing: plan.briefing,
    kind: plan.kind,
    scheduleLabel: `${sub.whenLabel} ${sub.timezone}`,
    idempotencyKey: `${sub.id}:${slot}`,
  };
  const target = { platform: sub.platform, workspaceId: sub.workspaceId, channelId: sub.channelId };

  for (let attempt = 1; ; attempt++) {
    // 'posting' is written before the call: finding it after a crash means "may have arrived".
    await deliveries.markPosting(sub.id, slot, plan.kind, plan.articleIds);
    let result: PostResult;
    try {
      result = await poster.post(target, digest);
    } catch (err) {
      // Posters report failures as values; a throw is a bug whose effect on the platform is
      // unknown, so it is treated like a crash mid-post: never re-posted, surfaced in status.
      const reason = message('DIGEST_UNCERTAIN', { slot });
      await deliveries.finish(sub.id, slot, 'uncertain', String(err), deps.now());
      await subscriptions.markFailed(sub.id, reason, false, deps.pauseAfter);
      log.error({ ...at, err }, 'digest poster threw; not re-posting this slot');
      return 'uncertain';
    }
    if (result.ok) {
      await deliveries.markPosted(sub.id, slot, plan.articleIds, result.messageId, deps.now());
      if (sub.state !== 'active' || sub.lastError) await subscriptions.markHealthy(sub.id);
      log.info({ ...at, kind: plan.kind, articles: plan.articleIds.length, attempt }, 'digest posted');
      return 'posted';
    }
    if (result.permanent) return fail(result.reason, true, result.code);
    await deliveries.markRetryable(sub.id, slot, `${result.code}: ${result.reason}`);
    if (attempt >= deps.maxAttempts) {
      return fail(
        message('DIGEST_GAVE_UP', { reason: result.reason, slot, attempts: attempt }),
        false,
        result.code,
      );
    }
    const wait = retryDelay(result, attempt, deps.retryBaseMs);
    deps.metrics?.postRetried(sub.platform, result.code);
    log.info({ ...at, code: result.code, attempt, retryInMs: wait }, 'digest post delayed; will retry');
    if (!(await deps.sleep(wait))) return 'deferred';
  }
}
