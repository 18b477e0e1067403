// Digest runs: what happens when a slot comes due, and what "exactly once" means here.
//
// A slot is the scheduled time of a run (to the second, ISO 8601 UTC). For a slot:
//   1. The due subscriptions (every non-paused one on the schedules that fired) are grouped by
//      topic. Each topic's briefing is built once, on first need, through the same
//      BriefingService `/brief` uses, and shared by all its channels.
//   2. Each subscription is delivered (deliver.ts) inside a promise pool per platform, so many
//      channels post concurrently within that platform's limit while commands stay responsive.
//      Runs of one subscription never overlap: a slot waits for the previous one to finish, so
//      two slots cannot both send the same new article.
//   3. deliver: claim (subscription, slot) with INSERT OR IGNORE before anything else; plan what
//      is new for the channel (not sent before, not learned backlog; the whole current briefing
//      on the first digest); nothing new -> no post, or the quiet note when asked; write
//      'posting', post, then write 'posted' and the delivered article ids in one transaction.
//   4. Failures: a 429/5xx resets the run to 'claimed' and retries within the slot after the
//      Retry-After (bounded attempts); if it still fails, the slot is given up with the reason
//      shown in status, and since nothing was recorded as delivered its articles go in the next
//      digest (delayed, never dropped). A permanent failure (channel gone, no access) marks the
//      subscription failing with the reason; after `pauseAfter` in a row it pauses (no more
//      slots) until someone subscribes again. One channel's failure never touches another's.
//
// Crashes (the process dies mid-run), handled at the next start (recovery.ts):
//   - run 'claimed', nothing posted yet: the post never started. If the slot is under 15 minutes
//     old it is resumed once; older, it is closed as failed and its articles go in the next digest.
//   - run 'posting': the post call was in flight. It may or may not have reached the channel and
//     we cannot ask the platform, so we choose AT MOST ONCE: never re-posted, marked 'uncertain',
//     logged, and the subscription shows the reason in `/brief subscriptions` and `/brief status`
//     until its next successful digest. Its articles are not recorded as delivered, so if the
//     post was lost they come back in the next digest (a repeat is better than a silent loss).
//   - no run row: the slot was never claimed; the start-up catch-up runs it if under 15 minutes
//     late, else records it as skipped and logs it.
import type { BriefingService } from '../commands/ports.js';
import type { Platform } from '../core/types.js';
import type { ArticleRepository, Subscription, TopicArticle } from '../store/ports.js';
import { CLAIM_CHUNK, claimAhead, type AheadClaim } from './claim-ahead.js';
import {
  deliver,
  SENT_FACTS_LIMIT,
  type DeliverDeps,
  type DeliveryOutcome,
  type TopicSlot,
} from './deliver.js';
import { createLimiter, runPool } from '../async/pool.js';
import type { ChannelPoster } from './ports.js';
import { createFactPrinter } from '../core/digest-stories.js';
import { slotKey } from './schedule.js';
import { isStoreFault } from '../store/health.js';

/**
 * Points of the briefing a slot's digests are cut from: enough that `maxStories` (up to 20) stories
 * with news can be found for a channel and the rest counted.
 */
const DIGEST_BRIEFING_POINTS = 20;

/** How many articles of a topic are checked for the learned (backlog) flag and stored time. */
const LEARNED_LOOKUP_LIMIT = 1000;

/**
 * Deliveries in flight per post in flight. A delivery spends most of its time on the store
 * (claim, history, 'posting', the posted record) and only part on the platform's call; with
 * several deliveries per post slot, those store steps overlap the posts of others (and, on
 * PostgreSQL, share statements: batch.ts), while the platform still sees at most its
 * concurrency of calls.
 */
const DELIVERIES_PER_POST = 4;

export type RunSummary = Record<DeliveryOutcome, number>;

/** `poster` with at most `limit` of its platform calls in flight. */
function limitCalls(poster: ChannelPoster, limit: number): ChannelPoster {
  const limited = createLimiter(limit);
  const { openThread, postReply, missingThreadRights } = poster;
  return {
    platform: poster.platform,
    concurrency: poster.concurrency,
    post: (target, message) => limited(() => poster.post(target, message)),
    ...(missingThreadRights && {
      missingThreadRights: (target) => limited(() => missingThreadRights.call(poster, target)),
    }),
    ...(openThread && {
      openThread: (target, parentId, name) => limited(() => openThread.call(poster, target, parentId, name)),
    }),
    ...(postReply && {
      postReply: (target, thread, reply) => limited(() => postReply.call(poster, target, thread, reply)),
    }),
  };
}

export interface Runner {
  /** Runs `slot` for the given subscriptions; resolves when every one has an outcome. */
  run(subscriptions: Subscription[], slot: Date, mode?: 'fresh' | 'resume'): Promise<RunSummary>;
  /** Topic briefings built so far (one per topic per slot run, however many channels). */
  briefingsBuilt(): number;
  /** Resolves when no run is in flight. */
  settled(): Promise<void>;
}

export interface RunnerDeps extends DeliverDeps {
  briefings: BriefingService;
  articles: ArticleRepository;
  /** Posts in flight per platform; by default what each platform's poster says. */
  concurrency: Partial<Record<Platform, number>>;
}

