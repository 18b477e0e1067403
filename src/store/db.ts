// Opens the SQLite database (better-sqlite3), applies migrations by version, and turns the
// failures a user can hit (locked, read-only, corrupt, unwritable folder) into one clear sentence
// instead of a stack trace.
import Database from 'better-sqlite3';
import path from 'node:path';
import { message } from '../core/messages.js';
import { ensureFolder } from './folder.js';
import { faultOf } from './health.js';
import { migrations } from './migrations.js';

export type Db = Database.Database;

type StoreErrorCode =
  'DB_LOCKED' | 'DB_READONLY' | 'DB_CORRUPT' | 'DB_FULL' | 'DB_CANNOT_OPEN' | 'DB_TOO_NEW';

/** A database problem worth telling the user about, with what to do. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: StoreErrorCode,
  ) {
    super(message);
    this.name = 'StoreError';
  }

  /**
   * A fault that waiting will not fix (the operator must act: permissions, a backup, an upgrade);
   * the CLI exits 2 for these, as for a bad environment, and 1 for the rest.
   */
  get permanent(): boolean {
    return this.code === 'DB_READONLY' || this.code === 'DB_CORRUPT' || this.code === 'DB_TOO_NEW';
  }
}

function explain(err: unknown, file: string): StoreError {
  const msg = (err as Error).message ?? String(err);
  switch (faultOf(err)) {
    case 'locked':
      return new StoreError(message('STORE_OPEN_LOCKED', { file }), 'DB_LOCKED');
    case 'read-only':
      return new StoreError(message('STORE_OPEN_READ_ONLY', { file }), 'DB_READONLY');
    case 'damaged':
      return new StoreError(message('STORE_OPEN_DAMAGED', { file }), 'DB_CORRUPT');
    case 'disk-full':
      return new StoreError(message('STORE_OPEN_FULL', { file }), 'DB_FULL');
    default:
      return new StoreError(`Cannot open the database ${file}: ${msg}`, 'DB_CANNOT_OPEN');
  }
}

/** Opens (creating if needed) and migrates the database at `file`; `:memory:` works for tools. */
export function openDatabase(file: string): Db {
  let db: Db | undefined;
  try {
    if (file !== ':memory:') ensureFolder(path.dirname(path.resolve(file)));
    // Opening and migrating may wait for another process's lock: nothing else runs yet. Once
    // the store serves, the busy timeout is short (sqlite-guard.ts) so no write freezes the bot.
    db = new Database(file, { timeout: 5000 });
    // WAL lets /brief read while ingestion and digests write; NORMAL sync is durable across
    // process crashes (not power loss), which is the failure the digests' claims guard against.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (err) {
    db?.close();
    if (err instanceof StoreError) throw err;
    throw explain(err, file);
  }
}

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  let current = row?.version ?? 0;
  if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
  const latest = migrations.length;
  if (current > latest)
    throw new StoreError(
      `The database was written by a newer newsbrief (schema ${current}, this one knows ${latest}); upgrade newsbrief.`,
      'DB_TOO_NEW',
    );
  while (current < latest) {
    const step = migrations[current] as string;
    db.transaction(() => {
      db.exec(step);
      db.prepare('UPDATE schema_version SET version = ?').run(current + 1);
    })();
    current += 1;
  }
}
