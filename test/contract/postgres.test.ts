// The store contract (store-contract.ts) on PostgreSQL: a fresh database per test, from the
// harness (skipped with one line when no server is reachable; required under CI=true).
import { describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { postgresTestDatabase } from '../support/postgres.js';
import { subscriptionInput } from '../support/store.js';
import { storeContract } from './store-contract.js';

const db = postgresTestDatabase();

describe.skipIf(!db.available)('PostgreSQL', () => {
  storeContract('PostgreSQL', async () => {
    const url = await db.another();
    return { open: async () => openPostgresStore(url, { max: 3 }) };
  });

  // The claim and the 'posted' record commit without waiting for the disk (fan-out.ts); the
  // 'posting' mark must wait, or a server crash could lose it after the post went out and the run
  // would be posted again. The relaxed setting lasts one statement: on a pool of one connection,
  // every write of a delivery runs on the connection the relaxed ones used before it.
  it('PostgreSQL: a delivery leaves its connection committing durably (the relaxed commits of claim and posted last one statement)', async () => {
    const store = await openPostgresStore(await db.another(), { max: 1 });
    try {
      const T0 = new Date('2026-03-02T08:00:00.000Z');
      const { subscription: sub } = await store.subscriptions.upsert(subscriptionInput(), T0);
      const slot = T0.toISOString();
      const setting = async () =>
        (await store.pg.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]
          ?.synchronous_commit;
      expect(await store.deliveries.claim(sub.id, slot, T0)).toBe(true);
      expect(await setting()).toBe('on');
      expect(await store.deliveries.markPosting(sub.id, slot, 'first', ['a1'])).toBe(true);
      await store.deliveries.recordPosted(
        sub.id,
        slot,
        { articleIds: ['a1'], messageId: 'm1', facts: ['f'] },
        T0,
      );
      expect(await setting()).toBe('on');
      const next = '2026-03-03T08:00:00.000Z';
      expect(await store.deliveries.claim(sub.id, next, T0)).toBe(true);
      await store.deliveries.finish(sub.id, next, 'nothing', undefined, T0);
      expect(await setting()).toBe('on');
      expect(await store.deliveries.getRun(sub.id, slot)).toMatchObject({ state: 'posted' });
      expect(await store.deliveries.getRun(sub.id, next)).toMatchObject({ state: 'nothing' });
      expect([...(await store.deliveries.delivered(sub.id))]).toEqual(['a1']);
    } finally {
      await store.close();
    }
  });
});
