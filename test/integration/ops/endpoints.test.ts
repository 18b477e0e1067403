// /metrics and /healthz on the real bot (the bin, as `npm start` runs it): over Slack HTTP they
// sit beside /slack/events; with Discord (no HTTP endpoint of its own) a small server on PORT
// answers them. Figures are read back from Prometheus' text format, as a scraper would.
import { beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord } from '../../fakes/discord-server.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';
import { postSigned, slashCommand } from '../../fakes/slack-requests.js';
import { APP_ID } from '../../fixtures/discord/interactions.js';
import { TOKEN } from '../discord/helpers.js';
import { botTestBed, numberFromLogs, startBot, type RunningBot, type SlackBot } from '../cli/run.js';
import { sample } from '../../support/metrics.js';
import type { HealthReport } from '../../../src/ops/health.js';

describe('GIVEN the bot running Slack over HTTP', () => {
  const bed = botTestBed('newsbrief-ops-');
  let fake: FakeSlackApi;
  let bot: SlackBot;
  let base = '';

  beforeAll(async () => {
    fake = bed.closeAfter(await startFakeSlackApi());
    // Rights are cached per user: the refused subscribe below must not make Alice a non-admin.
    fake.users.U0ALICE = { is_admin: true };
    bot = await bed.startBot(
      {
        NEWSBRIEF_DB: bed.path('newsbrief.db'),
        LOG_LEVEL: 'debug',
        SLACK_BOT_TOKEN: 'xoxb-ops-test-token-123456',
      },
      fake.apiUrl,
    );
    base = bot.base;
  });

  it('WHEN /brief is asked twice and subscribe without arguments once THEN /metrics counts each command by outcome, with its latency', async () => {
    await postSigned(base, slashCommand('japan-defense', `${fake.url}/respond/1`));
    await postSigned(base, slashCommand('japan-defense', `${fake.url}/respond/2`));
    await postSigned(base, slashCommand('subscribe', `${fake.url}/respond/3`));
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(
      sample(text, 'newsbrief_commands_total', { command: 'topic', platform: 'slack', outcome: 'ok' }),
    ).toBe(2);
    expect(sample(text, 'newsbrief_commands_total', { command: 'subscribe', outcome: 'refused' })).toBe(1);
    expect(sample(text, 'newsbrief_command_duration_seconds_count', { command: 'topic' })).toBe(2);
    expect(sample(text, 'newsbrief_command_duration_seconds_sum', { command: 'topic' })).toBeGreaterThan(0);
  });

  it('THEN /metrics counts the seed source read and its article stored, and the process figures', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(
      sample(text, 'newsbrief_source_fetches_total', { source: 'seed', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'newsbrief_source_failures_total', { source: 'seed' })).toBeUndefined();
    expect(sample(text, 'newsbrief_articles_stored_total', { source: 'seed', status: 'new' })).toBe(1);
    expect(sample(text, 'newsbrief_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('WHEN a digest is posted THEN /metrics counts it as posted', async () => {
    const r = await postSigned(
      base,
      slashCommand('subscribe japan-defense "*/2 * * * * *" UTC', `${fake.url}/respond/4`),
    );
    expect(JSON.stringify(r.json)).toContain('Subscribed this channel');
    await fake.nextCall('chat.postMessage', (c) => c.params.channel === 'C0CHAN');
    let text = '';
    for (let i = 0; i < 50; i++) {
      text = await (await fetch(`${base}/metrics`)).text();
      if (sample(text, 'newsbrief_digests_total', { platform: 'slack', outcome: 'posted' }) === 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(sample(text, 'newsbrief_digests_total', { platform: 'slack', outcome: 'posted' })).toBe(1);
  });

  it('THEN /healthz names the Slack adapter (up, http) and the store (ok)', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as HealthReport;
    expect(body).toMatchObject({ ok: true, status: 'ok', store: { state: 'ok' } });
    expect(body.adapters.slack).toMatchObject({ state: 'up', mode: 'http' });
  });
});

describe('GIVEN the bot running Discord only, with PORT set', () => {
  const bed = botTestBed('newsbrief-ops-discord-');
  let bot: RunningBot;

  beforeAll(async () => {
    const fake = bed.closeAfter(await startFakeDiscord(APP_ID));
    bot = bed.stopAfter(
      startBot({
        NEWSBRIEF_DB: bed.path('newsbrief.db'),
        LOG_LEVEL: 'debug',
        PORT: '0',
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_API_URL: fake.apiUrl,
      }),
    );
  });

  it('THEN /healthz on PORT names the Discord adapter up and the store ok, and /metrics answers', async () => {
    const port = await numberFromLogs(bot, /"port":(\d+)[^\n]*"msg":"serving \/healthz and \/metrics"/);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as HealthReport;
    expect(body).toMatchObject({ ok: true, status: 'ok', store: { state: 'ok' } });
    expect(body.adapters.discord).toMatchObject({ state: 'up' });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(
      sample(metrics, 'newsbrief_source_fetches_total', { source: 'seed', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`)).status).toBe(404);
  });
});
