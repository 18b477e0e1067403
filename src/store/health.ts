// The store's state for /healthz and /brief status: a cheap read at request time, and the fault
// in words when it fails. SQLite's error codes name the usual ones: a read-only file, a full
// disk, a damaged file, another process holding the lock.
import type { StoreHealth } from '../core/types.js';
import type { Db } from './db.js';

/** Which fault an SQLite (or file system) error is, in one word, with a sentence. */
export function classifyStoreError(err: unknown): StoreHealth {
  const code = String((err as { code?: unknown }).code ?? '');
  const text = (err as Error)?.message ?? String(err);
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES')
    return { state: 'read-only', error: 'the database is read-only' };
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return { state: 'disk-full', error: 'the disk is full' };
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return { state: 'damaged', error: 'the database file is damaged' };
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return { state: 'locked', error: 'the database is locked by another process' };
  return { state: 'unavailable', error: text };
}

/** A read that touches the file: answers ok, or what is wrong. */
export function storeHealth(db: Db): StoreHealth {
  try {
    db.prepare('SELECT version FROM schema_version').get();
    return { state: 'ok' };
  } catch (err) {
    return classifyStoreError(err);
  }
}
