// What GET /healthz reports: each adapter's state (set by the composition root as adapters start,
// fail, retry and stop) and the store's, asked for at request time. The HTTP status is for load
// balancers and supervisors: 200 while the bot can serve (the store works and at least one
// adapter is up, or none was asked for), 503 otherwise; the body says which part is unwell.
import type { StoreHealth } from '../core/types.js';

export type { StoreHealth };

/** An adapter's life: starting, up, waiting to retry after a failed start, or stopped. */
export type AdapterState = 'starting' | 'up' | 'retrying' | 'stopped';

export interface AdapterHealth {
  state: AdapterState;
  /** e.g. "http" or "socket" for Slack. */
  mode?: string;
  /** Why it is not up, in words. */
  error?: string;
  /** ISO time of the next start attempt, while retrying. */
  nextAttemptAt?: string;
  since: string;
}

export interface HealthReport {
  /** Kept for the probes that read `ok` (the first /healthz answered `{"ok":true}`). */
  ok: boolean;
  status: 'ok' | 'degraded' | 'down';
  adapters: Record<string, AdapterHealth>;
  store: StoreHealth;
}

export interface HealthBoard {
  setAdapter(name: string, health: Omit<AdapterHealth, 'since'>): void;
  adapters(): Record<string, AdapterHealth>;
  report(): Promise<HealthReport>;
}

export function createHealthBoard(deps: {
  store: () => StoreHealth | Promise<StoreHealth>;
  now?: () => Date;
}): HealthBoard {
  const now = deps.now ?? (() => new Date());
  const adapters = new Map<string, AdapterHealth>();
  return {
    setAdapter(name, health) {
      const previous = adapters.get(name);
      const since = previous?.state === health.state ? previous.since : now().toISOString();
      adapters.set(name, { ...health, since });
    },
    adapters: () => Object.fromEntries(adapters),
    async report() {
      let store: StoreHealth;
      try {
        store = await deps.store();
      } catch (err) {
        store = { state: 'unavailable', error: (err as Error).message };
      }
      const all = [...adapters.values()];
      const up = all.filter((a) => a.state === 'up').length;
      const status =
        store.state !== 'ok' && store.state !== 'locked'
          ? 'down'
          : all.length > 0 && up === 0
            ? 'down'
            : up < all.length || store.state === 'locked'
              ? 'degraded'
              : 'ok';
      return { ok: status !== 'down', status, adapters: Object.fromEntries(adapters), store };
    },
  };
}
