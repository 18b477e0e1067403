// Start-up: finish what a stopped process left behind, then catch up slots missed while down.
// The rules (15 minutes, at most once) are explained at the top of run.ts.
import type { Logger } from 'pino';
import { message } from '../core/messages.js';
import type {
  DeliveryRepository,
  Subscription,
  SubscriptionRepository,
  ThreadReplyRepository,
} from '../store/ports.js';
import type { Scheduler } from './schedule.js';
import { slotKey } from './schedule.js';

/** A missed slot is still worth posting when it is less than this late. */
export const CATCH_UP_WINDOW_MS = 15 * 60_000;
/** How far back start-up looks for a missed slot to report as skipped. */
const SKIP_LOOKBACK_MS = 8 * 24 * 3_600_000;

export interface RecoveryDeps {
  subscriptions: SubscriptionRepository;
  deliveries: DeliveryRepository;
  threads: ThreadReplyRepository;
  scheduler: Scheduler;
  log: Logger;
  now: Date;
}

/** A slot to run at start: resumed (claimed before a stop) or caught up (never claimed). */
export interface PendingSlot {
  subscription: Subscription;
  slot: Date;
  mode: 'fresh' | 'resume';
}

/**
 * Settles runs a stopped process left open: 'posting' becomes 'uncertain' (not re-posted, shown
 * in status), unless its thread replies were planned, which happens only once the parent arrived:
 * then it is recorded as posted and resumed for its replies; 'claimed' under 15 minutes old is
 * returned to be resumed, older is closed as failed. Threads with replies left (the parent
 * posted) are resumed whatever their age: the parent is in the channel, its stories belong under it.
 */
export async function recoverUnfinished(deps: RecoveryDeps): Promise<PendingSlot[]> {
  const { deliveries, subscriptions, log, now } = deps;
  const resume: PendingSlot[] = [];
  for (const run of await deliveries.unfinished()) {
    const sub = await subscriptions.get(run.subscriptionId);
    if (!sub) continue;
    const at = { subscription: sub.id, topic: sub.topic, channel: sub.channelId, slot: run.slot };
    const planned = run.state === 'posting' ? await deps.threads.forRun(sub.id, run.slot) : [];
    if (planned[0]) {
      await deliveries.markPosted(sub.id, run.slot, run.articleIds, planned[0].parentId, now);
      log.info(at, 'threaded digest parent arrived before newsbrief stopped; finishing its replies');
    } else if (run.state === 'posting') {
      await deliveries.finish(sub.id, run.slot, 'uncertain', 'stopped while posting', now);
      await subscriptions.markFailed(
        sub.id,
        message('DIGEST_UNCERTAIN', { slot: run.slot }),
        false,
        Number.MAX_SAFE_INTEGER,
      );
      log.warn(at, 'digest was being posted when newsbrief stopped; not re-posting it (at most once)');
    } else if (now.getTime() - Date.parse(run.slot) < CATCH_UP_WINDOW_MS && sub.state !== 'paused') {
      resume.push({ subscription: sub, slot: new Date(run.slot), mode: 'resume' });
      log.info(at, 'resuming a digest claimed but not posted before newsbrief stopped');
    } else {
      await deliveries.finish(
        sub.id,
        run.slot,
        'failed',
        'newsbrief stopped before posting; too late to post',
        now,
      );
      log.warn(
        at,
        'digest claimed before newsbrief stopped is too late to post; its articles go in the next digest',
      );
    }
  }
  for (const open of await deps.threads.unfinished()) {
    const sub = await subscriptions.get(open.subscriptionId);
    if (!sub) continue;
    resume.push({ subscription: sub, slot: new Date(open.slot), mode: 'resume' });
    log.info(
      { subscription: sub.id, channel: sub.channelId, slot: open.slot },
      'finishing the replies of a threaded digest left by a stop',
    );
  }
  return resume;
}

/**
 * For each active subscription, the latest slot before now with no run: returned to run once if
 * under 15 minutes late; otherwise recorded as skipped (so it never runs later) and logged.
 * Slots from before the subscription existed (or was last re-scheduled) are not missed slots.
 */
export async function findMissedSlots(deps: RecoveryDeps): Promise<PendingSlot[]> {
  const { deliveries, subscriptions, scheduler, log, now } = deps;
  const latest = new Map<string, Date | undefined>();
  const candidates: { sub: Subscription; slot: Date; key: string }[] = [];
  for (const sub of await subscriptions.all()) {
    if (sub.state === 'paused') continue;
    const group = `${sub.timezone}|${sub.schedule}`;
    if (!latest.has(group))
      latest.set(group, scheduler.lastSlotAtOrBefore(sub.schedule, sub.timezone, now, SKIP_LOOKBACK_MS));
    const slot = latest.get(group);
    if (!slot || slot.getTime() < Date.parse(sub.updatedAt)) continue;
    candidates.push({ sub, slot, key: slotKey(slot) });
  }
  // One read per distinct slot (usually one or a few) for which subscriptions already have a run,
  // not one per subscription: with thousands of them that was most of start().
  const bySlot = new Map<string, string[]>();
  for (const c of candidates) {
    const ids = bySlot.get(c.key) ?? [];
    ids.push(c.sub.id);
    bySlot.set(c.key, ids);
  }
  const withRun = new Map<string, Set<string>>();
  for (const [key, ids] of bySlot) withRun.set(key, await deliveries.runsAt(key, ids));

  const due: PendingSlot[] = [];
  for (const { sub, slot, key } of candidates) {
    if (withRun.get(key)?.has(sub.id)) continue;
    const late = now.getTime() - slot.getTime();
    const at = { subscription: sub.id, topic: sub.topic, channel: sub.channelId, slot: key, lateMs: late };
    if (late < CATCH_UP_WINDOW_MS) {
      due.push({ subscription: sub, slot, mode: 'fresh' });
      log.info(at, 'catching up a digest missed while newsbrief was down');
    } else if (
      await deliveries.skip(sub.id, key, 'missed while newsbrief was down; more than 15 minutes late', now)
    ) {
      log.warn(at, 'digest missed while newsbrief was down is more than 15 minutes late; skipped');
    }
  }
  return due;
}
