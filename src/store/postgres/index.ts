// The PostgreSQL store: opens the pool, applies the migrations (under an advisory lock), and
// builds every repository over it. Chosen by the composition root when NEWSBRIEF_DB is a
// postgres:// URL; SQLite stays the default.
import { createPostgresArticleRepository, createPostgresStoryIndex } from './articles.js';
import { createPg, isUnavailable, type Pg, type PgPool, type PoolOptions } from './connection.js';
import { createCoordinator, type Coordinator } from './coordination.js';
import { createPostgresChatTopicRepository } from './chat-topics.js';
import { createPostgresDeliveryRepository, type InstanceIdentity } from './deliveries.js';
import { createPostgresChannelMemory } from './digest-memory.js';
import { createPostgresThreadReplies } from './threads.js';
import { migratePostgres } from './migrate.js';
import { prunePostgres } from './retention.js';
import { createPostgresSourceRepository } from './sources.js';
import { createPostgresSubscriptionRepository } from './subscriptions.js';
import { createPostgresSearch } from './search.js';
import type { PruneResult, Repositories, Store } from '../ports.js';
import type { StoreHealth } from '../../core/types.js';

export { StoreUnavailableError, isUnavailable } from './connection.js';

export interface PostgresStoreOptions extends PoolOptions {
  /** NEWSBRIEF_LEASE_SECONDS in ms: heartbeat-less time after which an instance counts as dead. */
  leaseMs?: number;
  instanceId?: string;
  /** Told about background errors (idle connections dropped, a heartbeat that failed). */
  onError?: (err: unknown) => void;
}

/**
 * Every repository over one Pg: the pool, or one transaction's client. On the pool the digest
 * calls of concurrent deliveries share statements (postgres/batch.ts).
 */
function repositories(pg: Pg, me: InstanceIdentity, onPool = false): Repositories {
  return {
    articles: createPostgresArticleRepository(pg),
    stories: createPostgresStoryIndex(pg),
    sources: createPostgresSourceRepository(pg),
    subscriptions: createPostgresSubscriptionRepository(pg),
    deliveries: createPostgresDeliveryRepository(pg, me, { coalesce: onPool }),
    memory: createPostgresChannelMemory(pg),
    threads: createPostgresThreadReplies(pg, me),
    topics: createPostgresChatTopicRepository(pg),
  };
}

export type PostgresRepositories = Repositories;

export interface PostgresStore extends Store {
  kind: 'postgres';
  pg: PgPool;
  /** Heartbeats and leases of this instance (coordination.ts). */
  coordinator: Coordinator;
  withTransaction<T>(fn: (tx: PostgresRepositories) => Promise<T>): Promise<T>;
  pruneExpired(cutoff: Date, now: Date): Promise<PruneResult>;
  close(): Promise<void>;
}

/** A failure opening the store that the user can act on, with what to do. */
export class PostgresOpenError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PostgresOpenError';
  }
}

/** Where the URL points, without its password: for messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'the PostgreSQL server';
  }
}

export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const pg = createPg(url, { ...options, onIdleError: options.onError });
  try {
    await migratePostgres(pg);
  } catch (err) {
    await pg.close().catch(() => undefined);
    const where = describeUrl(url);
    if (isUnavailable(err))
      throw new PostgresOpenError(
        `Cannot reach PostgreSQL at ${where}; is it running? (${(err as Error).message})`,
        {
          cause: err,
        },
      );
    throw new PostgresOpenError(`Cannot open the PostgreSQL database ${where}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const coordinator = createCoordinator(pg, {
    leaseMs: options.leaseMs,
    instanceId: options.instanceId,
    onError: options.onError,
  });
  const me = { instanceId: coordinator.instanceId, leaseMs: coordinator.leaseMs };
  const health = async (): Promise<StoreHealth> => {
    try {
      await pg.query('SELECT version FROM schema_version');
      return { state: 'ok' };
    } catch (err) {
      return {
        state: 'unavailable',
        error: isUnavailable(err) ? 'PostgreSQL cannot be reached' : (err as Error).message,
      };
    }
  };
  return {
    kind: 'postgres',
    pg,
    coordinator,
    ...repositories(pg, me, true),
    search: createPostgresSearch(pg),
    health,
    withTransaction: (fn) => pg.withTransaction((tx) => fn(repositories(tx, me))),
    pruneExpired: (cutoff, now) => prunePostgres(pg, cutoff, now),
    async close() {
      await coordinator.stop().catch(() => undefined);
      await pg.close();
    },
  };
}
