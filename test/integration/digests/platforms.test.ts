// 1,000 subscriptions due at once, posted through the real Slack and Discord posters to local
// fake Slack Web API and Discord REST servers that answer some 429s: every channel gets the slot
// exactly once, and each topic's briefing is built once.
import { afterEach, describe, expect, it } from 'vitest';
import { fakePlatformsForTest, makeHarness, type Harness } from './harness.js';

const SLOT = new Date('2026-11-28T08:00:00.000Z');
const SLACK_CHANNELS = 700;
const DISCORD_CHANNELS = 300;
const SLACK_429S = 25;

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
});

const discordChannel = (i: number) => String(800000000000000000n + BigInt(i));

describe('fan-out through the platform posters', () => {
  it('GIVEN 1,000 subscriptions on fake Slack and Discord servers answering some 429s THEN every channel gets the digest exactly once', async () => {
    const slackWaits: number[] = [];
    // Retry-After is whole seconds on Slack; record the waits instead of spending them.
    const { slackApi, discord, posters } = await fakePlatformsForTest({
      sleep: async (ms) => void slackWaits.push(ms),
    });

    // The first 25 chat.postMessage calls are rate limited; every 10th Discord channel gets a 429 first.
    slackApi.script(
      'chat.postMessage',
      ...Array.from({ length: SLACK_429S }, () => ({
        status: 429,
        headers: { 'retry-after': '1' },
        body: { ok: false, error: 'ratelimited' },
      })),
    );
    for (let i = 0; i < DISCORD_CHANNELS; i += 10) {
      discord.queue('POST', `/api/v10/channels/${discordChannel(i)}/messages`, {
        status: 429,
        headers: { 'retry-after': '0.01' },
        body: { message: 'You are being rate limited.', retry_after: 0.01, global: false },
      });
    }

    h = makeHarness({
      posters,
      now: () => new Date(SLOT.getTime() + 60_000),
    });
    await h.addArticle('a1', 'japan-defense', { publishedAt: '2026-11-28T07:00:00.000Z' });
    await h.addArticle('b1', 'climate', { publishedAt: '2026-11-28T07:00:00.000Z' });
    const insert = h.db
      .prepare(`INSERT INTO subscriptions (id, platform, workspace_id, channel_id, topic, schedule, when_label, timezone, created_by, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, '0 8 * * *', 'daily 08:00', 'UTC', 'U', '2026-11-27T00:00:00.000Z', '2026-11-27T00:00:00.000Z')`);
    h.db.transaction(() => {
      for (let i = 0; i < SLACK_CHANNELS; i++)
        insert.run(`slack-${i}`, 'slack', 'T1', `C${i}`, i % 2 ? 'japan-defense' : 'climate');
      for (let i = 0; i < DISCORD_CHANNELS; i++)
        insert.run(`discord-${i}`, 'discord', 'G1', discordChannel(i), i % 2 ? 'japan-defense' : 'climate');
    })();

    // Started a minute after 08:00: the start-up catch-up runs the slot for all of them.
    await h.service.start();
    await h.service.settled();

    const slackPosts = slackApi.callsOf('chat.postMessage');
    const delivered = slackPosts.slice(SLACK_429S).map((c) => String(c.params.channel));
    expect(delivered).toHaveLength(SLACK_CHANNELS);
    expect(new Set(delivered).size).toBe(SLACK_CHANNELS);
    expect(slackWaits).toEqual(Array.from({ length: SLACK_429S }, () => 1000));

    const discordPosts = discord.requests.filter(
      (r) => r.method === 'POST' && /\/channels\/\d+\/messages$/.test(r.path),
    );
    const perChannel = new Map<string, number>();
    for (const r of discordPosts) perChannel.set(r.path, (perChannel.get(r.path) ?? 0) + 1);
    expect(perChannel.size).toBe(DISCORD_CHANNELS);
    for (let i = 0; i < DISCORD_CHANNELS; i++) {
      // A rate-limited channel saw the 429'd attempt and one delivery; the others one delivery.
      expect(perChannel.get(`/api/v10/channels/${discordChannel(i)}/messages`)).toBe(i % 10 === 0 ? 2 : 1);
    }

    expect(h.db.prepare("SELECT count(*) AS n FROM digest_runs WHERE state = 'posted'").get()).toEqual({
      n: 1000,
    });
    expect(h.service.briefingsBuilt()).toBe(2);
    expect(await h.service.failing()).toEqual([]);
  });
});
