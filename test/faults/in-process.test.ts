// Store fault injection in process, on the real SQLite store with the real ingestor, digest
// service and dispatch (what `newsbrief start` wires): a full disk, and another process's lock
// met while commands are answered.
//
// A full disk, honestly: `PRAGMA max_page_count` on the store's own connection caps the file at
// the pages it has, so SQLite answers the next write that needs a page with SQLITE_FULL, exactly
// as on a full disk, while the file and everything in it stay as they were. (A real small tmpfs
// needs mount rights a test run may not have; the pragma needs none.)
import { mkdirSync, writeFileSync } from 'node:fs';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleInvocation } from '../../src/adapters/console/handlers.js';
import { renderText } from '../../src/adapters/console/render.js';
import type { Services } from '../../src/commands/ports.js';
import { dispatch } from '../../src/commands/dispatch.js';
import type { Config } from '../../src/config/load.js';
import { message } from '../../src/core/messages.js';
import type { Topic } from '../../src/core/types.js';
import { createDigestService } from '../../src/digests/index.js';
import { createIngestor } from '../../src/ingest/index.js';
import { createBriefingService } from '../../src/services/briefings.js';
import { createStatusService } from '../../src/services/status.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import type { Store } from '../../src/store/ports.js';
import { createSqliteStore } from '../../src/store/sqlite.js';
import { holdWriteLock, type LockHolder } from '../support/store-faults.js';
import { tempWorkspace, type TempWorkspace } from '../support/workspace.js';
import { storedCounts } from './workspace.js';
import { fakeServices } from '../support/services.js';

const TOPIC: Topic = {
  slug: 'japan-defense',
  title: 'Japan defense',
  keywords: ['japan', 'defense'],
  exclude: [],
};

const sentence = (i: number) =>
  `Japan's defense ministry said on day ${i} that ship number ${i} joined patrols near island ${i}. ` +
  `Officials added that crew ${i} trained for ${i + 3} weeks before the patrol began.`;

interface Bot {
  workspace: TempWorkspace;
  db: Db;
  store: Store;
  services: Services;
  ingest(): Promise<{ error?: string; new: number }>;
  /** Writes one more article file into the folder source. */
  addFile(i: number): void;
  /** Log lines (pino to memory). */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

let bot: Bot | undefined;
let holder: LockHolder | undefined;

afterEach(async () => {
  await holder?.release();
  holder = undefined;
  await bot?.close();
  bot = undefined;
});

function makeBot(lockWaitMs?: number): Bot {
  const workspace = tempWorkspace('newsbrief-faults-');
  const desk = workspace.path('desk');
  mkdirSync(desk);
  const addFile = (i: number) =>
    writeFileSync(
      `${desk}/a${i}.md`,
      `---\ntitle: Patrol ${i} off Japan\noutlet: Desk ${i}\npublished: ${new Date(Date.now() - i * 60_000).toISOString()}\n---\n${sentence(i)}\n`,
    );
  const config: Config = {
    file: workspace.path('newsbrief.yaml'),
    sources: [{ id: 'desk', type: 'dir', path: desk }],
    topics: [TOPIC],
    digests: [],
    briefing: { windowDays: 7, maxPoints: 6 },
    store: { retentionDays: 90 },
    slack: { managers: [] },
  };
  const db = openDatabase(workspace.path('newsbrief.db'));
  const store = createSqliteStore(db, { lockWaitMs });
  const logs: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void logs.push(JSON.parse(s)) });
  const briefings = createBriefingService({
    topics: () => [TOPIC],
    articles: store.articles,
    windowDays: 7,
    maxPoints: 6,
  });
  const digests = createDigestService({
    store,
    config,
    log,
    briefings,
    articles: store.articles,
    posters: {},
  });
  const ingestor = createIngestor({ config, store, log });
  const services: Services = fakeServices({
    briefings,
    subscriptions: digests.subscriptions,
    status: createStatusService({
      sources: () => store.sources.list([{ id: 'desk', type: 'dir' }]),
      failingDigests: () => digests.failing(),
      store: () => store.health(),
    }),
    log,
  });
  return {
    workspace,
    db,
    store,
    services,
    logs,
    addFile,
    async ingest() {
      const summary = await ingestor.runOnce();
      const row = summary.rows[0];
      return { error: row?.error, new: row?.new ?? 0 };
    },
    async close() {
      await ingestor.stop();
      await digests.stop();
      await store.close();
      workspace.cleanup();
    },
  };
}

/** What the console answers to `/brief ...` (in another channel when `channelId` is given). */
const say = (b: Bot, line: string, channelId?: string) =>
  dispatch(
    { text: line.replace(/^\/brief /, '') },
    { ...consoleInvocation('tester'), ...(channelId ? { channelId } : {}) },
    b.services,
  ).then((r) => renderText(r));

