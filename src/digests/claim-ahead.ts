// Claims taken ahead of the posting pool. A fan-out's posts are limited by the platform (a few
// in flight per platform), but its claims are not: claiming one subscription at a time inside
// each post's turn made every delivery wait for its own claim and history reads, and on
// PostgreSQL each such read is a round trip (batch.ts can only join the calls that happen to be
// made in the same turn). So the subscriptions of a fresh slot are claimed a chunk at a time,
// half a chunk before the pool reaches them, and each claimed one's channel history is read in
// the same go; on PostgreSQL a chunk is then one claim statement and one history statement.
// With several instances, a chunk another instance claimed first comes back not ours in that
// one statement, instead of costing each of its deliveries a round trip to find out.
//
// Why this keeps the crash rules (run.ts): a claim is still taken before anything is planned or
// posted. A run claimed ahead and not yet posted is 'claimed', which is what a run claimed just
// before a crash already was: resumed at the next start when under 15 minutes late (adopted by
// another instance when this one died), else closed as failed with its articles left for the
// next digest. Nothing here writes 'posting', so nothing can be posted twice.
//
// The history read ahead is the one deliver() would have read: it is read after the claim, and it
// is used only if no run of the subscription finished in this process since it was read (the
// `runsFinished` count is the same), else deliver() reads it again. A subscription whose earlier
// slot is still running here is left to deliver() altogether (claimed in its own turn, after that
// slot finished, as without claiming ahead).
import type { DeliveryContext, DeliveryRepository, Subscription } from '../store/ports.js';

/** What the pool gets for a subscription: not ours, ours with its history, or left to deliver(). */
export type AheadClaim =
  | { kind: 'taken-elsewhere' }
  | { kind: 'claimed'; history: DeliveryContext; runsFinished: number }
  | { kind: 'not-ahead' };

/** Subscriptions claimed in one go: enough to keep a few pools of posts busy between two claims. */
export const CLAIM_CHUNK = 64;

export interface ClaimAheadDeps {
  deliveries: DeliveryRepository;
  now: () => Date;
  /** Whether the subscription has a run in flight in this process (then it is not claimed ahead). */
  busy: (subscriptionId: string) => boolean;
  /** How many runs of the subscription have finished in this process: a changed count means the history read ahead may be stale. */
  runsFinished: (subscriptionId: string) => number;
  /** How many of a channel's latest sent facts the history carries (deliver.ts). */
  sentFactsLimit: number;
}

/**
 * The claims of `subs` (in the pool's order) for `slot`, a chunk at a time: `take(i)` is the
 * claim of `subs[i]`, and asking for it starts the claims of the next chunk once `i` is half
 * way through its own, so the pool rarely waits for one.
 */
export function claimAhead(
  deps: ClaimAheadDeps,
  subs: readonly Subscription[],
  slot: string,
  chunk = CLAIM_CHUNK,
): { take(index: number): Promise<AheadClaim> } {
  const chunks = new Map<number, Promise<AheadClaim>[]>();

  const start = (c: number): Promise<AheadClaim>[] => {
    const started = chunks.get(c);
    if (started) return started;
    const members = subs.slice(c * chunk, (c + 1) * chunk);
    // Every call of the chunk is made in this one turn, so a batching store sends them together.
    const claims = members.map(async (sub): Promise<AheadClaim> => {
      if (deps.busy(sub.id)) return { kind: 'not-ahead' };
      if (!(await deps.deliveries.claim(sub.id, slot, deps.now()))) return { kind: 'taken-elsewhere' };
      const channel = { platform: sub.platform, workspaceId: sub.workspaceId, channelId: sub.channelId };
      const runsFinished = deps.runsFinished(sub.id);
      const history = await deps.deliveries.context(sub.id, channel, deps.sentFactsLimit);
      return { kind: 'claimed', history, runsFinished };
    });
    // A failed claim or read is the delivery's failure, reported when the pool takes it; until
    // then it must not count as an unhandled rejection.
    for (const p of claims) p.catch(() => undefined);
    chunks.set(c, claims);
    return claims;
  };

  return {
    take(index) {
      const c = Math.floor(index / chunk);
      const claims = start(c);
      if (index % chunk >= chunk / 2 && (c + 1) * chunk < subs.length) start(c + 1);
      // The chunk's promises are dropped as they are taken: a large slot keeps only what is ahead.
      const claim = claims[index % chunk] as Promise<AheadClaim>;
      if (index % chunk === claims.length - 1) chunks.delete(c);
      return claim;
    },
  };
}
