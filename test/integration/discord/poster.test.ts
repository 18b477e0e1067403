// Digest posts through the adapter's poster against the fake REST: rate limits waited out and
// delivered once, a server error reported after one call (the delivery owns retries), permission
// problems reported as permanent with the permission named. The poster never throws.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermissionFlagsBits, type APIEmbed } from 'discord.js';
import { briefingOfStories, storiesOf } from '../../../src/core/digest-stories.js';
import type { DigestMessage } from '../../../src/digests/ports.js';
import { discordServices } from '../../fakes/discord-services.js';
import { japanBriefing, TOPICS } from '../../fixtures/discord/briefing.js';
import { GUILD_ID } from '../../fixtures/discord/interactions.js';
import { startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(discordServices(TOPICS, {}), {
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

it('citing three articles from two outlets THEN the footer counts 2 sources (outlets, as on Slack), and a story reply too', async () => {
  const base = japanBriefing();
  const apAgain = { ...base.articles[0]!, id: 'ap-2', url: 'https://apnews.com/article/second' };
  const briefing = {
    ...base,
    points: [...base.points, { text: 'AP reported the budget vote.', articleIds: ['ap-2'] }],
    articles: [...base.articles, apAgain],
  };
  const { channelId, path } = channel();
  await h.adapter.poster.post(target(channelId), { ...digest(), briefing });
  const embed = (postsTo(path)[0]?.body as { embeds: APIEmbed[] }).embeds[0];
  expect(embed?.fields?.[0]?.value.split('\n')).toHaveLength(3);
  expect(embed?.footer?.text).toBe('2 sources · daily 08:00 Asia/Tokyo');

  const story = {
    ...briefing,
    points: [briefing.points[0]!, briefing.points[3]!],
    articles: [base.articles[0]!, apAgain],
  };
  const parent = await h.adapter.poster.post(target(channelId), { ...digest(), briefing });
  const parentId = parent.ok ? (parent.value.messageId as string) : '';
  await h.adapter.poster.postReply!(
    target(channelId),
    { parentId, threadId: parentId },
    { briefing: story, position: 1, update: false, idempotencyKey: 'sub-1:slot:outlets' },
  );
  const reply = postsTo(`/api/v10/channels/${parentId}/messages`)[0]?.body as {
    embeds: APIEmbed[];
  };
  expect(reply.embeds[0]?.footer?.text).toBe('1 source');
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
      error: { permanent: false, code: 'rate_limited', retryAfterMs: 120_000 },
    });
    expect(postsTo(path)).toHaveLength(1);
  });
});

describe('GIVEN Discord answers 500 once (a second call would get the default 200)', () => {
  it("THEN the poster makes one call and reports a transient server error: retrying is the delivery's call", async () => {
    const { channelId, path } = channel();
    h.fake.queue('POST', path, { status: 500, body: { message: 'Internal Server Error', code: 0 } });
    const result = await h.adapter.poster.post(target(channelId), digest());
    expect(result).toMatchObject({ ok: false, error: { permanent: false, code: 'server_error' } });
    expect(result.ok ? '' : result.error.reason).toContain('500');
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
    expect(result).toMatchObject({ ok: false, error: { permanent: false, code: 'server_error' } });
    expect(postsTo(path)).toHaveLength(2);
  });
});

describe('GIVEN Discord refuses the post', () => {
  it('403 Missing Permissions THEN a permanent failure naming Send Messages and Embed Links, tried once', async () => {
    const { channelId, path } = channel();
    h.fake.queue('POST', path, { status: 403, body: { message: 'Missing Permissions', code: 50013 } });
    const result = await h.adapter.poster.post(target(channelId), digest());
    expect(result).toMatchObject({ ok: false, error: { permanent: true, code: 'missing_permissions' } });
    expect(result.ok ? '' : result.error.reason).toMatch(/Send Messages/);
    expect(result.ok ? '' : result.error.reason).toMatch(/Embed Links/);
    expect(postsTo(path)).toHaveLength(1);
  });

  it('403 Missing Access THEN a permanent failure naming View Channel', async () => {
    const { channelId, path } = channel();
    h.fake.queue('POST', path, { status: 403, body: { message: 'Missing Access', code: 50001 } });
    const result = await h.adapter.poster.post(target(channelId), digest());
    expect(result).toMatchObject({ ok: false, error: { permanent: true, code: 'missing_access' } });
    expect(result.ok ? '' : result.error.reason).toContain('View Channel');
  });

  it('404 Unknown Channel THEN a permanent failure saying the channel is gone', async () => {
    const { channelId, path } = channel();
    h.fake.queue('POST', path, { status: 404, body: { message: 'Unknown Channel', code: 10003 } });
    const result = await h.adapter.poster.post(target(channelId), digest());
    expect(result).toMatchObject({ ok: false, error: { permanent: true, code: 'channel_not_found' } });
    expect(result.ok ? '' : result.error.reason).toContain('no longer exists');
  });
});

