// How instances sharing one database stay out of each other's way:
//   - each instance registers a row in `instances` and heartbeats it every lease/3; one whose
//     heartbeat is older than the lease time (NEWSBRIEF_LEASE_SECONDS, default 30) is dead;
//   - a named lease (`leases`) is held by one live instance at a time: taken when free or
//     expired, extended by its holder's heartbeat while the holder works, released when done.
//     Ingestion takes 'source:<id>' around each fetch; retention takes 'retention' for a day.
// A dead instance's leases simply expire; its open digest runs are adopted by the survivors'
// sweep (deliveries.ts). All times are the server's clock, so instances' clocks may differ.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Pg } from './connection.js';

export interface Coordinator {
  /** This instance's id (also stored as claimed_by on the digest runs it works on). */
  readonly instanceId: string;
  readonly leaseMs: number;
  /** Takes the named lease if no live holder has it; renewable leases are extended by heartbeats. */
  acquire(name: string, options?: { ttlMs?: number; renewable?: boolean }): Promise<boolean>;
  release(name: string): Promise<void>;
  /** Registers the instance and starts heartbeating. */
  start(): Promise<void>;
  /** Stops heartbeating, releases this instance's renewable leases and removes its row (its open runs become adoptable at once). */
  stop(): Promise<void>;
  /** One heartbeat now (the timer calls it; tests too). */
  heartbeat(): Promise<void>;
}

export const DEFAULT_LEASE_MS = 30_000;

const interval = (param: string) => `make_interval(secs => ${param}::float8 / 1000)`;

export function createCoordinator(
  pg: Pg,
  options: { leaseMs?: number; instanceId?: string; onError?: (err: unknown) => void } = {},
): Coordinator {
  const instanceId = options.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  let timer: NodeJS.Timeout | undefined;

  const heartbeat = async () => {
    await pg.query(
      `INSERT INTO instances (id, host, pid) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()`,
      [instanceId, hostname(), process.pid],
    );
    await pg.query(
      `UPDATE leases SET expires_at = now() + ${interval('$2')} WHERE holder = $1 AND renewable`,
      [instanceId, leaseMs],
    );
  };

  return {
    instanceId,
    leaseMs,
    async acquire(name, { ttlMs = leaseMs, renewable = true } = {}) {
      const r = await pg.query(
        `INSERT INTO leases AS l (name, holder, expires_at, renewable) VALUES ($1, $2, now() + ${interval('$3')}, $4)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at,
           renewable = excluded.renewable
         WHERE l.expires_at < now() OR l.holder = excluded.holder`,
        [name, instanceId, ttlMs, renewable],
      );
      return r.rowCount === 1;
    },
    async release(name) {
      await pg.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, instanceId]);
    },
    async start() {
      await heartbeat();
      // Old instances' rows are only history; keep the table small.
      await pg.query(`DELETE FROM instances WHERE heartbeat_at < now() - interval '1 day'`);
      timer = setInterval(
        () => void heartbeat().catch((err: unknown) => options.onError?.(err)),
        Math.max(500, Math.floor(leaseMs / 3)),
      );
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await pg.query('DELETE FROM leases WHERE holder = $1 AND renewable', [instanceId]);
      await pg.query('DELETE FROM instances WHERE id = $1', [instanceId]);
    },
    heartbeat,
  };
}
