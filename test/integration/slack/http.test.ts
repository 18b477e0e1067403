// The real Bolt app in HTTP mode, started through startSlackAdapter, against the local fake Web
// API, with requests signed exactly as Slack signs them.
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { message } from '../../../src/core/messages.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';
import { SIGNING_SECRET, postSigned, shareClick, sign, slashCommand } from '../../fakes/slack-requests.js';
import { slackServices, type FakeServices } from '../../fakes/slack-services.js';
import { startTestSlackAdapter } from '../../fakes/slack-adapter.js';

let api: FakeSlackApi;
let adapter: SlackAdapter;
let services: FakeServices;
let base: string;
let n = 0;

beforeAll(async () => {
  api = await startFakeSlackApi();
  services = slackServices();
  adapter = await startTestSlackAdapter(api.apiUrl, {
    services,
    managers: ['U0MANAGER'],
    poster: { maxRateLimitWaitMs: 0 },
    ackDeadlineMs: 1_000,
  });
  base = `http://127.0.0.1:${adapter.port}`;
});

afterAll(async () => {
  await adapter.stop();
  await api.close();
});

afterEach(() => {
  services.subscribed.length = 0;
});

/** A fresh response_url on the fake for each request. */
const responseUrl = () => `${api.url}/respond/r${++n}`;
const allText = (json: unknown) => JSON.stringify(json);

async function command(text: string, overrides: Record<string, string> = {}) {
  const res = await postSigned(base, slashCommand(text, responseUrl(), overrides));
  expect(res.status).toBe(200);
  return res.json as { response_type: string; text: string; blocks: Array<Record<string, unknown>> };
}

describe('GIVEN the adapter in HTTP mode', () => {
  it('THEN it verified the bot token with auth.test using the bot token', () => {
    expect(api.callsOf('auth.test')).toHaveLength(1);
    expect(api.callsOf('auth.test')[0]?.token).toBe('xoxb-test-token');
  });

  it('THEN GET /healthz answers 200 {"ok":true}', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('THEN a signed url_verification gets its challenge back', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'chal-123', token: 'x' });
    const res = await postSigned(base, body, { contentType: 'application/json' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: 'chal-123' });
  });
});

describe('GIVEN a /brief request whose signature or timestamp is wrong', () => {
  const cases: Array<[string, Parameters<typeof sign>[1]]> = [
    ['signed with the wrong secret', { secret: 'not-the-secret' }],
    ['six minutes old', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
    ['six minutes in the future', { timestamp: Math.floor(Date.now() / 1000) + 6 * 60 }],
    ['an hour in the future', { timestamp: Math.floor(Date.now() / 1000) + 3600 }],
  ];
  for (const [what, options] of cases) {
    it(`THEN a request ${what} gets 401 and is not processed`, async () => {
      const before = services.briefCalls;
      const res = await postSigned(base, slashCommand('japan-defense', responseUrl()), options);
      expect(res.status).toBe(401);
      expect(res.text).toBe('');
      expect(services.briefCalls).toBe(before);
    });
  }

  it('THEN a tampered body gets 401', async () => {
    const body = slashCommand('japan-defense', responseUrl());
    const headers = sign(body);
    const res = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers,
      body: body.replace('japan-defense', 'help'),
    });
    expect(res.status).toBe(401);
  });

  it('THEN a request two minutes ahead (ordinary clock skew) is still answered', async () => {
    const res = await postSigned(base, slashCommand('japan-defense', responseUrl()), {
      timestamp: Math.floor(Date.now() / 1000) + 120,
    });
    expect(res.status).toBe(200);
  });
});

