// /brief subscribe, unsubscribe and subscriptions through the SubscriptionService, on real SQLite.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeDigestPoster } from '../../fakes/digest-poster.js';
import { channel, makeHarness, type Harness } from './harness.js';

const NOW = new Date('2026-11-28T04:00:00.000Z');
let h: Harness;

beforeEach(async () => {
  h = makeHarness({
    posters: { console: createFakeDigestPoster() },
    now: () => NOW,
    digests: [
      {
        topic: 'climate',
        platform: 'slack',
        channel: 'C9',
        schedule: '0 7 * * 1-5',
        timezone: 'Europe/London',
        quietNote: false,
        threads: false,
        maxStories: 5,
      },
    ],
  });
  await h.service.start();
});

afterEach(async () => {
  await h.close();
});

const subs = () => h.service.subscriptions;

describe('subscriptions', () => {
  it('GIVEN a valid request THEN the channel is subscribed and the answer has the next run in its zone', async () => {
    const r = await subs().subscribe(
      channel('c1'),
      { topic: 'japan-defense', when: 'daily 08:00', timezone: 'asia/tokyo' },
      NOW,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      topic: 'japan-defense',
      when: 'daily 08:00',
      timezone: 'Asia/Tokyo',
      schedule: '0 8 * * *',
      state: 'active',
      fromConfig: false,
    });
    expect(new Date(r.value.nextRunAt ?? '').getUTCHours()).toBe(23);
    expect(r.value.updated).toBeUndefined();
    expect((await subs().list(channel('c1'), NOW)).map((s) => s.topic)).toEqual(['japan-defense']);
    expect(await subs().list(channel('other'), NOW)).toEqual([]);
  });

  it('GIVEN a request for the all-quiet note THEN it is kept while asked for, and subscribing again without it turns it off', async () => {
    const r = await subs().subscribe(
      channel('q1'),
      { topic: 'japan-defense', when: 'daily 08:00', quietNote: true },
      NOW,
    );
    expect(r.ok && r.value.quietNote).toBe(true);
    const again = await subs().subscribe(
      channel('q1'),
      { topic: 'japan-defense', when: 'daily 09:00', quietNote: true },
      NOW,
    );
    expect(again.ok && again.value.quietNote).toBe(true);
    const off = await subs().subscribe(channel('q1'), { topic: 'japan-defense', when: 'daily 09:00' }, NOW);
    expect(off.ok && off.value.quietNote).toBe(false);
    expect((await subs().list(channel('q1'), NOW))[0]?.quietNote).toBe(false);
  });

  it('GIVEN an unknown topic THEN UNKNOWN_TOPIC with the closest topics', async () => {
    const r = await subs().subscribe(channel('c1'), { topic: 'japan-defence', when: 'daily 08:00' }, NOW);
    expect(r).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_TOPIC', params: { topic: 'japan-defence', suggestions: '`japan-defense`' } },
    });
  });

  it.each([
    ['daily 24:00', undefined, 'BAD_TIME'],
    ['"0 25 * * *"', undefined, 'BAD_CRON'],
    ['sometimes', undefined, 'BAD_WHEN'],
    ['daily 08:00', 'Mars/Olympus', 'BAD_TIMEZONE'],
  ])('GIVEN when=%s zone=%s THEN %s and nothing is stored', async (when, timezone, code) => {
    const r = await subs().subscribe(channel('c1'), { topic: 'japan-defense', when, timezone }, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
    expect(await subs().list(channel('c1'), NOW)).toEqual([]);
  });

  it('GIVEN an existing subscription WHEN the channel subscribes again THEN it is updated, not doubled', async () => {
    const first = await subs().subscribe(channel('c1'), { topic: 'japan-defense', when: 'daily 08:00' }, NOW);
    const again = await subs().subscribe(
      channel('c1'),
      { topic: 'japan-defense', when: 'weekdays 09:30', timezone: 'Europe/Paris' },
      NOW,
    );
    expect(again.ok && again.value.updated).toBe(true);
    expect(again.ok && first.ok && again.value.id === first.value.id).toBe(true);
    expect((await subs().list(channel('c1'), NOW)).map((s) => [s.when, s.timezone])).toEqual([
      ['weekdays 09:30', 'Europe/Paris'],
    ]);
  });

  it('GIVEN a subscription WHEN the channel unsubscribes THEN it is gone; a second unsubscribe says there was none', async () => {
    await subs().subscribe(channel('c1'), { topic: 'japan-defense', when: 'hourly' }, NOW);
    expect(await subs().unsubscribe(channel('c1'), 'japan-defense')).toMatchObject({
      ok: true,
      value: { topic: 'japan-defense' },
    });
    expect(await subs().list(channel('c1'), NOW)).toEqual([]);
    expect(await subs().unsubscribe(channel('c1'), 'japan-defense')).toEqual({
      ok: false,
      error: { code: 'NOT_SUBSCRIBED', params: { topic: 'japan-defense' } },
    });
  });

  it('GIVEN a digest from the config file THEN it is listed as such and chat can neither remove nor override it', async () => {
    const slackChannel = channel('C9', 'slack', 'T1');
    expect(await subs().list(slackChannel, NOW)).toMatchObject([
      { topic: 'climate', fromConfig: true, timezone: 'Europe/London' },
    ]);
    expect(await subs().unsubscribe(slackChannel, 'climate')).toMatchObject({
      ok: false,
      error: { code: 'SUBSCRIPTION_FROM_CONFIG' },
    });
    expect(await subs().subscribe(slackChannel, { topic: 'climate', when: 'hourly' }, NOW)).toMatchObject({
      ok: false,
      error: { code: 'SUBSCRIPTION_FROM_CONFIG' },
    });
  });

  it('GIVEN a config digest removed from the file WHEN the service starts again THEN it is deleted', async () => {
    await h.restart({
      config: {
        file: 'x',
        sources: [],
        topics: [],
        digests: [],
        briefing: { windowDays: 7, maxPoints: 6 },
        store: { retentionDays: 90 },
        slack: { managers: [] },
      },
    });
    await h.service.start();
    expect(await subs().list(channel('C9', 'slack', 'T1'), NOW)).toEqual([]);
  });
});
