// What channels were told, muted stories, feedback and thread replies, through both stores'
// repositories (a SQLite file and, when reachable, a fresh PostgreSQL database): one contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../src/store/postgres/index.js';
import type { Store } from '../../../src/store/ports.js';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import { postgresTestDatabase } from '../../support/postgres.js';
import { subscriptionInput } from '../../support/store.js';
import { tempWorkspace } from '../../support/workspace.js';

const pgTest = postgresTestDatabase();
const T0 = new Date('2026-11-28T08:00:00.000Z');
const T1 = new Date('2026-11-29T08:00:00.000Z');
const channel = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C1' };

type MemoryStore = Pick<Store, 'subscriptions' | 'deliveries' | 'memory' | 'threads' | 'close'>;

function contract(name: string, open: () => Promise<MemoryStore>, skip = false) {
  describe.skipIf(skip)(`${name}: digest memory and thread replies`, () => {
    let store: MemoryStore;
    let subId: string;
    beforeAll(async () => {
      store = await open();
      const { subscription } = await store.subscriptions.upsert(
        subscriptionInput({ ...channel, threads: true, maxStories: 3 }),
        T0,
      );
      subId = subscription.id;
      expect(subscription).toMatchObject({ threads: true, maxStories: 3 });
    });
    afterAll(async () => {
      await store?.close();
    });

    it('GIVEN facts sent on two days THEN they come back newest first, at most the limit', async () => {
      await store.memory.recordFacts(subId, T0.toISOString(), ['fact a', 'fact b'], T0);
      await store.memory.recordFacts(subId, T1.toISOString(), ['fact c'], T1);
      expect(await store.memory.sentFacts(subId, 2)).toEqual([
        'fact c',
        expect.stringMatching(/^fact [ab]$/),
      ]);
      expect((await store.memory.sentFacts(subId, 10)).sort()).toEqual(['fact a', 'fact b', 'fact c']);
    });

    it('GIVEN a story muted twice THEN its articles are muted once in that channel only', async () => {
      await store.memory.mute(channel, ['a1', 'a2'], 'U1', T0);
      await store.memory.mute(channel, ['a2', 'a3'], 'U2', T1);
      expect([...(await store.memory.mutedArticles(channel))].sort()).toEqual(['a1', 'a2', 'a3']);
      expect((await store.memory.mutedArticles({ ...channel, channelId: 'C2' })).size).toBe(0);
    });

    it('GIVEN votes and a mute THEN one vote per person and story, counted per topic since a time', async () => {
      const story = {
        ref: 'r1',
        topic: 'japan-defense',
        articleIds: ['a1'],
        headline: 'h',
        createdAt: T0.toISOString(),
      };
      await store.memory.saveStory(story);
      expect(await store.memory.story('r1')).toEqual(story);
      expect(await store.memory.story('nope')).toBeUndefined();
      await store.memory.recordFeedback(channel, story, 'U1', 'up', T0);
      await store.memory.recordFeedback(channel, story, 'U1', 'down', T1);
      await store.memory.recordFeedback(channel, story, 'U2', 'up', T1);
      await store.memory.recordFeedback(channel, story, 'U2', 'mute', T1);
      expect(await store.memory.feedbackCounts('slack', 'T1', T0)).toEqual([
        { topic: 'japan-defense', up: 1, down: 1, muted: 1 },
      ]);
      expect(await store.memory.feedbackCounts('slack', 'T1', new Date('2030-01-01T00:00:00Z'))).toEqual([]);
    });

    it('GIVEN replies planned, a thread and marks THEN the run says which went out and which are open', async () => {
      const slot = T0.toISOString();
      // Replies are planned for a run whose parent was posted (deliver.ts).
      await store.deliveries.claim(subId, slot, T0);
      await store.threads.plan(subId, slot, 'P1', ['{"n":1}', '{"n":2}', '{"n":3}']);
      await store.threads.setThread(subId, slot, 'TH1');
      await store.threads.mark(subId, slot, 1, 'posted', { messageId: 'm1' });
      await store.threads.mark(subId, slot, 2, 'posting');
      const rows = await store.threads.forRun(subId, slot);
      expect(rows.map((r) => [r.position, r.state, r.threadId, r.messageId ?? null])).toEqual([
        [1, 'posted', 'TH1', 'm1'],
        [2, 'posting', 'TH1', null],
        [3, 'pending', 'TH1', null],
      ]);
      expect(await store.threads.unfinished()).toEqual([{ subscriptionId: subId, slot }]);
      // A reply a stop left in flight is settled as uncertain: done, never posted again.
      await store.threads.mark(subId, slot, 2, 'uncertain', { error: 'stopped while posting' });
      await store.threads.mark(subId, slot, 3, 'failed', { error: 'gone' });
      expect(await store.threads.unfinished()).toEqual([]);
      expect((await store.threads.forRun(subId, slot)).map((r) => [r.state, r.error ?? null])).toEqual([
        ['posted', null],
        ['uncertain', 'stopped while posting'],
        ['failed', 'gone'],
      ]);
    });

    it('GIVEN a story shown again THEN saving it keeps its reference and refreshes its time (retention keeps it)', async () => {
      const story = {
        ref: 'r2',
        topic: 'japan-defense',
        articleIds: ['a9'],
        headline: 'h2',
        createdAt: T0.toISOString(),
      };
      await store.memory.saveStory(story);
      await store.memory.saveStory({ ...story, headline: 'other', createdAt: T1.toISOString() });
      expect(await store.memory.story('r2')).toEqual({ ...story, createdAt: T1.toISOString() });
    });

    it('GIVEN a thread note THEN it is kept while threads are on and cleared when they are turned off', async () => {
      await store.subscriptions.setThreadNote(subId, 'missing Create Public Threads');
      expect((await store.subscriptions.get(subId))?.threadNote).toBe('missing Create Public Threads');
      const { subscription } = await store.subscriptions.upsert(
        subscriptionInput({ ...channel, threads: false }),
        T1,
      );
      expect(subscription).toMatchObject({ threads: false, maxStories: 5 });
      expect(subscription.threadNote).toBeUndefined();
    });
  });
}

