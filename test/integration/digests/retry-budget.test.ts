// Retry lives in one layer: the posters make one attempt and the delivery owns the attempt
// budget. Counted against the fake Slack Web API and the fake Discord REST through the real
// posters: a persistent 5xx costs exactly `maxAttempts` calls per slot (5 by default), and a
// 5xx followed by a good answer posts once.
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeDiscord } from '../../fakes/discord-server.js';
import type { FakeSlackApi } from '../../fakes/slack-api.js';
import { channel, fakePlatformsForTest, makeHarness, type Harness } from './harness.js';

const NOW = new Date('2026-11-28T08:00:00.000Z');
const SLOT = new Date('2026-11-28T08:00:00.000Z');
const DISCORD_CHANNEL = '800000000000000123';
const DISCORD_PATH = `/api/v10/channels/${DISCORD_CHANNEL}/messages`;

let h: Harness | undefined;
let slackApi: FakeSlackApi | undefined;
let discord: FakeDiscord | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function setup(maxAttempts?: number) {
  const platforms = await fakePlatformsForTest();
  ({ slackApi, discord } = platforms);
  // retryBaseMs 1: the slot's backoff (1, 2, 4, 8 ms) is real but short.
  h = makeHarness({
    posters: platforms.posters,
    now: () => NOW,
    extra: { retryBaseMs: 1, ...(maxAttempts ? { maxAttempts } : {}) },
  });
  await h.addArticle('a1', 'japan-defense');
  const subscribe = async (platform: 'slack' | 'discord', channelId: string, workspace: string) => {
    const r = await h!.service.subscriptions.subscribe(
      channel(channelId, platform, workspace),
      { topic: 'japan-defense', when: 'daily 08:00' },
      NOW,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value.id;
  };
  return {
    slackSub: await subscribe('slack', 'C0FAIL', 'T1'),
    discordSub: await subscribe('discord', DISCORD_CHANNEL, 'G1'),
  };
}

const discordPosts = () => discord!.requests.filter((r) => r.method === 'POST' && r.path === DISCORD_PATH);
const serverErrors = (n: number) => Array.from({ length: n }, () => ({ status: 500, body: {} }));

describe('a persistent 5xx', () => {
  it('GIVEN both platforms answer 500 to everything THEN each slot costs exactly 5 calls per channel and says it was tried 5 times', async () => {
    const { slackSub, discordSub } = await setup();
    // More errors queued than any budget: a sixth call would be seen (and counted) too.
    slackApi!.script('chat.postMessage', ...serverErrors(20));
    discord!.queue('POST', DISCORD_PATH, ...serverErrors(20));
    await h!.service.runSlot(slackSub, SLOT);
    await h!.service.runSlot(discordSub, SLOT);
    expect(slackApi!.callsOf('chat.postMessage')).toHaveLength(5);
    expect(discordPosts()).toHaveLength(5);
    const failing = (await h!.service.failing()).map((s) => s.lastError);
    expect(failing).toHaveLength(2);
    for (const reason of failing) expect(reason).toMatch(/tried 5 times/);
  });

  it('GIVEN maxAttempts 2 THEN a slot costs 2 calls', async () => {
    const { slackSub, discordSub } = await setup(2);
    slackApi!.script('chat.postMessage', ...serverErrors(20));
    discord!.queue('POST', DISCORD_PATH, ...serverErrors(20));
    await h!.service.runSlot(slackSub, SLOT);
    await h!.service.runSlot(discordSub, SLOT);
    expect(slackApi!.callsOf('chat.postMessage')).toHaveLength(2);
    expect(discordPosts()).toHaveLength(2);
  });
});

describe('a passing 5xx', () => {
  it('GIVEN one 500 then good answers THEN each channel gets the digest on the second call, once', async () => {
    const { slackSub, discordSub } = await setup();
    slackApi!.script('chat.postMessage', ...serverErrors(1));
    discord!.queue('POST', DISCORD_PATH, ...serverErrors(1));
    await h!.service.runSlot(slackSub, SLOT);
    await h!.service.runSlot(discordSub, SLOT);
    expect(slackApi!.callsOf('chat.postMessage')).toHaveLength(2);
    expect(discordPosts()).toHaveLength(2);
    // The same nonce both times: had the 500 posted after all, Discord would drop the second.
    const nonces = discordPosts().map((r) => (r.body as { nonce: string }).nonce);
    expect(new Set(nonces).size).toBe(1);
    expect(await h!.service.failing()).toEqual([]);
  });
});
