// The one way the composition root and the CLI commands open the store: the database
// NEWSBRIEF_DB names (a SQLite file, or a postgres:// URL), migrated, as a Store. Everything else
// receives the Store (or some of its repositories) from them.
import { StoreError } from './db.js';
import type { Store } from './ports.js';
import { openPostgresStore, PostgresOpenError, type PostgresStoreOptions } from './postgres/index.js';
import { openSqliteStore } from './sqlite.js';

export { StoreError } from './db.js';
export type { Store } from './ports.js';

/** Where the store lives, as config/store.ts reads NEWSBRIEF_DB. */
export type StoreAddress = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/**
 * Opens the store: a SQLite file (created and migrated), or a PostgreSQL database (migrated
 * under an advisory lock; `postgres` holds the pool settings). Throws StoreError in words.
 */
export async function openStore(location: StoreAddress, postgres: PostgresStoreOptions = {}): Promise<Store> {
  if (location.kind === 'sqlite') return openSqliteStore(location.path);
  try {
    return await openPostgresStore(location.url, postgres);
  } catch (err) {
    if (err instanceof PostgresOpenError) throw new StoreError(err.message, 'DB_CANNOT_OPEN');
    throw err;
  }
}
