// Start-up catch-up: a slot missed while the bot was down runs once if under 15 minutes late,
// otherwise it is skipped, logged, and never run later.
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeDigestPoster, type FakeDigestPoster } from '../../fakes/digest-poster.js';
import { channel, makeHarness, type Harness } from './harness.js';

let h: Harness;
let poster: FakeDigestPoster;
let clock = new Date('2026-11-28T07:00:00.000Z');

async function setup(subscribeAt: string) {
  clock = new Date(subscribeAt);
  poster = createFakeDigestPoster('console');
  h = makeHarness({ posters: { console: poster }, now: () => clock });
  await h.addArticle('a1', 'japan-defense', { publishedAt: '2026-11-28T06:00:00.000Z' });
  const r = await h.service.subscriptions.subscribe(
    channel('c1'),
    { topic: 'japan-defense', when: 'daily 08:00' },
    clock,
  );
  if (!r.ok) throw new Error('subscribe failed');
  return r.value.id;
}

async function restartAt(iso: string) {
  clock = new Date(iso);
  const service = await h.restart();
  await service.start();
  await service.settled();
}

const runs = () => h.db.prepare('SELECT slot, state FROM digest_runs ORDER BY slot').all();

afterEach(async () => {
  await h.close();
});

describe('catch-up at start', () => {
  it('GIVEN the bot was down at 08:00 WHEN it starts at 08:10 THEN the 08:00 digest posts once, and not again on the next start', async () => {
    await setup('2026-11-28T07:00:00.000Z');
    await restartAt('2026-11-28T08:10:00.000Z');
    expect(poster.posts).toHaveLength(1);
    expect(poster.posts[0]?.message.idempotencyKey).toMatch(/:2026-11-28T08:00:00\.000Z$/);
    await restartAt('2026-11-28T08:12:00.000Z');
    expect(poster.posts).toHaveLength(1);
  });

  it('GIVEN the bot was down at 08:00 WHEN it starts at 08:20 THEN the slot is skipped, logged, and not run by a later start', async () => {
    await setup('2026-11-28T07:00:00.000Z');
    await restartAt('2026-11-28T08:20:00.000Z');
    expect(poster.posts).toHaveLength(0);
    expect(runs()).toEqual([{ slot: '2026-11-28T08:00:00.000Z', state: 'skipped' }]);
    expect(h.logs.some((l) => String(l.msg).includes('more than 15 minutes late'))).toBe(true);
    await restartAt('2026-11-28T08:21:00.000Z');
    expect(poster.posts).toHaveLength(0);
  });

  it('GIVEN a subscription made after the last slot WHEN the bot starts THEN there is nothing to catch up', async () => {
    await setup('2026-11-28T08:05:00.000Z');
    await restartAt('2026-11-28T08:06:00.000Z');
    expect(poster.posts).toHaveLength(0);
    expect(runs()).toEqual([]);
  });

  it('GIVEN a slot already posted WHEN the bot restarts within 15 minutes THEN it is not posted again', async () => {
    const id = await setup('2026-11-28T07:00:00.000Z');
    clock = new Date('2026-11-28T08:00:00.000Z');
    await h.service.runSlot(id, clock);
    await restartAt('2026-11-28T08:05:00.000Z');
    expect(poster.posts).toHaveLength(1);
  });
});
