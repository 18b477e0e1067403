// Several instances on one PostgreSQL database, each with its own store (pool, instance id):
// a digest slot is claimed by exactly one, a dead instance's open runs are adopted by exactly one
// survivor and can no longer be posted by it, and leases pass on only when free or expired.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresStore } from '../../../src/store/postgres/index.js';
import { postgresTestDatabase } from '../../support/postgres.js';
import { subscriptionInput } from '../../support/store.js';

const db = postgresTestDatabase();
const NOW = new Date('2025-01-06T08:00:00Z');
const SLOT = '2025-01-06T08:00:00.000Z';

let a: PostgresStore;
let b: PostgresStore;
let c: PostgresStore;

const open = async (name: string) => {
  const s = await openPostgresStore(db.url(), { leaseMs: 1500, instanceId: name, max: 4 });
  await s.coordinator.start();
  return s;
};

const subscribe = (store: PostgresStore, channel: string) =>
  store.subscriptions.upsert(
    subscriptionInput({ channelId: channel, createdBy: 'config', fromConfig: true }),
    NOW,
  );

describe.skipIf(!db.available)('instances sharing one postgres database', () => {
  beforeAll(async () => {
    a = await open('instance-a');
    b = await open('instance-b');
    c = await open('instance-c');
  });
  afterAll(async () => {
    await Promise.all([a, b, c].map((s) => s?.close()));
  });

  it('GIVEN two instances upserting the same 30 config digests at once THEN each exists once and one of them created it', async () => {
    const channels = Array.from({ length: 30 }, (_, i) => `C${i}`);
    const results = await Promise.all(channels.flatMap((ch) => [subscribe(a, ch), subscribe(b, ch)]));
    expect(await a.subscriptions.count()).toBe(30);
    expect(results.filter((r) => r.created)).toHaveLength(30);
  });

  it('GIVEN three instances claiming the same 30 slots at once THEN every slot has exactly one winner', async () => {
    const subs = await a.subscriptions.all();
    const wins = await Promise.all(
      subs.flatMap((s) =>
        [a, b, c].map(async (store) => ((await store.deliveries.claim(s.id, SLOT, NOW)) ? 1 : 0)),
      ),
    );
    expect(wins.reduce((x: number, y) => x + y, 0)).toBe(subs.length);
  });

  it('GIVEN an instance that dies holding open runs THEN after its lease one survivor adopts them and the dead one can no longer post', async () => {
    const { subscription: s1 } = await subscribe(a, 'C-dead-1');
    const { subscription: s2 } = await subscribe(a, 'C-dead-2');
    const slot = '2025-01-07T08:00:00.000Z';
    expect(await a.deliveries.claim(s1!.id, slot, NOW)).toBe(true);
    expect(await a.deliveries.claim(s2!.id, slot, NOW)).toBe(true);
    await a.deliveries.markPosting(s2!.id, slot, 'first', []);

    // While a heartbeats, its runs are its own.
    await a.coordinator.heartbeat();
    expect(await b.deliveries.unfinished()).toEqual([]);

    // a stops heartbeating (killed): once the lease passes, b and c race to adopt; one wins each run.
    await a.coordinator.stop();
    const [fromB, fromC] = await Promise.all([b.deliveries.unfinished(), c.deliveries.unfinished()]);
    const adopted = [...fromB, ...fromC].filter((r) => r.slot === slot);
    expect(adopted.map((r) => `${r.subscriptionId}:${r.state}`).sort()).toEqual(
      [`${s1!.id}:claimed`, `${s2!.id}:posting`].sort(),
    );
    // The fencing check: a's late attempt to post the run it no longer holds is refused.
    expect(await a.deliveries.markPosting(s1!.id, slot, 'first', [])).toBe(false);
    const holder = fromB.some((r) => r.subscriptionId === s1!.id) ? b : c;
    expect(await holder.deliveries.markPosting(s1!.id, slot, 'first', [])).toBe(true);
    await a.coordinator.start();
  });

  it('GIVEN an older open run held by another live instance THEN a newer slot of that subscription is not claimed', async () => {
    const { subscription: s } = await subscribe(a, 'C-later');
    expect(await a.deliveries.claim(s.id, '2025-01-08T08:00:00.000Z', NOW)).toBe(true);
    expect(await b.deliveries.claim(s.id, '2025-01-09T08:00:00.000Z', NOW)).toBe(false);
    await a.deliveries.finish(s.id, '2025-01-08T08:00:00.000Z', 'nothing', undefined, NOW);
    expect(await b.deliveries.claim(s.id, '2025-01-09T08:00:00.000Z', NOW)).toBe(true);
  });

  it('GIVEN a source lease THEN only one instance holds it until it is released or its holder dies', async () => {
    expect(await a.coordinator.acquire('source:nhk')).toBe(true);
    expect(await b.coordinator.acquire('source:nhk')).toBe(false);
    await a.coordinator.release('source:nhk');
    expect(await b.coordinator.acquire('source:nhk')).toBe(true);
    // b's heartbeat keeps its lease alive past the lease time...
    await new Promise((r) => setTimeout(r, 1600));
    await b.coordinator.heartbeat();
    expect(await c.coordinator.acquire('source:nhk')).toBe(false);
    // ...and once b is gone (no heartbeats), the lease expires and c may take it.
    await b.coordinator.stop();
    expect(await c.coordinator.acquire('source:nhk')).toBe(true);
    await b.coordinator.start();
  });

  it('GIVEN the daily retention lease THEN one instance gets it and heartbeats do not extend or drop it', async () => {
    const day = { ttlMs: 20 * 3_600_000, renewable: false };
    const got = await Promise.all([a, b, c].map((s) => s.coordinator.acquire('retention', day)));
    expect(got.filter(Boolean)).toHaveLength(1);
    await Promise.all([a, b, c].map((s) => s.coordinator.heartbeat()));
    expect(
      (await Promise.all([a, b, c].map((s) => s.coordinator.acquire('retention', day)))).filter(Boolean),
    ).toHaveLength(1);
  });
});
