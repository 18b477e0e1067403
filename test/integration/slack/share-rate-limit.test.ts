// "Share in channel" when Slack answers chat.postMessage with 429: the real Bolt app against the
// fake Web API. The share is posted once, after Slack's Retry-After, or the clicker is told why not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { message } from '../../../src/core/messages.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';
import { postSigned, shareClick } from '../../fakes/slack-requests.js';
import { slackServices } from '../../fakes/slack-services.js';
import { startTestSlackAdapter } from '../../fakes/slack-adapter.js';

let api: FakeSlackApi;
let adapter: SlackAdapter;
let base: string;
let n = 0;

beforeAll(async () => {
  api = await startFakeSlackApi();
  adapter = await startTestSlackAdapter(api.apiUrl, {
    services: slackServices(),
    poster: { maxRateLimitWaitMs: 0 },
    shareMaxWaitMs: 3_000,
  });
  base = `http://127.0.0.1:${adapter.port}`;
});

afterAll(async () => {
  await adapter.stop();
  await api.close();
});

const responseUrl = () => `${api.url}/respond/share${++n}`;
const rateLimited = (seconds: number) => ({
  status: 429,
  headers: { 'retry-after': String(seconds) },
  body: { ok: false, error: 'ratelimited' },
});
const postsSoFar = () => api.callsOf('chat.postMessage').length;

describe('GIVEN Slack answers the share with 429 Retry-After: 1', () => {
  it('THEN the briefing is posted once, no sooner than Retry-After, and the private copy is removed', async () => {
    api.script('chat.postMessage', rateLimited(1));
    const before = postsSoFar();
    const url = responseUrl();
    await postSigned(base, shareClick('japan-defense', url));
    await api.nextCall('chat.postMessage', () => postsSoFar() > before);
    const limitedAt = Date.now();
    const done = await api.nextResponse((r) => url.endsWith(r.id));
    const postedAfterMs = Date.now() - limitedAt;

    expect(done.body).toMatchObject({ delete_original: true });
    const posts = api.callsOf('chat.postMessage').slice(before);
    expect(posts).toHaveLength(2); // the refused one and the one that went through
    expect(posts[1]?.params).toMatchObject({ channel: 'C0CHAN' });
    expect(JSON.stringify(posts[1]?.params.blocks)).toContain('Shared by <@U0ALICE>');
    // Slack asked for a second; posting earlier would only be refused again.
    expect(postedAfterMs).toBeGreaterThanOrEqual(900);
  });
});

describe('GIVEN Slack asks for a longer wait than the share will spend', () => {
  it('THEN nothing more is posted and the clicker is told to press the button again', async () => {
    api.script('chat.postMessage', rateLimited(30));
    const before = postsSoFar();
    const url = responseUrl();
    await postSigned(base, shareClick('japan-defense', url));
    const reply = await api.nextResponse((r) => url.endsWith(r.id));

    expect(reply.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.body)).toContain(
      JSON.stringify(message('SLACK_SHARE_RATE_LIMITED')).slice(1, -1),
    );
    expect(postsSoFar() - before).toBe(1);
  });
});

describe('GIVEN Slack answers the share with a 500', () => {
  it('THEN it is not posted a second time (the first may have gone through) and the clicker is told', async () => {
    api.script('chat.postMessage', { status: 500, body: { ok: false } });
    const before = postsSoFar();
    const url = responseUrl();
    await postSigned(base, shareClick('japan-defense', url));
    const reply = await api.nextResponse((r) => url.endsWith(r.id));

    expect(JSON.stringify(reply.body)).toContain('temporary error');
    expect(postsSoFar() - before).toBe(1);
  });
});