describe('GIVEN a threaded digest', () => {
  const stories = storiesOf(japanBriefing()).map((s, i) => ({ ...s, update: i === 1 }));
  const threaded = (): DigestMessage => ({
    ...digest('new'),
    stories: stories.slice(0, 2),
    more: 1,
    threaded: true,
  });

  it('THEN the parent lists the stories, a thread is started from it and each reply goes in the thread with feedback buttons', async () => {
    const { channelId, path } = channel();
    const parent = await h.adapter.poster.post(target(channelId), threaded());
    expect(parent.ok).toBe(true);
    const parentBody = postsTo(path)[0]?.body as { embeds: APIEmbed[] };
    expect(parentBody.embeds[0]?.description).toContain('1. Biden hailed Japan');
    expect(parentBody.embeds[0]?.description).toContain('2. **Update:** Kishida said');
    expect(parentBody.embeds[0]?.description).toContain('and 1 more story: `/brief japan-defense`');
    const parentId = parent.ok ? (parent.value.messageId as string) : '';

    const thread = await h.adapter.poster.openThread!(target(channelId), parentId, 'Japan defense, 28 Nov');
    expect(thread).toEqual({ ok: true, value: { messageId: parentId } });
    expect(h.fake.threads.get(parentId)).toEqual({ parentId: channelId, name: 'Japan defense, 28 Nov' });
    // Asked again (an attempt that crashed before recording it): the same thread, not an error.
    expect(await h.adapter.poster.openThread!(target(channelId), parentId, 'again')).toEqual(thread);

    const reply = await h.adapter.poster.postReply!(
      target(channelId),
      { parentId, threadId: parentId },
      {
        briefing: briefingOfStories(japanBriefing(), [stories[0]!]),
        position: 1,
        update: false,
        idempotencyKey: 'sub-1:slot:1',
        storyRef: 'ref9',
      },
    );
    expect(reply.ok).toBe(true);
    const [inThread] = postsTo(`/api/v10/channels/${parentId}/messages`);
    const body = inThread?.body as {
      embeds: APIEmbed[];
      components: { components: { custom_id: string }[] }[];
    };
    expect(body.embeds[0]?.title).toContain('1. Biden hailed');
    expect(body.components[0]?.components.map((c) => c.custom_id)).toEqual([
      'nb_fb:up:ref9',
      'nb_fb:down:ref9',
      'nb_fb:mute:ref9',
    ]);
  });

  it('THEN a channel where the bot has both thread permissions needs nothing more', async () => {
    const { channelId } = channel();
    expect(await h.adapter.poster.missingThreadRights!(target(channelId))).toEqual([]);
  });

  it('AND a channel denying Send Messages in Threads THEN the reason names that permission', async () => {
    const { channelId } = channel();
    h.fake.guildOf.set(channelId, GUILD_ID);
    h.fake.denyInChannel(channelId, GUILD_ID, PermissionFlagsBits.SendMessagesInThreads);
    const missing = await h.adapter.poster.missingThreadRights!(target(channelId));
    expect(missing).toHaveLength(1);
    expect(missing[0]).toContain('Send Messages in Threads');
    expect(missing[0]).not.toContain('Create Public Threads');
  });

  it('AND a channel denying both THEN both are named', async () => {
    const { channelId } = channel();
    h.fake.guildOf.set(channelId, GUILD_ID);
    h.fake.denyInChannel(
      channelId,
      GUILD_ID,
      PermissionFlagsBits.SendMessagesInThreads | PermissionFlagsBits.CreatePublicThreads,
    );
    const [reason] = await h.adapter.poster.missingThreadRights!(target(channelId));
    expect(reason).toContain('Create Public Threads and Send Messages in Threads permissions');
  });
});
