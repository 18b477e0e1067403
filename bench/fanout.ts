// Digest fan-out on one SQLite instance: one slot of 10,000 subscriptions over 10 topics on two
// platforms, through the real digest service, store (a temp SQLite file) and briefing service,
// against in-process fake posters that answer 1 call in 20 with a 429 (fanout-run.ts, shared
// with the PostgreSQL section). Prints wall time, posts per second, the event loop's worst delay
// during the run (how long a /brief command could have waited), how many briefings were built
// (the design builds one per topic per slot: 10, not 10,000) and peak memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSqliteStore } from '../src/store/sqlite.js';
import { openDatabase } from '../src/store/db.js';
import {
  describeFanOut,
  runFanOut,
  runFanOutInThreads,
  seedArticles,
  subscriptionDefaults as d,
  subscriptionRows,
  type FanOutResult,
} from './fanout-run.js';

/**
 * The fan-out on a fresh SQLite file, deleted afterwards: in this process, or with the instance in
 * a worker thread of its own (`inThread`), starting cold as a process would.
 */
export async function sqliteFanOut(options: { inThread?: boolean } = {}): Promise<FanOutResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-fanout-'));
  const file = path.join(dir, 'bench.db');
  const db = openDatabase(file);
  try {
    const store = createSqliteStore(db);
    await seedArticles(store);
    const insert = db.prepare(
      `INSERT INTO subscriptions (id, platform, workspace_id, channel_id, topic, schedule, when_label, timezone, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      for (const s of subscriptionRows)
        insert.run(
          s.id,
          s.platform,
          d.workspaceId,
          s.channelId,
          s.topic,
          d.schedule,
          d.whenLabel,
          d.timezone,
          d.createdBy,
          d.at,
          d.at,
        );
    })();
    if (!options.inThread) return await runFanOut([store]);
    db.close();
    return await runFanOutInThreads([{ kind: 'sqlite', file }]);
  } finally {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const r = await sqliteFanOut();
  console.log('16 concurrent posts per platform; the first call to 1 channel in 20 answered 429');
  for (const line of describeFanOut('one SQLite instance', r)) console.log(line);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (whole process)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
