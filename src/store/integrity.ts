// The start-up integrity check: SQLite's `PRAGMA quick_check` over the whole file, so a damaged
// page is said at start instead of surfacing weeks later when a query happens to read it.
//
// quick_check reads every page, which for a large file takes seconds, and better-sqlite3 cannot
// interrupt a statement. So it runs on its own read-only connection in a worker thread: the bot
// keeps its event loop, and the check is bounded by a wait after which it is reported unfinished
// (and the worker stopped) rather than holding the start.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Problems quick_check lists at most (it stops looking after that many). */
const MAX_PROBLEMS = 10;
/** How long the check may take before the start goes on without it. */
export const INTEGRITY_WAIT_MS = 10_000;

export type IntegrityResult =
  | { state: 'ok' }
  | { state: 'damaged'; found: string }
  | { state: 'unfinished'; waitedMs: number }
  | { state: 'failed'; reason: string };

// Plain CommonJS run by the worker (eval): no TypeScript loader is needed there.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: 1000 });
  const rows = db.pragma('quick_check(' + workerData.max + ')').map((r) => String(Object.values(r)[0]));
  parentPort.postMessage({ rows });
} catch (err) {
  parentPort.postMessage({ code: String(err && err.code), message: String(err && err.message) });
} finally {
  if (db) db.close();
}
`;

/** "2 problems, first: Page 7: btreeInitPage() returns error code 11". */
function describe(rows: string[]): string {
  const first = rows[0] ?? 'unknown problem';
  if (rows.length === 1) return first;
  return `${rows.length >= MAX_PROBLEMS ? `${MAX_PROBLEMS} or more` : rows.length} problems, first: ${first}`;
}

/** Runs quick_check on `file` off the main thread, waiting at most `waitMs`. */
export function checkIntegrity(file: string, waitMs = INTEGRITY_WAIT_MS): Promise<IntegrityResult> {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { file, module, max: MAX_PROBLEMS } });
    // The check never keeps the process alive: a CLI command that is done may exit under it.
    worker.unref();
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ state: 'unfinished', waitedMs: waitMs });
    }, waitMs);
    timer.unref();
    const settle = (result: IntegrityResult) => {
      clearTimeout(timer);
      resolve(result);
    };
    worker.once('message', (m: { rows?: string[]; code?: string; message?: string }) => {
      if (m.rows)
        settle(
          m.rows.length === 1 && m.rows[0] === 'ok'
            ? { state: 'ok' }
            : { state: 'damaged', found: describe(m.rows) },
        );
      // The check itself failing on the file's damage is a finding; anything else (the file
      // busy, gone) says nothing about the file's pages.
      else if (m.code === 'SQLITE_CORRUPT' || m.code === 'SQLITE_NOTADB')
        settle({ state: 'damaged', found: m.message ?? m.code });
      else settle({ state: 'failed', reason: m.message ?? String(m.code) });
    });
    worker.once('error', (err) => settle({ state: 'failed', reason: err.message }));
  });
}
