// The parent side of the digest crash tests: a child (test/fixtures/digests/*-child.ts) started in
// crash mode is SIGKILLed once its SQLite file shows the state the test kills it in, then started
// again in restart mode on the same file and run to its end.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface KilledChild {
  /**
   * Starts the child in crash mode, waits until `reached` holds on its database (read-only, polled;
   * false while its tables do not exist yet) and SIGKILLs it. Resolves with the signal it died of;
   * rejects if it exits before that state.
   */
  crashWhen(reached: (db: Database.Database) => boolean): Promise<NodeJS.Signals | null>;
  /** Starts it again in restart mode and resolves when it exits: its code and the JSON it printed last. */
  restart<T>(): Promise<{ code: number | null; result: T }>;
  /** What both runs wrote to stderr, for a failure's message. */
  stderr(): string;
}

/**
 * How long each run of the child may take before it is killed and the test fails with its stderr:
 * well under the tests' own timeouts, so a child that hangs is reported as such, with what it said,
 * rather than as a test that timed out.
 */
const RUN_DEADLINE_MS = 40_000;

/** Rejects after `ms` with `message()`, unless cancelled. */
function deadline(ms: number, message: () => string): { expired: Promise<never>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), ms);
  });
  return { expired, cancel: () => clearTimeout(timer) };
}

/** `script` (under test/fixtures/digests) on the database `db` for the slot `slot`; `second` is its second argument. */
export function killedChild(script: string, db: string, second: string, slot: string): KilledChild {
  const file = path.resolve('test/fixtures/digests', script);
  let stderr = '';
  const start = (mode: 'crash' | 'restart') => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, db, second, mode, slot], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr.on('data', (d) => (stderr += String(d)));
    return child;
  };
  return {
    async crashWhen(reached) {
      const first = start('crash');
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        first.on('exit', (_code, signal) => resolve(signal)),
      );
      const late = deadline(
        RUN_DEADLINE_MS,
        () => `the child did not reach the state to kill it in within ${RUN_DEADLINE_MS} ms: ${stderr}`,
      );
      try {
        await Promise.race([
          until(db, reached),
          exited.then(() => Promise.reject(new Error(`child exited early: ${stderr}`))),
          late.expired,
        ]);
      } finally {
        late.cancel();
        first.kill('SIGKILL');
      }
      return exited;
    },
    async restart<T>() {
      const second = start('restart');
      let stdout = '';
      second.stdout.on('data', (d) => (stdout += String(d)));
      const late = deadline(
        RUN_DEADLINE_MS,
        () => `the restarted child did not finish within ${RUN_DEADLINE_MS} ms: ${stderr}`,
      );
      const code = await Promise.race([
        new Promise<number | null>((resolve) => second.on('exit', (c) => resolve(c))),
        late.expired,
      ]).finally(() => {
        late.cancel();
        second.kill('SIGKILL');
      });
      const last = stdout.trim().split('\n').at(-1) ?? '';
      return { code, result: (code === 0 ? JSON.parse(last) : undefined) as T };
    },
    stderr: () => stderr,
  };
}

async function until(dbFile: string, reached: (db: Database.Database) => boolean): Promise<void> {
  for (;;) {
    if (existsSync(dbFile)) {
      const db = new Database(dbFile, { readonly: true, timeout: 5000 });
      try {
        if (reached(db)) return;
      } catch {
        // Tables not created yet.
      } finally {
        db.close();
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
