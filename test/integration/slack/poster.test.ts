// The digest poster against the fake Web API: 429 Retry-After waited out within the budget, 5xx
// reported after one call (the delivery owns retries), and errors no retry can fix. Waits go
// through an injected sleep that records them, so the tests see every wait without spending it.
import pino from 'pino';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackPoster } from '../../../src/adapters/slack/poster.js';
import { FEEDBACK_ACTIONS } from '../../../src/adapters/slack/render.js';
import { briefingOfStories, storiesOf } from '../../../src/core/digest-stories.js';
import { apiBase } from '../../../src/adapters/slack/index.js';
import type { ChannelTarget, DigestMessage } from '../../../src/digests/ports.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';
import { BRIEFING, slackServices } from '../../fakes/slack-services.js';
import { startTestSlackAdapter } from '../../fakes/slack-adapter.js';

const target: ChannelTarget = { platform: 'slack', workspaceId: 'T1', channelId: 'C0DIGEST' };
const digest = (kind: DigestMessage['kind'] = 'new'): DigestMessage => ({
  briefing: BRIEFING,
  kind,
  scheduleLabel: 'daily 08:00 Asia/Tokyo',
  idempotencyKey: `sub1:${kind}`,
});

let api: FakeSlackApi;
let waits: number[];

function poster(maxRateLimitWaitMs = 60_000) {
  const client = new webApi.WebClient('xoxb-test-token', {
    slackApiUrl: apiBase(api.apiUrl),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  return createSlackPoster({
    client,
    log: pino({ level: 'silent' }),
    options: { maxRateLimitWaitMs, sleep },
  });
}

const posts = () => api.callsOf('chat.postMessage');

beforeAll(async () => {
  api = await startFakeSlackApi();
});
afterAll(() => api.close());
beforeEach(() => {
  api.calls.length = 0;
  waits = [];
});

describe('GIVEN Slack answers chat.postMessage with 429 Retry-After: 7, then 200', () => {
  it('THEN the poster waits 7 s once, posts once more and succeeds: not lost, not doubled', async () => {
    api.script('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '7' },
      body: { ok: false, error: 'ratelimited' },
    });
    const result = await poster().post(target, digest());
    expect(result).toMatchObject({ ok: true });
    expect(waits).toEqual([7000]);
    expect(posts()).toHaveLength(2);
  });
});

describe('GIVEN Slack keeps asking to wait longer than the allowed total', () => {
  it('THEN the poster gives up without waiting and reports a transient rate limit with when to retry', async () => {
    api.script('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '120' },
      body: { ok: false, error: 'ratelimited' },
    });
    const result = await poster(60_000).post(target, digest());
    expect(result).toMatchObject({
      ok: false,
      error: { permanent: false, code: 'rate_limited', retryAfterMs: 120_000 },
    });
    expect(waits).toEqual([]);
    expect(posts()).toHaveLength(1);
  });
});

describe('GIVEN Slack answers 500 once (a second call would get the default 200)', () => {
  it("THEN the poster makes one call and reports a transient server error, without waiting: retrying is the delivery's call", async () => {
    api.script('chat.postMessage', { status: 500, body: {} });
    const result = await poster().post(target, digest());
    expect(result).toMatchObject({ ok: false, error: { permanent: false, code: 'server_error' } });
    expect(result.ok ? 0 : result.error.retryAfterMs).toBeUndefined();
    expect(posts()).toHaveLength(1);
    expect(waits).toEqual([]);
  });
});

describe('GIVEN a 429 within the budget, then a 503', () => {
  it('THEN the poster waits out the 429 once and reports the 503 as transient after two calls', async () => {
    api.script(
      'chat.postMessage',
      { status: 429, headers: { 'retry-after': '2' }, body: { ok: false, error: 'ratelimited' } },
      { status: 503, body: {} },
    );
    const result = await poster().post(target, digest());
    expect(result).toMatchObject({ ok: false, error: { permanent: false, code: 'server_error' } });
    expect(waits).toEqual([2000]);
    expect(posts()).toHaveLength(2);
  });
});

