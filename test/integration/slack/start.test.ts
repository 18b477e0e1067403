// The "done when" of the Slack issue, end to end: `newsbrief start` (the real bin, as `npm start`
// runs it) with the Slack variables pointing at a local fake Web API serves /slack/events: a signed
// /brief japan-defense gets the briefing blocks, a wrongly signed one 401, an unknown topic an
// ephemeral suggestion; and the process stops cleanly on SIGTERM.
import { beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';
import { postSigned, SIGNING_SECRET, slashCommand } from '../../fakes/slack-requests.js';
import { botTestBed, type SlackBot } from '../cli/run.js';

const BOT_TOKEN = 'xoxb-start-test-token-123456';
const bed = botTestBed('newsbrief-slack-');
let fake: FakeSlackApi;
let bot: SlackBot;
let base = '';

beforeAll(async () => {
  fake = bed.closeAfter(await startFakeSlackApi());
  bot = await bed.startBot(
    { NEWSBRIEF_DB: bed.path('newsbrief.db'), LOG_LEVEL: 'debug', SLACK_BOT_TOKEN: BOT_TOKEN },
    fake.apiUrl,
  );
  base = bot.base;
});

describe('GIVEN npm start with SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_API_URL set', () => {
  it('THEN GET /healthz answers ok', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
  });

  it('THEN a signed /brief japan-defense is answered with the briefing blocks, privately', async () => {
    const r = await postSigned(base, slashCommand('japan-defense', `${fake.url}/respond/1`));
    expect(r.status).toBe(200);
    const body = r.json ?? (await fake.nextResponse()).body;
    expect(body.response_type).toBe('ephemeral');
    const blocks = body.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]?.type).toBe('header');
    expect(blocks[0]?.text?.text).toBe('Japan defense and the US–Japan alliance');
    expect(JSON.stringify(blocks)).toContain('Kishida');
  });

  it('THEN a wrongly signed request gets 401 and nothing is processed', async () => {
    const before = fake.calls.length + fake.responses.length;
    const r = await postSigned(base, slashCommand('japan-defense', `${fake.url}/respond/2`), {
      secret: 'wrong-secret',
    });
    expect(r.status).toBe(401);
    expect(fake.calls.length + fake.responses.length).toBe(before);
  });

  it('THEN /brief nosuchtopic gets a private reply naming the topics there are', async () => {
    const r = await postSigned(base, slashCommand('nosuchtopic', `${fake.url}/respond/3`));
    expect(r.status).toBe(200);
    const body = r.json ?? (await fake.nextResponse()).body;
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body)).toContain('japan-defense');
  });

  it('THEN an admin subscribing the channel to a digest gets it posted once, and not again with nothing new', async () => {
    fake.users.U0ALICE = { is_admin: true };
    const r = await postSigned(
      base,
      slashCommand('subscribe japan-defense "*/2 * * * * *" Asia/Tokyo', `${fake.url}/respond/4`),
    );
    expect(r.status).toBe(200);
    const body = r.json ?? (await fake.nextResponse()).body;
    expect(JSON.stringify(body)).toContain('Subscribed this channel to');
    const post = await fake.nextCall('chat.postMessage', (c) => c.params.channel === 'C0CHAN');
    expect(JSON.stringify(post.params.blocks)).toContain('Kishida');
    expect(String(post.params.unfurl_links)).toBe('false');
    // Several more slots pass; with nothing new since the first digest, nothing more is posted.
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect(fake.callsOf('chat.postMessage').filter((c) => c.params.channel === 'C0CHAN')).toHaveLength(1);
  });

  it('THEN the logs never contain the token or the signing secret', () => {
    expect(bot.stderr()).not.toContain(BOT_TOKEN);
    expect(bot.stderr()).not.toContain(SIGNING_SECRET);
  });
});
