// One PostgreSQL instance of the two-instance fan-out (postgres.ts), in a worker thread of its
// own: its own store (pool, instance id), digest service, fake posters and event loop, as a
// separate process would have. It opens the store and registers, says 'ready', starts the slot
// on 'go', and answers with what it posted.
import { parentPort, workerData } from 'node:worker_threads';
import { openPostgresStore } from '../src/store/postgres/index.js';
import { createBenchInstance, runInstance } from './fanout-run.js';

const { url, instanceId } = workerData as { url: string; instanceId: string };
const port = parentPort;
if (!port) throw new Error('fanout-worker.ts runs as a worker thread of bench/postgres.ts');

const store = await openPostgresStore(url, { instanceId });
try {
  await store.coordinator.start();
  const instance = createBenchInstance(store);
  await new Promise<void>((resolve) => {
    port.once('message', () => resolve());
    port.postMessage('ready');
  });
  port.postMessage(await runInstance(instance));
} finally {
  await store.close();
}