describe('GIVEN signed /brief commands', () => {
  it('THEN /brief japan-defense is answered in the ack with the briefing blocks, ephemeral, with a share button', async () => {
    const ack = await command('japan-defense');
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'Japan defense and the US–Japan alliance' },
    });
    const json = allText(ack);
    expect(json).toContain('<https://apnews.example/biden-kishida|AP>');
    expect(json).toContain('brief_share');
    expect(json).not.toContain('<!channel>');
    expect(ack.text).toContain('Japan defense');
  });

  it('THEN /brief nosuchtopic gets an ephemeral suggestion, not an error ping', async () => {
    const ack = await command('japan-defence');
    expect(ack.response_type).toBe('ephemeral');
    expect(allText(ack)).toContain('`japan-defense`');
  });

  it('THEN /brief and /brief help list the commands and topics', async () => {
    for (const text of ['', 'help']) {
      const json = allText(await command(text));
      expect(json).toContain('/brief subscribe');
      expect(json).toContain('japan-defense');
    }
  });

  it('THEN /brief topics lists each topic with its article count', async () => {
    expect(allText(await command('topics'))).toContain('(2 articles');
  });

  it('THEN /brief status shows a failing source with its error', async () => {
    const json = allText(await command('status'));
    expect(json).toContain('HTTP 503');
    expect(json).toContain('3 in a row');
  });

  it('THEN a workspace admin can subscribe, list and unsubscribe, and the team id is kept', async () => {
    api.users.U0ADMIN = { is_admin: true };
    const sub = await command('subscribe japan-defense daily 08:00 Asia/Tokyo', { user_id: 'U0ADMIN' });
    expect(allText(sub)).toContain('Subscribed this channel');
    expect(services.subscribed[0]?.invocation).toMatchObject({
      platform: 'slack',
      workspaceId: 'T1',
      channelId: 'C0CHAN',
      userId: 'U0ADMIN',
    });
    expect(await services.subscribed[0]?.invocation.rights.canManage()).toBe(true);
    expect(allText(await command('subscriptions'))).toContain('daily 08:00');
    expect(allText(await command('unsubscribe japan-defense', { user_id: 'U0ADMIN' }))).toContain(
      'will no longer get',
    );
  });

  it('THEN a member who is not an admin is refused subscribe, and nothing is subscribed', async () => {
    const ack = await command('subscribe japan-defense hourly', { user_id: 'U0MEMBER' });
    expect(allText(ack)).toContain('Only people who can manage this channel');
    expect(services.subscribed).toHaveLength(0);
    expect(api.callsOf('users.info').some((c) => c.params.user === 'U0MEMBER')).toBe(true);
  });

  it("THEN an admin's second subscribe soon after does not ask Slack again (cached)", async () => {
    api.users.U0BUSYADMIN = { is_admin: true };
    await command('subscribe japan-defense hourly', { user_id: 'U0BUSYADMIN' });
    await command('unsubscribe japan-defense', { user_id: 'U0BUSYADMIN' });
    expect(api.callsOf('users.info').filter((c) => c.params.user === 'U0BUSYADMIN')).toHaveLength(1);
  });

  it('THEN commands that need no rights never call users.info', async () => {
    const before = api.callsOf('users.info').length;
    await command('japan-defense', { user_id: 'U0READER' });
    await command('topics', { user_id: 'U0READER' });
    expect(api.callsOf('users.info')).toHaveLength(before);
  });

  it('THEN a configured manager may subscribe without Slack being asked', async () => {
    const ack = await command('subscribe japan-defense hourly', { user_id: 'U0MANAGER' });
    expect(allText(ack)).toContain('Subscribed this channel');
    expect(api.callsOf('users.info').some((c) => c.params.user === 'U0MANAGER')).toBe(false);
  });

  it('THEN /brief japan-defense share answers in the channel, saying who shared it, link previews off', async () => {
    const ack = await command('japan-defense share');
    expect(ack.response_type).toBe('in_channel');
    expect(ack).toMatchObject({ unfurl_links: false, unfurl_media: false });
    expect(allText(ack)).toContain('Shared by <@U0ALICE>');
    expect(allText(ack)).not.toContain('brief_share');
  });

  it('THEN echoed mentions in a command are inert', async () => {
    const json = allText(await command('<!everyone>'));
    expect(json).not.toContain('<!everyone>');
    expect(json).toContain('&lt;!everyone&gt;');
  });
});

describe('GIVEN the "Share in channel" button is clicked', () => {
  it('THEN the briefing is posted to the channel with who shared it, unfurls off, and the private copy is removed', async () => {
    const url = responseUrl();
    const res = await postSigned(base, shareClick('japan-defense', url));
    expect(res.status).toBe(200);
    const post = await api.nextCall('chat.postMessage', (c) =>
      String(c.params.text).includes('Japan defense'),
    );
    expect(post.token).toBe('xoxb-test-token');
    expect(post.params).toMatchObject({ channel: 'C0CHAN', unfurl_links: 'false', unfurl_media: 'false' });
    expect(JSON.stringify(post.params.blocks)).toContain('Shared by <@U0ALICE>');
    expect(JSON.stringify(post.params.blocks)).not.toContain('brief_share');
    const done = await api.nextResponse((r) => url.endsWith(r.id));
    expect(done.body).toMatchObject({ delete_original: true });
  });

  it('THEN when the bot is not in the channel, the clicker is told to invite it', async () => {
    api.script('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    const url = responseUrl();
    await postSigned(base, shareClick('japan-defense', url));
    const reply = await api.nextResponse((r) => url.endsWith(r.id));
    expect(reply.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(reply.body)).toContain('/invite @newsbrief');
  });
});

describe('GIVEN a command whose answer is not ready by the ack deadline (Slack slow on users.info)', () => {
  it('THEN it is acked at once with "working on it" and the answer arrives through response_url', async () => {
    api.users.U0SLOWADMIN = { is_owner: true };
    const release = api.hold('users.info');
    const url = responseUrl();
    const res = await postSigned(
      base,
      slashCommand('subscribe japan-defense weekdays 08:00', url, { user_id: 'U0SLOWADMIN' }),
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: 'ephemeral', text: message('SLACK_WORKING') });
    expect(services.subscribed).toHaveLength(0);
    release();
    const answer = await api.nextResponse((r) => url.endsWith(r.id));
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    expect(JSON.stringify(answer.body.blocks)).toContain('Subscribed this channel');
    expect(services.subscribed).toHaveLength(1);
  });
});

describe('GIVEN Slack rejects the bot token at start', () => {
  it('THEN startSlackAdapter refuses to start and says what to do', async () => {
    api.script('auth.test', { body: { ok: false, error: 'invalid_auth' } });
    const start = startSlackAdapter({
      settings: { botToken: 'xoxb-revoked', signingSecret: SIGNING_SECRET, apiUrl: api.apiUrl },
      port: 0,
      host: '127.0.0.1',
      services,
      managers: [],
      log: pino({ level: 'silent' }),
    });
    await expect(start).rejects.toThrow(/invalid_auth.*SLACK_BOT_TOKEN/);
  });
});
