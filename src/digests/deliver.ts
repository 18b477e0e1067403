// One channel's digest for one slot: claim -> plan -> post -> record, with bounded retries of
// transient failures inside the slot. This is the only retry layer: a poster makes one attempt
// (waiting out a 429 within its budget) and reports, so a persistent 5xx costs exactly
// `maxAttempts` platform calls per slot (5 by default; see docs/digests.md). The claim is taken before anything else, so a second
// attempt at the same (subscription, slot), in this process or after a restart, finds it and
// stops (see run.ts for the crash rules).
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { FactPrint } from '../core/coverage.js';
import { briefingOfStories } from '../core/digest-stories.js';
import { message } from '../core/messages.js';
import type { Briefing, Platform } from '../core/types.js';
import type {
  ChannelMemoryRepository,
  DeliveryContext,
  DeliveryRepository,
  Subscription,
  SubscriptionRepository,
  ThreadReplyRepository,
} from '../store/ports.js';
import { planDigest, type DigestPlan } from './message.js';
import type { ChannelPoster, DigestMessage, PostFailure, PostResult, StoryReply } from './ports.js';
import { digestFeedback, type StoryRefs } from './story-refs.js';
import { finishThread } from './threads.js';
import type { Metrics } from '../ops/metrics.js';

/** What the runner knows about a topic for one slot; both are computed once, on first use. */
export interface TopicSlot {
  briefing(): Promise<Briefing | undefined>;
  learned(): Promise<ReadonlySet<string>>;
  /** When each of the topic's articles was first stored. */
  storedAt(): Promise<ReadonlyMap<string, string>>;
  /** The same-fact print of a point's text, cached for every channel of the slot. */
  print(text: string): FactPrint;
}

/** How many of a channel's latest sent facts a digest compares its points with. */
export const SENT_FACTS_LIMIT = 500;

export interface DeliverDeps {
  subscriptions: SubscriptionRepository;
  deliveries: DeliveryRepository;
  memory: ChannelMemoryRepository;
  threads: ThreadReplyRepository;
  posters: Partial<Record<Platform, ChannelPoster>>;
  /** Points one unthreaded digest holds at most (briefing.maxPoints). */
  maxPoints: number;
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
  /** Stored references for the buttons under a one-message digest's stories; absent: none. */
  storyRefs?: StoryRefs;
}

/**
 * posted / nothing (no post needed) / duplicate (the slot was already claimed) / failed /
 * deferred (stopping while waiting to retry: the claim stays open for the next start).
 */
export type DeliveryOutcome = 'posted' | 'nothing' | 'duplicate' | 'failed' | 'deferred' | 'uncertain';

/** Backoff when the platform gave no Retry-After: 1 s, 2 s, 4 s... (by default) capped at a minute. */
function retryDelay(failure: PostFailure, attempt: number, baseMs: number): number {
  return Math.min(failure.retryAfterMs ?? baseMs * 2 ** (attempt - 1), 60_000);
}

/**
 * Runs one subscription's slot. `resume` continues a run a stopped process left `claimed`.
 * `claimed`: the runner already took this fresh slot's claim (claim-ahead.ts), with the channel's
 * history when it is still current.
 */