export function createRunner(deps: RunnerDeps): Runner {
  let built = 0;
  const inFlight = new Set<Promise<unknown>>();
  // The tail of each subscription's chain of runs, so its slots run one after another.
  const tails = new Map<string, Promise<unknown>>();

  const topicSlot = (topic: string): TopicSlot => {
    // Promises are kept, not values, so channels asking at the same time share one read.
    let briefing: ReturnType<TopicSlot['briefing']> | undefined;
    let recent: Promise<TopicArticle[]> | undefined;
    let learned: Promise<Set<string>> | undefined;
    let storedAt: Promise<Map<string, string>> | undefined;
    const topicArticles = () => (recent ??= deps.articles.forTopic(topic, LEARNED_LOOKUP_LIMIT));
    const print = createFactPrinter();
    return {
      print,
      briefing() {
        if (briefing === undefined) {
          built += 1;
          // Wider than /brief's: flood control picks the stories and counts the rest per channel.
          briefing = deps.briefings.brief(topic, deps.now(), { maxPoints: DIGEST_BRIEFING_POINTS });
        }
        return briefing;
      },
      learned() {
        learned ??= topicArticles().then((list) => new Set(list.filter((a) => a.learned).map((a) => a.id)));
        return learned;
      },
      storedAt() {
        storedAt ??= topicArticles().then((list) => new Map(list.map((a) => [a.id, a.fetchedAt])));
        return storedAt;
      },
    };
  };

  // Runs finished per subscription, so a history read ahead of a run can tell it is stale.
  const finished = new Map<string, number>();
  const serially = (sub: Subscription, work: () => Promise<DeliveryOutcome>): Promise<DeliveryOutcome> => {
    const previous = tails.get(sub.id) ?? Promise.resolve();
    const next = previous.then(work, work);
    tails.set(sub.id, next);
    // The caller handles `next` failing; this bookkeeping copy of it must not be reported as an
    // unhandled rejection on top (it was, for every delivery that threw).
    void next
      .finally(() => {
        finished.set(sub.id, (finished.get(sub.id) ?? 0) + 1);
        if (tails.get(sub.id) === next) tails.delete(sub.id);
      })
      .catch(() => undefined);
    return next;
  };

  const run = async (subs: Subscription[], slot: Date, mode: 'fresh' | 'resume'): Promise<RunSummary> => {
    const key = slotKey(slot);
    const summary: RunSummary = { posted: 0, nothing: 0, duplicate: 0, failed: 0, deferred: 0, uncertain: 0 };
    const topics = new Map<string, TopicSlot>();
    const byPlatform = new Map<Platform, Subscription[]>();
    for (const sub of subs) {
      if (!topics.has(sub.topic)) topics.set(sub.topic, topicSlot(sub.topic));
      const list = byPlatform.get(sub.platform) ?? [];
      list.push(sub);
      byPlatform.set(sub.platform, list);
    }
    // Each platform's calls are limited to its concurrency for this run, while more deliveries
    // than that are in flight: the others do their store reads and writes meanwhile.
    const postsInFlight = (platform: Platform) =>
      deps.concurrency[platform] ?? deps.posters[platform]?.concurrency ?? 1;
    const posters: DeliverDeps['posters'] = {};
    for (const platform of byPlatform.keys()) {
      const poster = deps.posters[platform];
      if (poster) posters[platform] = limitCalls(poster, postsInFlight(platform));
    }
    const runDeps: DeliverDeps = { ...deps, posters };
    const one = async (sub: Subscription, ahead?: Promise<AheadClaim>) => {
      try {
        const claim = await ahead;
        const outcome =
          claim?.kind === 'taken-elsewhere'
            ? 'duplicate'
            : await serially(sub, () =>
                deliver(
                  runDeps,
                  sub,
                  key,
                  topics.get(sub.topic) as TopicSlot,
                  mode,
                  claim?.kind === 'claimed'
                    ? {
                        history:
                          (finished.get(sub.id) ?? 0) === claim.runsFinished ? claim.history : undefined,
                      }
                    : undefined,
                ),
              );
        summary[outcome] += 1;
        deps.metrics?.digestFinished(sub.platform, outcome);
      } catch (err) {
        // A bug (or the store failing) for one channel must not stop the others.
        summary.failed += 1;
        deps.metrics?.digestFinished(sub.platform, 'failed');
        // A store fault (locked, read-only, full) fails every channel of the slot alike: counted
        // and said once for the slot below, not a stack trace per channel.
        if (isStoreFault(err)) {
          const seen = storeFaults.get(err.fault);
          storeFaults.set(err.fault, { message: err.message, count: (seen?.count ?? 0) + 1 });
        } else deps.log.error({ err, subscription: sub.id, slot: key }, 'digest run failed');
      }
    };
    const storeFaults = new Map<string, { message: string; count: number }>();
    const aheadDeps = {
      deliveries: deps.deliveries,
      now: deps.now,
      busy: (id: string) => tails.has(id),
      runsFinished: (id: string) => finished.get(id) ?? 0,
      sentFactsLimit: SENT_FACTS_LIMIT,
    };
    await Promise.all(
      [...byPlatform].map(([platform, list]) => {
        // Fresh slots are claimed ahead of the pool; a resumed run already holds its claim.
        const deliveries = postsInFlight(platform) * DELIVERIES_PER_POST;
        const claims =
          mode === 'fresh'
            ? claimAhead(aheadDeps, list, key, Math.max(CLAIM_CHUNK, 2 * deliveries))
            : undefined;
        return runPool(list, deliveries, (sub, index) => one(sub, claims?.take(index)));
      }),
    );
    for (const [fault, { message, count }] of storeFaults)
      deps.log.warn(
        { slot: key, fault, subscriptions: count },
        `digests not posted: ${message}; nothing was claimed, so nothing is posted twice`,
      );
    deps.log.info(
      { slot: key, subscriptions: subs.length, topics: topics.size, ...summary },
      'digest slot finished',
    );
    return summary;
  };

  return {
    run(subs, slot, mode = 'fresh') {
      const p = run(subs, slot, mode);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      return p;
    },
    briefingsBuilt: () => built,
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
