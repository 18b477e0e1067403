// Faults of a real SQLite file for the fault-injection tests (test/faults/): another process
// holding the write lock, the file read-only for the process that opens it, garbage over pages.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, closeSync, openSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HOLDER = path.join(repoRoot, 'test/fixtures/store/hold-lock.ts');

export interface LockHolder {
  child: ChildProcess;
  /** Lets go of the lock and waits for the holder to exit. */
  release(): Promise<void>;
}

/** A second process holding BEGIN IMMEDIATE on `file`; resolves once it holds the lock. */
export function holdWriteLock(file: string): Promise<LockHolder> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, file], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the lock holder exited (${code}): ${stderr}`)));
    child.stdout.once('data', () =>
      resolve({
        child,
        async release() {
          child.stdin.end();
          await exited;
        },
      }),
    );
  });
}

/** True when this process runs as root, for whom file modes do not stop a write. */
export const runningAsRoot = () => process.getuid?.() === 0;

/** The uid and gid of `nobody`, whom a child runs as when the tests run as root. */
export const NOBODY = { uid: 65534, gid: 65534 };

/**
 * Makes `file` read-only for the newsbrief child the test will start, honestly: its mode loses
 * the write bits. Root ignores modes, so under root (as in CI containers) the child is run as
 * `nobody` instead (spawn's uid/gid, see childUser) and the file stays root's, mode 0644; the
 * folder is opened to that user so SQLite can make its -wal and -shm files there, as it can on
 * a real deployment where only the database file's permissions are wrong.
 */
export function makeReadOnly(file: string): void {
  chmodSync(file, 0o444);
  if (runningAsRoot()) {
    chmodSync(file, 0o644);
    chmodSync(path.dirname(file), 0o777);
  }
}

/** Spawn options that run a child as the user makeReadOnly() prepared the file for. */
export const childUser = (): { uid?: number; gid?: number } => (runningAsRoot() ? NOBODY : {});

/** Lets anyone read (and the owner write) the files the child needs in `dir`. */
export function openToChild(dir: string, files: string[]): void {
  if (!runningAsRoot()) return;
  chmodSync(dir, 0o777);
  for (const f of files) chmodSync(f, 0o644);
}

/** Gives `file` back to the user running the tests (after a child made -wal/-shm as nobody). */
export function reclaim(file: string): void {
  if (runningAsRoot()) chownSync(file, 0, 0);
}

/**
 * Writes garbage over `pages` pages of `file` starting at page `from` (1-based, as SQLite counts;
 * page 1 holds the header, so `from` 1 makes the file no database at all).
 */
export function corruptPages(file: string, from: number, pages = 1): void {
  const pageSize = 4096;
  if (statSync(file).size < (from - 1 + pages) * pageSize)
    throw new Error(`${file} has fewer pages than that`);
  const fd = openSync(file, 'r+');
  try {
    const garbage = Buffer.alloc(pages * pageSize);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) & 0xff;
    writeSync(fd, garbage, 0, garbage.length, (from - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}
