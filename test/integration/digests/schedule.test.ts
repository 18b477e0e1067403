// Digests fire at the channel's local time, daylight saving included: real node-cron driven by
// vitest fake timers, real SQLite, a fake poster.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeDigestPoster, type FakeDigestPoster } from '../../fakes/digest-poster.js';
import { channel, makeHarness, type Harness } from './harness.js';

let h: Harness | undefined;
let poster: FakeDigestPoster;

function start(now: string, digests: Parameters<typeof makeHarness>[0]['digests'] = []) {
  vi.useFakeTimers({ now: new Date(now) });
  poster = createFakeDigestPoster('console');
  h = makeHarness({ posters: { console: poster }, digests, now: () => new Date() });
  return h;
}

const slots = (harness: Harness) =>
  (harness.db.prepare('SELECT slot FROM digest_runs ORDER BY slot').all() as { slot: string }[]).map(
    (r) => r.slot,
  );

afterEach(async () => {
  await h?.close();
  h = undefined;
  vi.useRealTimers();
});

describe('digest schedule', () => {
  it('GIVEN daily 08:00 Asia/Tokyo WHEN the clock reaches 23:00 UTC the day before THEN the digest posts then, not earlier', async () => {
    const harness = start('2026-11-27T22:30:00.000Z');
    await harness.addArticle('a1', 'japan-defense', { publishedAt: '2026-11-27T20:00:00.000Z' });
    await harness.service.start();
    const r = await harness.service.subscriptions.subscribe(
      channel('tokyo'),
      { topic: 'japan-defense', when: 'daily 08:00', timezone: 'Asia/Tokyo' },
      new Date(),
    );
    expect(r.ok && r.value.nextRunAt).toBe('2026-11-27T23:00:00.000Z');

    await vi.advanceTimersByTimeAsync(29 * 60_000);
    expect(poster.posts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(poster.posts).toHaveLength(1);
    expect(poster.posts[0]?.message.idempotencyKey).toMatch(/:2026-11-27T23:00:00\.000Z$/);
  });

  it('GIVEN daily 08:00 America/New_York across the November DST change THEN it fires at 12:00 UTC before and 13:00 UTC after', async () => {
    const harness = start('2026-10-31T11:00:00.000Z', [
      {
        topic: 'japan-defense',
        platform: 'console',
        channel: 'ny',
        schedule: '0 8 * * *',
        timezone: 'America/New_York',
        quietNote: true,
        threads: false,
        maxStories: 5,
      },
    ]);
    await harness.addArticle('a1', 'japan-defense', { publishedAt: '2026-10-31T10:00:00.000Z' });
    await harness.service.start();
    expect((await harness.service.subscriptions.list(channel('ny'), new Date()))[0]?.nextRunAt).toBe(
      '2026-10-31T12:00:00.000Z',
    );

    await vi.advanceTimersByTimeAsync(2 * 86_400_000 + 3 * 3_600_000);
    expect(slots(harness)).toEqual([
      '2026-10-31T12:00:00.000Z',
      '2026-11-01T13:00:00.000Z',
      '2026-11-02T13:00:00.000Z',
    ]);
    expect(poster.postsTo('ny').map((p) => p.message.kind)).toEqual(['first', 'quiet', 'quiet']);
  });

  it('GIVEN a running service WHEN a channel subscribes and later unsubscribes THEN it is scheduled and unscheduled without a restart', async () => {
    const harness = start('2026-11-28T10:30:00.000Z');
    await harness.addArticle('a1', 'japan-defense', { publishedAt: '2026-11-28T09:00:00.000Z' });
    await harness.service.start();
    await harness.service.subscriptions.subscribe(
      channel('c1'),
      { topic: 'japan-defense', when: 'hourly' },
      new Date(),
    );
    await vi.advanceTimersByTimeAsync(31 * 60_000);
    expect(poster.calls).toHaveLength(1);

    await harness.addArticle('a2', 'japan-defense', { publishedAt: '2026-11-28T11:10:00.000Z' });
    expect((await harness.service.subscriptions.unsubscribe(channel('c1'), 'japan-defense')).ok).toBe(true);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(poster.calls).toHaveLength(1);
  });

  it('GIVEN a subscription changed to another time WHEN the old time comes THEN only the new time fires', async () => {
    const harness = start('2026-11-28T06:30:00.000Z');
    await harness.addArticle('a1', 'japan-defense', { publishedAt: '2026-11-28T05:00:00.000Z' });
    await harness.service.start();
    const sub = (when: string) =>
      harness.service.subscriptions.subscribe(channel('c1'), { topic: 'japan-defense', when }, new Date());
    expect((await sub('daily 07:00')).ok).toBe(true);
    const updated = await sub('daily 09:00');
    expect(updated.ok && updated.value.updated).toBe(true);
    await vi.advanceTimersByTimeAsync(3 * 3_600_000);
    expect(slots(harness)).toEqual(['2026-11-28T09:00:00.000Z']);
  });
});

describe('digest schedule resources', () => {
  it('GIVEN channels that subscribe at many times and unsubscribe WHEN they are gone THEN no cron task is left behind', async () => {
    const cron = (await import('node-cron')).default;
    const before = cron.getTasks().size;
    const harness = start('2026-11-28T06:30:00.000Z');
    await harness.service.start();
    const subscribe = async (hour: number) =>
      expect(
        (
          await harness.service.subscriptions.subscribe(
            channel(`c${hour}`),
            { topic: 'japan-defense', when: `daily ${hour}:15` },
            new Date(),
          )
        ).ok,
      ).toBe(true);
    const unsubscribe = async (hour: number) =>
      expect((await harness.service.subscriptions.unsubscribe(channel(`c${hour}`), 'japan-defense')).ok).toBe(
        true,
      );
    for (let hour = 0; hour < 12; hour++) {
      await subscribe(hour);
      await unsubscribe(hour);
    }
    expect(cron.getTasks().size - before).toBe(0);
    // Subscriptions present at start (whose missed slots start-up looks for), removed later.
    for (let hour = 0; hour < 12; hour++) await subscribe(hour);
    const service = await harness.restart();
    await service.start();
    for (let hour = 0; hour < 12; hour++) await unsubscribe(hour);
    expect(cron.getTasks().size - before).toBe(0);
  });
});
