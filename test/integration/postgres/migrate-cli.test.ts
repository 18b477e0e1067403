// `newsbrief migrate`: a SQLite deployment's rows arrive in PostgreSQL as they were, a second run
// copies nothing, and a run after the SQLite side moved on brings only the changes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrate } from '../../../src/migrate-cli.js';
import { createSqliteArticleRepository } from '../../../src/store/articles.js';
import { openDatabase } from '../../../src/store/db.js';
import { createSqliteDeliveryRepository } from '../../../src/store/deliveries.js';
import { openPostgresStore } from '../../../src/store/postgres/index.js';
import { createSqliteSourceRepository } from '../../../src/store/sources.js';
import { createSqliteSubscriptionRepository } from '../../../src/store/subscriptions.js';
import { postgresTestDatabase } from '../../support/postgres.js';
import { subscriptionInput } from '../../support/store.js';

const db = postgresTestDatabase();
let dir: string;
let file: string;
const T0 = new Date('2025-01-06T07:00:00Z');
const SLOT = '2025-01-06T08:00:00.000Z';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

async function seed(count: number) {
  const sqlite = openDatabase(file);
  const articles = createSqliteArticleRepository(sqlite);
  const subs = createSqliteSubscriptionRepository(sqlite);
  const deliveries = createSqliteDeliveryRepository(sqlite);
  await createSqliteSourceRepository(sqlite).recordSuccess('wire', 'feed', {
    now: T0,
    etag: '"e1"',
    nextAttemptAt: T0,
  });
  for (let i = 0; i < count; i++) {
    await articles.upsert(
      {
        id: `a${i}`,
        sourceId: 'wire',
        url: `https://news.example/${i}`,
        contentHash: `h${i}`,
        title: `Kishida visit ${i}`,
        outlet: 'Wire',
        publishedAt: '2025-01-06T06:00:00Z',
        text: `Japan defense story ${i}.`,
        points: [`Point ${i}.`],
      },
      { learned: i % 2 === 0, now: T0 },
    );
    await articles.setTopics(`a${i}`, [{ topic: 'japan-defense', relevance: 0.5 + i / 1000 }]);
  }
  // The fields checked after the migration are spelled out, not left to the helper's defaults.
  const { subscription } = await subs.upsert(
    subscriptionInput({ channelId: 'C1', whenLabel: 'daily 08:00', timezone: 'Asia/Tokyo', quietNote: true }),
    T0,
  );
  await deliveries.claim(subscription.id, SLOT, T0);
  await deliveries.markPosting(subscription.id, SLOT, 'first', ['a0', 'a1']);
  await deliveries.markPosted(subscription.id, SLOT, ['a0', 'a1'], '171.0001', T0);
  sqlite.close();
  return subscription.id;
}

describe.skipIf(!db.available)('newsbrief migrate (SQLite to PostgreSQL)', () => {
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-migrate-'));
    file = path.join(dir, 'old.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('GIVEN a SQLite deployment THEN its rows arrive as they were, with progress, and a second run copies nothing', async () => {
    const subId = await seed(25);
    const out = sink();
    expect(await runMigrate({ from: file, to: db.url(), stderr: out.stream, batch: 10 })).toBe(0);
    expect(out.text()).toMatch(/articles: 25 of 25 rows read/);
    expect(out.text()).toMatch(/articles: 25 copied, 0 updated/);

    const store = await openPostgresStore(db.url());
    try {
      expect((await store.articles.forTopic('japan-defense', 100)).map((a) => a.id).sort()).toHaveLength(25);
      const a3 = await store.articles.get('a3');
      expect(a3).toMatchObject({
        title: 'Kishida visit 3',
        points: ['Point 3.'],
        url: 'https://news.example/3',
      });
      expect(await store.articles.isLearned('a2')).toBe(true);
      expect(await store.articles.isLearned('a3')).toBe(false);
      expect(await store.sources.get('wire')).toMatchObject({ etag: '"e1"', firstFetchDone: true });
      const sub = await store.subscriptions.get(subId);
      expect(sub).toMatchObject({
        channelId: 'C1',
        timezone: 'Asia/Tokyo',
        quietNote: true,
        whenLabel: 'daily 08:00',
      });
      expect(await store.deliveries.getRun(subId, SLOT)).toMatchObject({
        state: 'posted',
        articleIds: ['a0', 'a1'],
      });
      expect([...(await store.deliveries.delivered(subId))].sort()).toEqual(['a0', 'a1']);
      expect(await store.deliveries.hasPosted(subId)).toBe(true);
    } finally {
      await store.close();
    }

    const again = sink();
    expect(await runMigrate({ from: file, to: db.url(), stderr: again.stream })).toBe(0);
    expect(again.text()).toMatch(/Nothing new to copy/);
  });

  it('GIVEN the SQLite side moved on after a first copy THEN the next run brings only what is new or changed', async () => {
    const sqlite = openDatabase(file);
    await createSqliteArticleRepository(sqlite).upsert(
      {
        id: 'late',
        sourceId: 'wire',
        contentHash: 'hl',
        title: 'Late story',
        outlet: 'Wire',
        text: 'Late.',
        points: ['Late.'],
      },
      { learned: false, now: T0 },
    );
    await createSqliteSourceRepository(sqlite).recordFailure('wire', 'feed', {
      now: T0,
      error: 'HTTP 503',
      nextAttemptAt: T0,
    });
    sqlite.close();
    const out = sink();
    expect(await runMigrate({ from: file, to: db.url(), stderr: out.stream })).toBe(0);
    expect(out.text()).toMatch(/articles: 1 copied, 0 updated, 25 already there/);
    expect(out.text()).toMatch(/sources: 0 copied, 1 updated/);
    expect(out.text()).toMatch(/Done: 2 rows copied, 1 updated/);
  });

  it('GIVEN a --to that is not a postgres URL or a missing --from file THEN it says so and exits 2', async () => {
    const out = sink();
    expect(await runMigrate({ from: file, to: path.join(dir, 'x.db'), stderr: out.stream })).toBe(2);
    expect(await runMigrate({ from: path.join(dir, 'none.db'), to: db.url(), stderr: out.stream })).toBe(2);
    expect(out.text()).toMatch(/--to must be a postgres:\/\/ URL/);
    expect(out.text()).toMatch(/no SQLite database at/);
  });
});
