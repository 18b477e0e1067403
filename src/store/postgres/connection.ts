// The PostgreSQL connection pool (node-postgres) and the one query function every Postgres
// repository uses. Two things happen here and nowhere else:
//   - a transaction checks out one client and hands fn a Pg bound to it, over which the store
//     builds the transaction's repositories (the scope is visible in the types);
//   - an error that means "the server cannot be reached right now" (refused, reset, restarting,
//     timed out waiting for a connection) becomes a StoreUnavailableError, which commands answer
//     with "storage unavailable, try again" and background work logs and retries later.
import pg from 'pg';

/** The store cannot be reached now (server down or restarting); the same call later may work. */
export class StoreUnavailableError extends Error {
  readonly code = 'STORE_UNAVAILABLE';
  constructor(cause: unknown) {
    super(`PostgreSQL is unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'StoreUnavailableError';
  }
}

// Connection-level failures: socket errors, SQLSTATE class 08 (connection exception) and 57P0x
// (the server is shutting down, crashed or starting up), and pg's own timeouts and terminations.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export function isUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  const code = String((err as { code?: unknown })?.code ?? '');
  if (NETWORK_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code)) return true;
  const message = (err as Error)?.message ?? '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended/i.test(
    message,
  );
}

export interface PoolOptions {
  /** Connections at most (default 10). */
  max?: number;
  /** Milliseconds any one statement may run before the server cancels it (default 15 s). */
  statementTimeoutMs?: number;
  /** Milliseconds to wait for a free connection or a new one (default 5 s). */
  connectTimeoutMs?: number;
  /** Told about errors on idle connections (a server restart), which must not crash the process. */
  onIdleError?: (err: Error) => void;
}

export const DEFAULT_POOL_SIZE = 10;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;

// BIGINT and NUMERIC come back as strings by default; every count and band here fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/**
 * What a repository runs its SQL on: the pool, or one transaction's client. `withTransaction` on
 * the pool checks a client out and wraps fn in BEGIN/COMMIT; on a transaction's client it just
 * runs fn (already inside one), so a method that needs several statements to be atomic works in
 * both places.
 */
export interface Pg {
  query<R extends pg.QueryResultRow = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
  ): Promise<pg.QueryResult<R>>;
  withTransaction<T>(fn: (tx: Pg) => Promise<T>): Promise<T>;
}

/** The pool, as a Pg, plus closing it. */
export interface PgPool extends Pg {
  pool: pg.Pool;
  close(): Promise<void>;
}

async function run<R extends pg.QueryResultRow>(
  on: Queryable,
  sql: string,
  params?: unknown[],
): Promise<pg.QueryResult<R>> {
  try {
    return await on.query<R>(sql, params as unknown[]);
  } catch (err) {
    throw isUnavailable(err) ? new StoreUnavailableError(err) : err;
  }
}

function overClient(client: pg.PoolClient): Pg {
  const tx: Pg = {
    query: (sql, params) => run(client, sql, params),
    withTransaction: (fn) => fn(tx),
  };
  return tx;
}

export function createPg(url: string, options: PoolOptions = {}): PgPool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? DEFAULT_POOL_SIZE,
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'newsbrief',
  });
  // Without a listener, an idle connection dropped by a server restart would be an uncaught
  // 'error' event and take the whole process down. The pool discards that client by itself.
  pool.on('error', (err) => options.onIdleError?.(err));

  return {
    pool,
    query: (sql, params) => run(pool, sql, params),
    async withTransaction(fn) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        throw isUnavailable(err) ? new StoreUnavailableError(err) : err;
      }
      let broken = false;
      // A checked-out client has no listener of the pool's: its connection dropping mid-transaction
      // (a server restart) would be an uncaught 'error' event that ends the process. The query in
      // flight fails on its own; this only keeps the event from crashing and retires the client.
      const onError = () => {
        broken = true;
      };
      client.on('error', onError);
      try {
        await run(client, 'BEGIN');
        const result = await fn(overClient(client));
        await run(client, 'COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // the connection itself failed: do not return it to the pool
        }
        throw err;
      } finally {
        client.off('error', onError);
        client.release(broken || undefined);
      }
    },
    close: () => pool.end(),
  };
}
