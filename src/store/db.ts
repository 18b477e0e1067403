// Opens the SQLite database (better-sqlite3), applies migrations by version, and turns the
// failures a user can hit (locked, read-only, corrupt, unwritable folder) into one clear sentence
// instead of a stack trace.
import Database from 'better-sqlite3';
import path from 'node:path';
import { ensureFolder } from './folder.js';
import { migrations } from './migrations.js';

export type Db = Database.Database;

/** A database problem worth telling the user about, with what to do. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: 'DB_LOCKED' | 'DB_READONLY' | 'DB_CORRUPT' | 'DB_CANNOT_OPEN' | 'DB_TOO_NEW',
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

function explain(err: unknown, file: string): StoreError {
  const code = (err as { code?: string }).code ?? '';
  const msg = (err as Error).message ?? String(err);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new StoreError(
      `The database ${file} is locked by another process; stop the other newsbrief or wait and retry.`,
      'DB_LOCKED',
    );
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EROFS')
    return new StoreError(
      `The database ${file} is read-only; newsbrief needs to write to it (check the file's and folder's permissions).`,
      'DB_READONLY',
    );
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
    return new StoreError(
      `The database ${file} is damaged or is not a newsbrief database; move it aside and newsbrief will create a new one.`,
      'DB_CORRUPT',
    );
  return new StoreError(`Cannot open the database ${file}: ${msg}`, 'DB_CANNOT_OPEN');
}

/** Opens (creating if needed) and migrates the database at `file`; `:memory:` works for tools. */
export function openDatabase(file: string): Db {
  let db: Db | undefined;
  try {
    if (file !== ':memory:') ensureFolder(path.dirname(path.resolve(file)));
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
