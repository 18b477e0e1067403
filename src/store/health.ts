// The store's state for /healthz and /brief status, and the faults a SQLite file can have in
// words: a read-only file, a full disk, a damaged file, another process holding the write lock.
// SQLite's error codes name them; StoreFault carries the kind so commands, ingestion and the CLI
// say the same sentence (src/core/messages.ts) instead of a stack trace.
import { message, type MessageCode } from '../core/messages.js';
import type { StoreHealth } from '../core/types.js';

/** A fault of the store itself, as opposed to a bug: what `/brief status` names. */
export type StoreFaultKind = 'read-only' | 'disk-full' | 'damaged' | 'locked';

const SHORT: Record<StoreFaultKind, MessageCode> = {
  locked: 'STORE_FAULT_LOCKED',
  'read-only': 'STORE_FAULT_READ_ONLY',
  'disk-full': 'STORE_FAULT_FULL',
  damaged: 'STORE_FAULT_DAMAGED',
};

/** Which fault an SQLite (or file system) error is, if it is one of the four. */
export function faultOf(err: unknown): StoreFaultKind | undefined {
  if (err instanceof StoreFault) return err.fault;
  const code = String((err as { code?: unknown } | undefined)?.code ?? '');
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES') return 'read-only';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'disk-full';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'damaged';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  return undefined;
}

/** The fault in a few words: "the database is locked by another process". */
export const faultSentence = (kind: StoreFaultKind): string => message(SHORT[kind]);

/**
 * A store operation that failed because of the store's state, not a bug: its message is the
 * fault in words, and `code` lets callers outside src/store (dispatch) recognise it.
 */
export class StoreFault extends Error {
  readonly code = 'STORE_FAULT';
  constructor(
    readonly fault: StoreFaultKind,
    options?: { cause?: unknown },
  ) {
    super(faultSentence(fault), options);
    this.name = 'StoreFault';
  }
}

/** True for a StoreFault, also across module copies (duck-typed like STORE_UNAVAILABLE). */
export function isStoreFault(err: unknown): err is StoreFault {
  return (err as { code?: unknown } | undefined)?.code === 'STORE_FAULT';
}

/** An error as a StoreFault when it is one of the four faults; anything else unchanged. */
export function named(err: unknown): unknown {
  if (isStoreFault(err)) return err;
  const kind = faultOf(err);
  return kind ? new StoreFault(kind, { cause: err }) : err;
}

/** Which fault an error is, in one word, with a sentence; anything else is "unavailable". */
export function classifyStoreError(err: unknown): StoreHealth {
  const kind = faultOf(err);
  if (kind) return { state: kind, error: faultSentence(kind) };
  return { state: 'unavailable', error: (err as Error)?.message ?? String(err) };
}