describe('the disk is full', () => {
  it('GIVEN the file can grow no more THEN ingest says the disk is full and stores nothing half, a subscribe says so, briefings and status answer, and nothing stored is lost', async () => {
    const b = (bot = makeBot());
    for (let i = 1; i <= 3; i++) b.addFile(i);
    expect(await b.ingest()).toEqual({ error: undefined, new: 3 });
    expect(await say(b, '/brief subscribe japan-defense daily 08:00')).toMatch(/next/i);
    const briefingBefore = await say(b, '/brief japan-defense');

    // Full: no page more than the file has now. Then enough new text to need new pages.
    b.db.pragma(`max_page_count = ${b.db.pragma('page_count', { simple: true }) as number}`);
    for (let i = 4; i <= 60; i++) b.addFile(i);
    const full = await b.ingest();
    expect(full).toEqual({ error: message('STORE_FAULT_FULL'), new: 0 });

    // Subscriptions in more and more channels, until one needs a page the file cannot have.
    let saved = 1;
    let reply = '';
    for (; saved < 2_000; saved++) {
      reply = await say(b, '/brief subscribe japan-defense weekdays 09:00 Asia/Tokyo', `C${saved}`);
      if (!/next/i.test(reply)) break;
    }
    expect(reply).toBe(message('STORE_FULL'));
    expect(await say(b, '/brief subscribe japan-defense daily 07:00', 'C-last')).toBe(message('STORE_FULL'));
    expect(await say(b, '/brief japan-defense')).toBe(briefingBefore);
    const status = await say(b, '/brief status');
    expect(status).toMatch(
      /^The disk holding the database is full \(since .+\)\. Briefings answer from what is stored/,
    );
    expect(await b.store.health()).toMatchObject({ state: 'disk-full', error: message('STORE_FAULT_FULL') });
    expect(JSON.stringify(b.logs)).not.toMatch(/internal error|"stack"/);

    // Nothing half-stored, nothing lost: the three articles and the subscription as they were.
    const file = b.workspace.path('newsbrief.db');
    expect(storedCounts(file)).toEqual({ articles: 3, subscriptions: saved });
    expect(await say(b, '/brief subscriptions')).toMatch(/japan-defense: daily 08:00 UTC/);

    // Space again: the next run stores what is new, and the state is ok.
    b.db.pragma('max_page_count = 1073741823');
    expect(await b.ingest()).toMatchObject({ error: undefined, new: 57 });
    expect(await b.store.health()).toEqual({ state: 'ok' });
  });
});

describe('another process holds the write lock', () => {
  it('GIVEN a write waiting for the lock THEN reads answer meanwhile, health says locked, and the write gives up in words', async () => {
    const b = (bot = makeBot(1_000));
    b.addFile(1);
    await b.ingest();
    const file = b.workspace.path('newsbrief.db');
    holder = await holdWriteLock(file);

    const order: string[] = [];
    const write = say(b, '/brief subscribe japan-defense daily 08:00').then((text) => {
      order.push('subscribe');
      return text;
    });
    // Asked after the subscribe, answered before it gives up: the wait for the lock is
    // asynchronous, so it holds up neither the event loop nor the reads of the same store.
    const read = say(b, '/brief japan-defense').then((text) => {
      order.push('briefing');
      return text;
    });
    const health = b.store.health().then((h) => {
      order.push('health');
      return h;
    });
    expect(await read).toContain('Patrol 1 off Japan');
    expect(await health).toMatchObject({ state: 'locked', error: message('STORE_FAULT_LOCKED') });
    expect(await write).toBe(message('STORE_LOCKED'));
    expect(order.at(-1)).toBe('subscribe');
    expect(await say(b, '/brief status')).toMatch(/^The database is locked by another process/);

    await holder.release();
    holder = undefined;
    expect(await say(b, '/brief subscribe japan-defense daily 08:00')).toMatch(/next/i);
    expect(await b.store.health()).toEqual({ state: 'ok' });
    expect(storedCounts(file)).toEqual({ articles: 1, subscriptions: 1 });
  });

  it('GIVEN the lock is let go while a write waits THEN the write goes through, with no error', async () => {
    const b = (bot = makeBot(20_000));
    const file = b.workspace.path('newsbrief.db');
    holder = await holdWriteLock(file);
    const write = say(b, '/brief subscribe japan-defense daily 08:00');
    // The subscribe is waiting: a read of the same store answers first.
    expect(await say(b, '/brief subscriptions')).toMatch(/no digests/);
    await holder.release();
    holder = undefined;
    expect(await write).toMatch(/next/i);
    expect(storedCounts(file).subscriptions).toBe(1);
  });
});
