// stop(): no new runs, posts in flight finish, retry waits are cut short and resumed at the next start.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelPoster, PostResult } from '../../../src/digests/ports.js';
import { createFakeDigestPoster, rateLimited } from '../../fakes/digest-poster.js';
import { channel, makeHarness, type Harness } from './harness.js';

const SLOT = new Date('2026-11-28T08:00:00.000Z');
let h: Harness;
afterEach(async () => {
  await h.close();
});

describe('stopping the digest service', () => {
  it('GIVEN a post in flight and another waiting on a 429 WHEN stop is called THEN the first is recorded, the second is resumed once at the next start', async () => {
    let clock = new Date(SLOT.getTime() - 60_000);
    const fake = createFakeDigestPoster('console');
    fake.respond((t, _m, attempt) =>
      t.channelId === 'waiting' && attempt === 1 ? rateLimited(60_000) : undefined,
    );
    let release: (r: PostResult) => void = () => undefined;
    const slowCalls: string[] = [];
    const poster: ChannelPoster = {
      platform: 'console',
      post(target, message) {
        if (target.channelId !== 'slow') return fake.post(target, message);
        slowCalls.push(message.idempotencyKey);
        return new Promise((resolve) => (release = resolve));
      },
    };
    h = makeHarness({ posters: { console: poster }, now: () => clock });
    await h.addArticle('a1', 'japan-defense', { publishedAt: '2026-11-28T07:00:00.000Z' });
    const ids: string[] = [];
    for (const c of ['slow', 'waiting']) {
      const r = await h.service.subscriptions.subscribe(
        channel(c),
        { topic: 'japan-defense', when: 'daily 08:00' },
        clock,
      );
      if (!r.ok) throw new Error('subscribe failed');
      ids.push(r.value.id);
    }
    clock = SLOT;
    for (const id of ids) void h.service.runSlot(id, SLOT);
    await vi.waitFor(() => expect(slowCalls.length + fake.calls.length).toBe(2));

    const stopped = h.service.stop();
    release({ ok: true, value: { messageId: 'm-slow' } });
    await stopped;
    const state = (c: string) =>
      h.db
        .prepare(
          'SELECT r.state FROM digest_runs r JOIN subscriptions s ON s.id = r.subscription_id WHERE s.channel_id = ?',
        )
        .get(c);
    expect(state('slow')).toEqual({ state: 'posted' });
    expect(state('waiting')).toEqual({ state: 'claimed' });

    clock = new Date(SLOT.getTime() + 2 * 60_000);
    const service = await h.restart();
    await service.start();
    await service.settled();
    expect(slowCalls).toHaveLength(1);
    expect(fake.postsTo('waiting')).toHaveLength(1);
    expect(state('waiting')).toEqual({ state: 'posted' });
  });
});
