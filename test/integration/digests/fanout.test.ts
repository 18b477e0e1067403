// 1,000 subscriptions due in the same minute, the poster answering some 429s: every channel gets
// its digest exactly once, within each platform's concurrency limit, with one briefing per topic.
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeDigestPoster, rateLimited, serverError } from '../../fakes/digest-poster.js';
import { makeHarness, type Harness } from './harness.js';

const SLOT = new Date('2026-11-28T08:00:00.000Z');
let h: Harness;

afterEach(async () => {
  await h.close();
});

describe('fan-out', () => {
  it('GIVEN 1,000 subscriptions on two platforms due at once with some 429s and 5xx THEN all are delivered exactly once and each topic is built once', async () => {
    const slack = createFakeDigestPoster('slack');
    const discord = createFakeDigestPoster('discord');
    // Every 7th channel is rate limited on its first try, every 11th gets a 503 first.
    const flaky = (channelId: string, attempt: number) => {
      const n = Number(channelId.slice(1));
      if (attempt === 1 && n % 7 === 0) return rateLimited(3);
      if (attempt === 1 && n % 11 === 0) return serverError;
      return undefined;
    };
    slack.respond((t, _m, attempt) => flaky(t.channelId, attempt));
    discord.respond((t, _m, attempt) => flaky(t.channelId, attempt));
    h = makeHarness({
      posters: { slack, discord },
      now: () => SLOT,
      extra: { concurrency: { slack: 5, discord: 3 } },
    });
    await h.addArticle('a1', 'japan-defense', { publishedAt: '2026-11-28T07:00:00.000Z' });
    await h.addArticle('b1', 'climate', { publishedAt: '2026-11-28T07:00:00.000Z' });

    const insert = h.db
      .prepare(`INSERT INTO subscriptions (id, platform, workspace_id, channel_id, topic, schedule, when_label, timezone, created_by, created_at, updated_at)
      VALUES (?, ?, 'W', ?, ?, '0 8 * * *', 'daily 08:00', 'UTC', 'U', '2026-11-27T00:00:00.000Z', '2026-11-27T00:00:00.000Z')`);
    h.db.transaction(() => {
      for (let i = 0; i < 1000; i++)
        insert.run(`s${i}`, i % 2 ? 'discord' : 'slack', `c${i}`, i % 3 ? 'japan-defense' : 'climate');
    })();

    // Start-up catch-up runs the 08:00 slot for all of them (the service starts a minute late).
    await h.restart({ now: () => new Date(SLOT.getTime() + 60_000) });
    await h.service.start();
    // A chat command arriving during the fan-out is an event-loop turn; it must not wait for all of it.
    let postedWhenACommandRan = -1;
    setImmediate(() => (postedWhenACommandRan = slack.posts.length + discord.posts.length));
    await h.service.settled();
    expect(postedWhenACommandRan).toBeGreaterThanOrEqual(0);
    expect(postedWhenACommandRan).toBeLessThan(1000);

    const posts = [...slack.posts, ...discord.posts];
    expect(posts).toHaveLength(1000);
    expect(new Set(posts.map((p) => p.target.channelId)).size).toBe(1000);
    expect(slack.calls.length + discord.calls.length).toBeGreaterThan(1000);
    expect(h.service.briefingsBuilt()).toBe(2);
    expect(slack.maxInFlight).toBeLessThanOrEqual(5);
    expect(discord.maxInFlight).toBeLessThanOrEqual(3);
    expect(slack.maxInFlight).toBeGreaterThan(1);
    expect(h.db.prepare("SELECT count(*) AS n FROM digest_runs WHERE state = 'posted'").get()).toEqual({
      n: 1000,
    });
    expect(await h.service.failing()).toEqual([]);
  });
});