export async function deliver(
  deps: DeliverDeps,
  sub: Subscription,
  slot: string,
  topic: TopicSlot,
  mode: 'fresh' | 'resume',
  claimed?: { history?: DeliveryContext },
): Promise<DeliveryOutcome> {
  const { deliveries, subscriptions, log } = deps;
  const at = { subscription: sub.id, topic: sub.topic, platform: sub.platform, channel: sub.channelId, slot };
  if (!claimed && !(await deliveries.claim(sub.id, slot, deps.now()))) {
    // A fresh slot claimed elsewhere (another instance, or a run already in progress) is not
    // ours, whatever its state: no need to read it.
    if (mode !== 'resume') return 'duplicate';
    const run = await deliveries.getRun(sub.id, slot);
    // A threaded digest whose parent went out before a stop: only its replies are left to post.
    if (mode === 'resume' && run?.state === 'posted')
      return (await finishThread(deps, sub, slot)) === 'done' ? 'posted' : 'deferred';
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
  const target = { platform: sub.platform, workspaceId: sub.workspaceId, channelId: sub.channelId };

  // Threads are used when the subscription asks, the platform has them and the channel allows
  // them; otherwise the digest is one message and the reason is kept for /brief status.
  const canThread = sub.threads && !!poster.openThread && !!poster.postReply;
  const missing = canThread && poster.missingThreadRights ? await poster.missingThreadRights(target) : [];
  const threaded = canThread && missing.length === 0;
  const threadNote = missing.length ? missing.join(' ') : undefined;
  if (sub.threads && threadNote !== sub.threadNote) await subscriptions.setThreadNote(sub.id, threadNote);

  // The channel's history in one read (one query on PostgreSQL): a fan-out pays per round trip.
  const history = claimed?.history ?? (await deliveries.context(sub.id, target, SENT_FACTS_LIMIT));
  const plan = planDigest(briefing, {
    first: !history.hasPosted,
    delivered: history.delivered,
    learned: await topic.learned(),
    quietNote: sub.quietNote,
    since: history.lastPostedAt,
    storedAt: await topic.storedAt(),
    sentFacts: history.sentFacts.map(topic.print),
    mutedArticles: history.mutedArticles,
    maxStories: sub.maxStories,
    maxPoints: deps.maxPoints,
    threaded,
    print: topic.print,
  });
  // A muted story that developed brings new articles: they are muted too, so it stays out.
  if (plan.mutedArticles.length) await deps.memory.mute(target, plan.mutedArticles, 'newsbrief', deps.now());
  if (!plan.post) {
    await deliveries.finish(sub.id, slot, 'nothing', undefined, deps.now());
    log.debug(at, 'nothing new for this digest; not posted');
    return 'nothing';
  }
  const replies =
    threaded && plan.kind !== 'quiet' ? await storyReplies(deps.memory, sub, slot, plan, deps.now()) : [];
  const digest: DigestMessage = {
    briefing: plan.briefing,
    kind: plan.kind,
    scheduleLabel: `${sub.whenLabel} ${sub.timezone}`,
    idempotencyKey: `${sub.id}:${slot}`,
    stories: plan.stories,
    more: plan.more,
    threaded: replies.length > 0,
    feedback: await digestFeedback(deps.storyRefs, sub.topic, replies.length ? [] : plan.stories, deps.now()),
  };

  for (let attempt = 1; ; attempt++) {
    // 'posting' is written before the call: finding it after a crash means "may have arrived".
    if (!(await deliveries.markPosting(sub.id, slot, plan.kind, plan.articleIds))) {
      // This process no longer holds the run: another instance adopted it (this one was taken
      // for dead), or the database lost the claim in a crash of its own (PostgreSQL commits
      // claims asynchronously, see src/store/postgres/fan-out.ts). Either way the post is not
      // ours to make: making it could be the second one.
      log.warn(at, 'digest run not held by this process any more; not posting it');
      return 'duplicate';
    }
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
      // One transaction: the replies to post, the facts told and the run posted land together
      // (one commit per channel; one statement on PostgreSQL).
      const messageId = result.value.messageId;
      await deliveries.recordPosted(
        sub.id,
        slot,
        {
          articleIds: plan.articleIds,
          messageId,
          facts: plan.facts,
          replies: digest.threaded
            ? { parentId: messageId ?? '', payloads: replies.map((r) => JSON.stringify(r)) }
            : undefined,
        },
        deps.now(),
      );
      if (sub.state !== 'active' || sub.lastError) await subscriptions.markHealthy(sub.id);
      log.info(
        { ...at, kind: plan.kind, articles: plan.articleIds.length, stories: plan.stories.length, attempt },
        'digest posted',
      );
      if (digest.threaded && (await finishThread(deps, sub, slot)) === 'deferred') return 'deferred';
      return 'posted';
    }
    const failure = result.error;
    if (failure.permanent) return fail(failure.reason, true, failure.code);
    await deliveries.markRetryable(sub.id, slot, `${failure.code}: ${failure.reason}`);
    if (attempt >= deps.maxAttempts) {
      return fail(
        message('DIGEST_GAVE_UP', { reason: failure.reason, slot, attempts: attempt }),
        false,
        failure.code,
      );
    }
    const wait = retryDelay(failure, attempt, deps.retryBaseMs);
    deps.metrics?.postRetried(sub.platform, failure.code);
    log.info({ ...at, code: failure.code, attempt, retryInMs: wait }, 'digest post delayed; will retry');
    if (!(await deps.sleep(wait))) return 'deferred';
  }
}

/**
 * The replies of a threaded digest, one per story, each with a stored story reference for its
 * feedback buttons (a short hash of subscription, slot and place: it fits Discord's custom ids).
 */
async function storyReplies(
  memory: ChannelMemoryRepository,
  sub: Subscription,
  slot: string,
  plan: DigestPlan & { post: true },
  now: Date,
): Promise<StoryReply[]> {
  const replies: StoryReply[] = [];
  for (const [i, story] of plan.stories.entries()) {
    const position = i + 1;
    const ref = createHash('sha256').update(`${sub.id}:${slot}:${position}`).digest('base64url').slice(0, 16);
    await memory.saveStory({
      ref,
      topic: sub.topic,
      articleIds: story.articleIds,
      headline: story.points[0]?.text ?? '',
      createdAt: now.toISOString(),
    });
    replies.push({
      briefing: briefingOfStories(plan.briefing, [story]),
      position,
      update: story.update,
      idempotencyKey: `${sub.id}:${slot}:${position}`,
      storyRef: ref,
    });
  }
  return replies;
}
