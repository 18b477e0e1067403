// A digest slot while another process holds the database's write lock: the claim cannot be
// written, so nothing is posted (never twice), one warning says why for the slot instead of a
// stack trace per channel, and the next slot after the lock is let go posts as usual.
import { afterEach, expect, it } from 'vitest';
import { message } from '../../src/core/messages.js';
import { createFakeDigestPoster } from '../fakes/digest-poster.js';
import { channel, makeHarness, type Harness } from '../integration/digests/harness.js';
import { holdWriteLock, type LockHolder } from '../support/store-faults.js';

const NOW = new Date('2026-11-28T08:00:00.000Z');
let h: Harness | undefined;
let holder: LockHolder | undefined;

afterEach(async () => {
  await holder?.release();
  await h?.close();
});

it('GIVEN the write lock held elsewhere WHEN a slot runs THEN nothing is posted, one warning names the lock, and the next slot posts', async () => {
  const poster = createFakeDigestPoster('console');
  h = makeHarness({ posters: { console: poster }, now: () => NOW });
  await h.addArticle('a1', 'japan-defense');
  const r = await h.service.subscriptions.subscribe(
    channel('c1'),
    { topic: 'japan-defense', when: 'daily 08:00' },
    NOW,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));

  holder = await holdWriteLock(`${h.dir}/test.db`);
  await h.service.runSlot(r.value.id, new Date('2026-11-28T08:00:00.000Z'));
  expect(poster.posts).toHaveLength(0);
  const faults = h.logs.filter((l) => l.fault === 'locked');
  expect(faults).toHaveLength(1);
  expect(faults[0]).toMatchObject({ level: 40, subscriptions: 1 });
  expect(String(faults[0]?.msg)).toContain(message('STORE_FAULT_LOCKED'));
  expect(h.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);

  await holder.release();
  holder = undefined;
  await h.service.runSlot(r.value.id, new Date('2026-11-29T08:00:00.000Z'));
  expect(poster.posts).toHaveLength(1);
});
