// Digest posts through the adapter's poster against the fake REST: rate limits waited out and
// delivered once, a server error reported after one call (the delivery owns retries), permission
// problems reported as permanent with the permission named. The poster never throws.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import type { DigestMessage } from '../../../src/digests/ports.js';
import { fakeServices } from '../../fakes/discord-services.js';
import { japanBriefing, TOPICS } from '../../fixtures/discord/briefing.js';
import { GUILD_ID } from '../../fixtures/discord/interactions.js';
import { startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(fakeServices(TOPICS, {}), {
    poster: { maxRateLimitWaitMs: 5_000 },
  });
});
afterAll(async () => {
  await h?.close();
});

let channelCounter = 700000000000000000n;
/** A fresh channel per test, so each test reads only its own requests. */
function channel(): { channelId: string; path: string } {
  const channelId = String(++channelCounter);
  return { channelId, path: `/api/v10/channels/${channelId}/messages` };
}

const digest = (kind: DigestMessage['kind'] = 'first'): DigestMessage => ({
  briefing: japanBriefing(),
  kind,
  scheduleLabel: 'daily 08:00 Asia/Tokyo',
  idempotencyKey: `sub-1:2026-11-28T08:00`,
});
const target = (channelId: string) => ({ platform: 'discord' as const, workspaceId: GUILD_ID, channelId });
const postsTo = (path: string) => h.fake.requests.filter((r) => r.method === 'POST' && r.path === path);

describe('GIVEN a digest for a channel', () => {
  it('THEN it is posted with the briefing embed, the schedule in the footer, no mentions and a nonce', async () => {
    const { channelId, path } = channel();
    const result = await h.adapter.poster.post(target(channelId), digest());
    expect(result.ok).toBe(true);
    const [req] = postsTo(path);
    const body = req?.body as {
      embeds: APIEmbed[];
      allowed_mentions: unknown;
      nonce: string;
      enforce_nonce: boolean;
    };
    expect(req?.headers.authorization).toMatch(/^Bot /);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds[0]?.footer?.text).toBe('2 sources · daily 08:00 Asia/Tokyo');
    expect(body.enforce_nonce).toBe(true);
    expect(body.nonce.length).toBeLessThanOrEqual(25);
  });

  it('of kind new THEN the title says what is new; of kind quiet THEN one all-quiet line', async () => {
    const a = channel();
    await h.adapter.poster.post(target(a.channelId), digest('new'));
    expect((postsTo(a.path)[0]?.body as { embeds: APIEmbed[] }).embeds[0]?.title).toBe(
      "What's new: Japan defense and the US–Japan alliance",
    );
    const b = channel();
    await h.adapter.poster.post(target(b.channelId), digest('quiet'));
    expect(postsTo(b.path)[0]?.body).toMatchObject({
      content: 'All quiet on "japan-defense": nothing new since the last digest.',
      embeds: [],
    });
  });
});

describe('GIVEN Discord answers 429 then 200', () => {
  it('THEN the poster waits out Retry-After, retries with the same nonce and delivers exactly once', async () => {
    const { channelId, path } = channel();
    h.fake.queue('POST', path, {
      status: 429,
      headers: { 'retry-after': '0.05' },
      body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
    });
    const result = await h.adapter.poster.post(target(channelId), digest());
    expect(result.ok).toBe(true);
    const posts = postsTo(path);
    expect(posts).toHaveLength(2);
    expect((posts[0]?.body as { nonce: string }).nonce).toBe((posts[1]?.body as { nonce: string }).nonce);
  });
});

describe('GIVEN Discord keeps rate-limiting beyond the wait budget', () => {
  it('THEN the post fails as transient with when to retry, without waiting it out', async () => {
    const { channelId, path } = channel();
    h.fake.queue('POST', path, {
      status: 429,
      headers: { 'retry-after': '120' },
      body: { message: 'slow down', retry_after: 120, global: false },
    });
    const result = await h.adapter.poster.post(target(channelId), digest());
    expect(result).toMatchObject({
      ok: false,
      permanent: false,
      code: 'rate_limited',
      retryAfterMs: 120_000,
    });
    expect(postsTo(path)).toHaveLength(1);
  });
});

describe('GIVEN Discord answers 500 once (a second call would get the default 200)', () => {
  it("THEN the poster makes one call and reports a transient server error: retrying is the delivery's call", async () => {
    const { channelId, path } = channel();
    h.fake.queue('POST', path, { status: 500, body: { message: 'Internal Server Error', code: 0 } });
    const result = await h.adapter.poster.post(target(channelId), digest());
    expect(result).toMatchObject({ ok: false, permanent: false, code: 'server_error' });
    expect(result.ok ? '' : result.reason).toContain('500');
    expect(postsTo(path)).toHaveLength(1);
  });

  it('AND after a 429 within the budget THEN the 429 is waited out and the 502 reported after two calls', async () => {
    const { channelId, path } = channel();
    h.fake.queue(
      'POST',
      path,
      {
        status: 429,
        headers: { 'retry-after': '0.05' },
        body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
      },
      { status: 502, body: { message: 'Bad Gateway', code: 0 } },
    );
    const result = await h.adapter.poster.post(target(channelId), digest());
    expect(result).toMatchObject({ ok: false, permanent: false, code: 'server_error' });
    expect(postsTo(path)).toHaveLength(2);
  });
});

describe('GIVEN Discord refuses the post', () => {
  it('403 Missing Permissions THEN a permanent failure naming Send Messages and Embed Links, tried once', async () => {
    const { channelId, path } = channel();
    h.fake.queue('POST', path, { status: 403, body: { message: 'Missing Permissions', code: 50013 } });
    const result = await h.adapter.poster.post(target(channelId), digest());
    expect(result).toMatchObject({ ok: false, permanent: true, code: 'missing_permissions' });
    expect(result.ok ? '' : result.reason).toMatch(/Send Messages/);
    expect(result.ok ? '' : result.reason).toMatch(/Embed Links/);
    expect(postsTo(path)).toHaveLength(1);
  });

  it('403 Missing Access THEN a permanent failure naming View Channel', async () => {
    const { channelId, path } = channel();
    h.fake.queue('POST', path, { status: 403, body: { message: 'Missing Access', code: 50001 } });
    const result = await h.adapter.poster.post(target(channelId), digest());
    expect(result).toMatchObject({ ok: false, permanent: true, code: 'missing_access' });
    expect(result.ok ? '' : result.reason).toContain('View Channel');
  });

  it('404 Unknown Channel THEN a permanent failure saying the channel is gone', async () => {
    const { channelId, path } = channel();
    h.fake.queue('POST', path, { status: 404, body: { message: 'Unknown Channel', code: 10003 } });
    const result = await h.adapter.poster.post(target(channelId), digest());
    expect(result).toMatchObject({ ok: false, permanent: true, code: 'channel_not_found' });
    expect(result.ok ? '' : result.reason).toContain('no longer exists');
  });
});
