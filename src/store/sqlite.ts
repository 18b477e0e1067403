// The SQLite Store: every repository over one better-sqlite3 connection. The repositories do
// their work synchronously and hand back settled promises, so callers see the same contract as
// the PostgreSQL store.
//
// One connection means one transaction at a time, and anything run on the connection while a
// transaction is open joins it. So transactions queue, and calls made outside a transaction wait
// until none is open (they never join one, nor get rolled back with it). Code inside
// withTransaction must use the repositories it is given: the outer ones would wait for the
// transaction that is waiting for them.
import { openDatabase, type Db } from './db.js';
import { createSqliteArticleRepository, createSqliteStoryIndex } from './articles.js';
import { createSqliteChatTopicRepository } from './chat-topics.js';
import { createSqliteDeliveryRepository } from './deliveries.js';
import { createSqliteChannelMemory } from './digest-memory.js';
import { createSqliteThreadReplies } from './threads.js';
import { storeHealth } from './health.js';
import type { Repositories, Store } from './ports.js';
import { pruneSqlite } from './retention.js';
import { createSqliteSearch } from './search.js';
import { createSqliteSourceRepository } from './sources.js';
import { createSqliteSubscriptionRepository } from './subscriptions.js';

/** The queue of transactions on one connection, and a way to wait until none is open. */
function transactionQueue(db: Db) {
  let pending = 0;
  let tail: Promise<unknown> = Promise.resolve();
  /** Runs `fn` once no transaction is open or queued (at once when none is, in this tick). */
  const whenIdle = async <T>(fn: () => T): Promise<T> => {
    // Checked again right before `fn`: a transaction may have been queued while this one waited.
    while (pending > 0) await tail;
    return fn();
  };
  const run = async <T>(fn: () => Promise<T>): Promise<T> => {
    db.exec('BEGIN');
    try {
      const result = await fn();
      db.exec('COMMIT');
      return result;
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  };
  return {
    whenIdle,
    enqueue<T>(fn: () => Promise<T>): Promise<T> {
      pending += 1;
      const result = tail.then(() => run(fn));
      tail = result
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => {
          pending -= 1;
        });
      return result;
    },
  };
}

/** The repository with every method waiting until no transaction is open. */
function outsideTransactions<T extends object>(repo: T, queue: ReturnType<typeof transactionQueue>): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(repo)) {
    if (typeof member !== 'function') continue;
    const fn = member as (...args: unknown[]) => unknown;
    wrapped[name] =
      name === 'iterateAll'
        ? async function* (...args: unknown[]) {
            yield* await queue.whenIdle(() => fn(...args) as AsyncIterable<unknown>);
          }
        : (...args: unknown[]) => queue.whenIdle(() => fn(...args));
  }
  return wrapped as T;
}

export function createSqliteStore(db: Db): Store {
  const direct: Repositories = {
    articles: createSqliteArticleRepository(db),
    stories: createSqliteStoryIndex(db),
    sources: createSqliteSourceRepository(db),
    subscriptions: createSqliteSubscriptionRepository(db),
    deliveries: createSqliteDeliveryRepository(db),
    memory: createSqliteChannelMemory(db),
    threads: createSqliteThreadReplies(db),
    topics: createSqliteChatTopicRepository(db),
  };
  const queue = transactionQueue(db);
  const search = createSqliteSearch(db);
  return {
    articles: outsideTransactions(direct.articles, queue),
    stories: outsideTransactions(direct.stories, queue),
    sources: outsideTransactions(direct.sources, queue),
    subscriptions: outsideTransactions(direct.subscriptions, queue),
    deliveries: outsideTransactions(direct.deliveries, queue),
    memory: outsideTransactions(direct.memory, queue),
    threads: outsideTransactions(direct.threads, queue),
    topics: outsideTransactions(direct.topics, queue),
    search: outsideTransactions(search, queue),
    withTransaction: (fn) => queue.enqueue(() => fn(direct)),
    pruneExpired: (cutoff, now) => queue.whenIdle(() => pruneSqlite(db, cutoff, now)),
    health: async () => storeHealth(db),
    close: () =>
      queue.whenIdle(() => {
        db.close();
      }),
  };
}

/** Opens (creating and migrating if needed) the SQLite database at `file` as a Store. */
export function openSqliteStore(file: string): Store {
  return createSqliteStore(openDatabase(file));
}
