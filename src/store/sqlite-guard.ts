// How the SQLite store meets the faults of its file without freezing the bot.
//
// better-sqlite3 is synchronous: with a long busy timeout, every write made while another process
// holds the write lock blocks the whole event loop (every command, /healthz) until the timeout.
// So the busy timeout is short, and a write that still finds the lock taken is tried again after
// an asynchronous wait, doubling, within LOCK_WAIT_MS; past that it fails as "locked by another
// process". Reads need no lock in WAL mode and go on meanwhile.
//
// The guard also remembers the last fault a write met (read-only, disk full, locked), so health()
// can say it even when the cheap probes pass, and what the start-up integrity check found.
import { setTimeout as sleep } from 'node:timers/promises';
import type { StoreHealth } from '../core/types.js';
import type { Db } from './db.js';
import { classifyStoreError, faultOf, faultSentence, named, type StoreFaultKind } from './health.js';

/** How long one statement may block the event loop waiting for the lock. */
export const BUSY_TIMEOUT_MS = 20;
/** How long a write keeps trying (asynchronously) before it reports the lock. */
export const LOCK_WAIT_MS = 2_000;
const FIRST_RETRY_MS = 10;
const LONGEST_RETRY_MS = 250;

export interface SqliteGuardOptions {
  /** How long a write waits for another process's lock (default LOCK_WAIT_MS). */
  lockWaitMs?: number;
  now?: () => Date;
}

export interface SqliteGuard {
  /**
   * Runs `fn` (one repository call, or taking a transaction's lock); when it meets the lock it is
   * run again after a wait, within the budget. Errors that are store faults become StoreFault.
   */
  retrying<T>(fn: () => T | Promise<T>): Promise<T>;
  /** Records a fault met inside a transaction, and gives the error its name. */
  failed(err: unknown): unknown;
  /** SQLite's count of rows changed on this connection so far. */
  changes(): number;
  /** After a commit: if anything was written since `before`, the remembered fault is over. */
  wroteSince(before: number): void;
  /** The store's state now: a read, a write probe rolled back, then what is remembered. */
  health(): StoreHealth;
  /** What the integrity check found: damage is remembered until a restart. */
  damaged(found: string): void;
}

export function createSqliteGuard(db: Db, options: SqliteGuardOptions = {}): SqliteGuard {
  const budget = options.lockWaitMs ?? LOCK_WAIT_MS;
  const now = options.now ?? (() => new Date());
  let remembered: { kind: StoreFaultKind; since: string } | undefined;
  let damage: string | undefined;
  const totalChanges = db.prepare('SELECT total_changes()').pluck();
  // Rewrites a row with its own value: needs the write lock and a writable file, changes nothing,
  // and is rolled back anyway.
  const probe = db.prepare('UPDATE schema_version SET version = version');

  const note = (kind: StoreFaultKind) => {
    if (kind === 'damaged') return;
    if (remembered?.kind !== kind) remembered = { kind, since: now().toISOString() };
  };
  const failed = (err: unknown) => {
    const kind = faultOf(err);
    if (kind) note(kind);
    return named(err);
  };

  return {
    failed,
    changes: () => totalChanges.get() as number,
    wroteSince(before) {
      if (remembered && (totalChanges.get() as number) > before) remembered = undefined;
    },
    async retrying(fn) {
      const started = Date.now();
      let wait = FIRST_RETRY_MS;
      for (;;) {
        const before = remembered ? (totalChanges.get() as number) : 0;
        try {
          const result = await fn();
          if (remembered && (totalChanges.get() as number) > before) remembered = undefined;
          return result;
        } catch (err) {
          // Only the lock is worth waiting for: read-only, full and damaged do not pass by themselves.
          if (faultOf(err) === 'locked' && Date.now() - started + wait <= budget) {
            await sleep(wait);
            wait = Math.min(wait * 2, LONGEST_RETRY_MS);
            continue;
          }
          throw failed(err);
        }
      }
    },
    health() {
      try {
        db.prepare('SELECT version FROM schema_version').get();
      } catch (err) {
        return { ...classifyStoreError(err), ...(damage ? { detail: damage } : {}) };
      }
      if (!db.inTransaction) {
        try {
          db.exec('BEGIN IMMEDIATE');
          try {
            probe.run();
          } finally {
            db.exec('ROLLBACK');
          }
          // The lock is free and the file takes writes; only "full" needs a real write to clear.
          if (remembered && remembered.kind !== 'disk-full') remembered = undefined;
        } catch (err) {
          const kind = faultOf(err);
          if (!kind) return classifyStoreError(err);
          note(kind);
        }
      }
      if (remembered)
        return { state: remembered.kind, error: faultSentence(remembered.kind), since: remembered.since };
      if (damage) return { state: 'damaged', error: faultSentence('damaged'), detail: damage };
      return { state: 'ok' };
    },
    damaged(found) {
      damage = found;
    },
  };
}