describe('GIVEN the channel is gone', () => {
  it('THEN channel_not_found is reported permanent with a sentence to act on, and not retried', async () => {
    api.script('chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
    const result = await poster().post(target, digest());
    expect(result).toMatchObject({ ok: false, error: { permanent: true, code: 'channel_not_found' } });
    if (!result.ok) expect(result.error.reason).toContain('/invite @newsbrief');
    expect(posts()).toHaveLength(1);
  });

  it('THEN missing_scope names the scope the app lacks', async () => {
    api.script('chat.postMessage', {
      body: { ok: false, error: 'missing_scope', needed: 'chat:write', provided: 'commands' },
    });
    const result = await poster().post(target, digest());
    expect(result).toMatchObject({ ok: false, error: { permanent: true, code: 'missing_scope' } });
    if (!result.ok) expect(result.error.reason).toContain('`chat:write`');
  });
});

describe('GIVEN digests of each kind', () => {
  it('THEN "new" is headed "What\'s new in …", "first" by the title, "quiet" is the all-quiet line; unfurls off, no share button', async () => {
    await poster().post(target, digest('new'));
    await poster().post(target, digest('first'));
    await poster().post(target, digest('quiet'));
    const [n, f, q] = posts().map((c) => c.params);
    expect(JSON.stringify(n?.blocks)).toContain("What's new in Japan defense");
    expect(JSON.stringify(f?.blocks)).toContain('"text":"Japan defense and the US–Japan alliance"');
    expect(JSON.stringify(f?.blocks)).toContain('daily 08:00 Asia/Tokyo');
    expect(String(q?.text)).toContain('All quiet');
    for (const p of [n, f]) {
      expect(p).toMatchObject({ channel: 'C0DIGEST', unfurl_links: 'false', unfurl_media: 'false' });
      expect(JSON.stringify(p?.blocks)).not.toContain('brief_share');
    }
  });
});

describe("GIVEN the adapter's own poster (real WebClient settings from startSlackAdapter)", () => {
  it('THEN a 429 with Retry-After: 0 then 200 posts once more and succeeds', async () => {
    const adapter = await startTestSlackAdapter(api.apiUrl, {
      services: slackServices(),
      poster: { maxRateLimitWaitMs: 1_000 },
    });
    try {
      api.calls.length = 0;
      api.script('chat.postMessage', {
        status: 429,
        headers: { 'retry-after': '0' },
        body: { ok: false, error: 'ratelimited' },
      });
      const result = await adapter.poster.post(target, digest());
      expect(result.ok).toBe(true);
      expect(posts()).toHaveLength(2);
    } finally {
      await adapter.stop();
    }
  });
});

describe('GIVEN a threaded digest of two stories', () => {
  const stories = storiesOf(BRIEFING).map((s, i) => ({ ...s, update: i === 1 }));
  const threaded: DigestMessage = { ...digest('new'), stories: stories.slice(0, 2), more: 3, threaded: true };

  it('THEN the parent lists one line per story (an update marked) with the "more" line, and no points or buttons', async () => {
    const result = await poster().post(target, threaded);
    expect(result.ok).toBe(true);
    const parent = JSON.stringify(posts()[0]?.params.blocks);
    expect(parent).toContain('1. Biden praised Japan');
    expect(parent).toContain('2. *Update:* Japan plans to double');
    expect(parent).toContain('and 3 more stories: `/brief japan-defense`');
    expect(parent).not.toContain('Hackers wrote');
    expect(posts()[0]?.params.thread_ts).toBeUndefined();
  });

  it('THEN each reply goes under the parent (thread_ts) with its points, sources and the feedback buttons', async () => {
    const p = poster();
    const parent = await p.post(target, threaded);
    const parentId = parent.ok ? (parent.value.messageId as string) : '';
    const thread = await p.openThread!(target, parentId, 'Japan defense');
    expect(thread).toEqual({ ok: true, value: { messageId: parentId } });
    const story = stories[0]!;
    const reply = await p.postReply!(
      target,
      { parentId, threadId: parentId },
      {
        briefing: briefingOfStories(BRIEFING, [story]),
        position: 1,
        update: false,
        idempotencyKey: 'sub1:slot:1',
        storyRef: 'ref-1',
      },
    );
    expect(reply.ok).toBe(true);
    const call = posts()[1];
    expect(call?.params.thread_ts).toBe(parentId);
    const blocks = JSON.stringify(call?.params.blocks);
    expect(blocks).toContain('Biden praised Japan');
    expect(blocks).toContain('apnews.example/biden-kishida');
    for (const action of Object.values(FEEDBACK_ACTIONS)) expect(blocks).toContain(`"action_id":"${action}"`);
    expect(blocks).toContain('"value":"ref-1"');
  });
});
