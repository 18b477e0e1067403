// What the composition root needs to run several instances on one PostgreSQL database, in one
// place: the per-source lease ingestion takes around a fetch, the daily retention turn, and the
// instance's heartbeat. A SQLite store is never shared, so it has none of this.
import type { Store } from '../ports.js';
import type { Coordinator } from './coordination.js';

export interface Sharing {
  /** How long a silent instance counts as alive; survivors sweep for orphaned runs this often. */
  readonly leaseMs: number;
  /** Registers the instance and starts its heartbeat (before any lease or claim is taken). */
  start(): Promise<void>;
  /** The source's lease for one fetch, with its release; undefined while another instance holds it. */
  sourceLease(sourceId: string): Promise<(() => Promise<void>) | undefined>;
  /** True for the one instance that runs retention this day (a lease that simply runs out). */
  retentionTurn(periodMs: number): Promise<boolean>;
}

/** The store's sharing when it is the PostgreSQL store, else undefined. */
export function sharingOf(store: Store): Sharing | undefined {
  const coordinator = (store as { kind?: string; coordinator?: Coordinator }).coordinator;
  if ((store as { kind?: string }).kind !== 'postgres' || !coordinator) return undefined;
  return {
    leaseMs: coordinator.leaseMs,
    start: () => coordinator.start(),
    async sourceLease(sourceId) {
      const name = `source:${sourceId}`;
      if (!(await coordinator.acquire(name))) return undefined;
      return () => coordinator.release(name);
    },
    // Not renewable and never released: it blocks the other instances until the period is over,
    // whichever instance took it and whether or not that one is still running.
    retentionTurn: (periodMs) =>
      coordinator.acquire('retention', { ttlMs: periodMs - 60_000, renewable: false }),
  };
}