const workspace = tempWorkspace('newsbrief-memory-');
afterAll(() => workspace.cleanup());
contract('SQLite', async () => openSqliteStore(workspace.path('memory.db')));
contract('PostgreSQL', async () => openPostgresStore(pgTest.url()), !pgTest.available);

describe.skipIf(!pgTest.available)('PostgreSQL, two instances: thread replies left open', () => {
  it("GIVEN a live instance posting a thread's replies THEN another's sweep leaves them; once it is gone THEN the other adopts them once", async () => {
    const a = await openPostgresStore(pgTest.url(), { instanceId: 'inst-a', leaseMs: 60_000 });
    const b = await openPostgresStore(pgTest.url(), { instanceId: 'inst-b', leaseMs: 60_000 });
    try {
      await a.coordinator.heartbeat();
      await b.coordinator.heartbeat();
      const { subscription } = await a.subscriptions.upsert(
        subscriptionInput({ ...channel, channelId: 'C-two', threads: true }),
        T0,
      );
      const slot = T1.toISOString();
      expect(await a.deliveries.claim(subscription.id, slot, T1)).toBe(true);
      await a.threads.plan(subscription.id, slot, 'P9', ['{"n":1}', '{"n":2}']);
      await a.threads.mark(subscription.id, slot, 1, 'posting');
      const open = [{ subscriptionId: subscription.id, slot }];
      // A is alive and holds the run: B's sweep must not post A's replies too.
      expect(await b.threads.unfinished()).toEqual([]);
      expect(await a.threads.unfinished()).toEqual(open);
      // A goes away (its row removed, as a stop does; a crash lets the heartbeat lapse).
      await a.coordinator.stop();
      expect(await b.threads.unfinished()).toEqual(open);
      expect(await a.threads.unfinished()).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
