// The one way the composition root and the CLI commands open the store: the database
// NEWSBRIEF_DB names, migrated, as a Store. Everything else receives the Store (or some of its
// repositories) from them.
import type { Store } from './ports.js';
import { openSqliteStore } from './sqlite.js';

export { StoreError } from './db.js';
export type { Store } from './ports.js';

/** Opens the SQLite database at `file` (creating and migrating it); throws StoreError in words. */
export async function openStore(file: string): Promise<Store> {
  return openSqliteStore(file);
}
