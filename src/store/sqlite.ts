// The SQLite Store: every repository over one better-sqlite3 connection. The repositories do
// their work synchronously and hand back settled promises, so callers see the same contract as
// the PostgreSQL store.
//
// One connection means one transaction at a time, and anything run on the connection while a
// transaction is open joins it. So transactions queue, and calls made outside a transaction wait
// until none is open (they never join one, nor get rolled back with it); they may run between
// two queued transactions, so a transaction waiting for another process's lock holds up no read. Code inside
// withTransaction must use the repositories it is given: the outer ones would wait for the
// transaction that is waiting for them.
import { openDatabase, type Db } from './db.js';
import { createSqliteArticleRepository, createSqliteStoryIndex } from './articles.js';
import { createSqliteChatTopicRepository } from './chat-topics.js';
import { createSqliteDeliveryRepository } from './deliveries.js';
import { createSqliteChannelMemory } from './digest-memory.js';
import { createSqliteThreadReplies } from './threads.js';
import { checkIntegrity } from './integrity.js';
import {
  BUSY_TIMEOUT_MS,
  createSqliteGuard,
  type SqliteGuard,
  type SqliteGuardOptions,
} from './sqlite-guard.js';
import type { Repositories, Store } from './ports.js';
import { pruneSqlite } from './retention.js';
import { createSqliteSearch } from './search.js';
import { createSqliteSourceRepository } from './sources.js';
import { createSqliteSubscriptionRepository } from './subscriptions.js';

/** The queue of transactions on one connection, and a way to wait until none is open. */
function transactionQueue(db: Db, guard: SqliteGuard) {
  let tail: Promise<unknown> = Promise.resolve();
  // The transaction holding the connection now (BEGIN done, COMMIT or ROLLBACK not yet).
  let open: Promise<unknown> | undefined;
  /** Runs `fn` once no transaction is open (at once when none is, in this tick). */
  const whenIdle = async <T>(fn: () => T): Promise<T> => {
    // Checked again right before `fn`: the next queued transaction may have begun meanwhile.
    while (open) await open.catch(() => undefined);
    return fn();
  };
  const run = async <T>(fn: () => Promise<T>): Promise<T> => {
    // IMMEDIATE takes the write lock up front, so another process holding it is met here, before
    // any work, and waited for asynchronously (the guard), while reads outside go on. Inside, no
    // statement can meet the lock, so `fn` never has to be run twice.
    await guard.retrying(() => db.exec('BEGIN IMMEDIATE'));
    let finish!: () => void;
    open = new Promise<void>((resolve) => (finish = resolve));
    const before = guard.changes();
    try {
      const result = await fn();
      db.exec('COMMIT');
      guard.wroteSince(before);
      return result;
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw guard.failed(err);
    } finally {
      open = undefined;
      finish();
    }
  };
  return {
    whenIdle,
    enqueue<T>(fn: () => Promise<T>): Promise<T> {
      // One at a time, in the order asked (the one before has ended when `tail` settles); calls
      // outside transactions run between them.
      const result = tail.then(() => run(fn));
      tail = result.then(
        () => undefined,
        () => undefined,
      );
      return result;
    },
  };
}

/** A copy of `repo` whose every method is `wrap` given its name and the method. */
function wrapMethods<T extends object>(
  repo: T,
  wrap: (name: string, fn: (...args: unknown[]) => unknown) => unknown,
): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(repo)) {
    if (typeof member !== 'function') continue;
    wrapped[name] = wrap(name, member as (...args: unknown[]) => unknown);
  }
  return wrapped as T;
}

/**
 * The repository with every method waiting until no transaction is open, and waiting out
 * another process's lock (the guard). A method is run again only when it met the lock, which
 * SQLite reports before its statement changed anything; the repositories' writes are upserts, so
 * one whose earlier statement went through is safe to run again as well.
 */
function outsideTransactions<T extends object>(
  repo: T,
  queue: ReturnType<typeof transactionQueue>,
  guard: SqliteGuard,
): T {
  return wrapMethods(repo, (name, fn) =>
    name === 'iterateAll'
      ? async function* (...args: unknown[]) {
          yield* await queue.whenIdle(() => fn(...args) as AsyncIterable<unknown>);
        }
      : (...args: unknown[]) => guard.retrying(() => queue.whenIdle(() => fn(...args))),
  );
}

/** Inside a transaction: no retrying (the lock is held), but faults by name. */
function naming<T extends object>(repo: T, guard: SqliteGuard): T {
  return wrapMethods(repo, (name, fn) =>
    name === 'iterateAll'
      ? fn
      : async (...args: unknown[]) => {
          try {
            return await fn(...args);
          } catch (err) {
            throw guard.failed(err);
          }
        },
  );
}

/** Every repository through `wrap`: the ones used inside transactions and the ones outside. */
function eachRepository(repos: Repositories, wrap: <T extends object>(repo: T) => T): Repositories {
  return {
    articles: wrap(repos.articles),
    stories: wrap(repos.stories),
    sources: wrap(repos.sources),
    subscriptions: wrap(repos.subscriptions),
    deliveries: wrap(repos.deliveries),
    memory: wrap(repos.memory),
    threads: wrap(repos.threads),
    topics: wrap(repos.topics),
  };
}

export interface SqliteStoreOptions extends SqliteGuardOptions {
  /** The file, for the integrity check (absent for `:memory:`). */
  file?: string;
}

export function createSqliteStore(db: Db, options: SqliteStoreOptions = {}): Store {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const guard = createSqliteGuard(db, options);
  const raw: Repositories = {
    articles: createSqliteArticleRepository(db),
    stories: createSqliteStoryIndex(db),
    sources: createSqliteSourceRepository(db),
    subscriptions: createSqliteSubscriptionRepository(db),
    deliveries: createSqliteDeliveryRepository(db),
    memory: createSqliteChannelMemory(db),
    threads: createSqliteThreadReplies(db),
    topics: createSqliteChatTopicRepository(db),
  };
  const direct = eachRepository(raw, (repo) => naming(repo, guard));
  const queue = transactionQueue(db, guard);
  const search = createSqliteSearch(db);
  const outside = <T extends object>(repo: T) => outsideTransactions(repo, queue, guard);
  return {
    ...eachRepository(raw, outside),
    search: outside(search),
    withTransaction: (fn) => queue.enqueue(() => fn(direct)),
    pruneExpired: (cutoff, now) => guard.retrying(() => queue.whenIdle(() => pruneSqlite(db, cutoff, now))),
    health: () => queue.whenIdle(() => guard.health()),
    async checkIntegrity(waitMs) {
      if (!options.file || options.file === ':memory:') return { state: 'ok' };
      const result = await checkIntegrity(options.file, waitMs);
      if (result.state === 'damaged') guard.damaged(result.found);
      return result;
    },
    close: () =>
      queue.whenIdle(() => {
        db.close();
      }),
  };
}

/** Opens (creating and migrating if needed) the SQLite database at `file` as a Store. */
export function openSqliteStore(file: string, options: SqliteGuardOptions = {}): Store {
  return createSqliteStore(openDatabase(file), { ...options, file });
}
