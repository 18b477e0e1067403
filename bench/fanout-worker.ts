// One instance of a fan-out run in a worker thread of its own: its own store (a PostgreSQL pool
// and instance id, or the SQLite file), digest service, fake posters, event loop and a JIT that
// has run nothing yet, as a separate process would have. It opens the store (and registers, on
// PostgreSQL), says 'ready', starts the slot on 'go', and answers with what it posted.
import { parentPort, workerData } from 'node:worker_threads';
import type { Store } from '../src/store/ports.js';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { openSqliteStore } from '../src/store/sqlite.js';
import { createBenchInstance, runInstance, type WorkerStore } from './fanout-run.js';

const where = workerData as WorkerStore;
const port = parentPort;
if (!port) throw new Error('fanout-worker.ts runs as a worker thread of the fan-out bench');

let store: Store;
if (where.kind === 'postgres') {
  const pg = await openPostgresStore(where.url, { instanceId: where.instanceId });
  await pg.coordinator.start(); // stopped by close()
  store = pg;
} else {
  store = openSqliteStore(where.file);
}
try {
  const instance = createBenchInstance(store);
  await new Promise<void>((resolve) => {
    port.once('message', () => resolve());
    port.postMessage('ready');
  });
  port.postMessage(await runInstance(instance));
} finally {
  await store.close();
}
