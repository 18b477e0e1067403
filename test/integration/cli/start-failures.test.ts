// Start-up failures of the real bot (the bin, as `npm start` runs it): a refused token is one
// readable line and exit 2, with no promise to retry; one platform that cannot connect leaves the
// others serving, is retried in the background and shows on /healthz.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HealthReport } from '../../../src/ops/health.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';
import { postSigned, SIGNING_SECRET, slashCommand } from '../../fakes/slack-requests.js';
import { runBin, startBot, type RunningBot } from './run.js';
import { closedPort } from '../../support/net.js';

const dirs: string[] = [];
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-start-'));
  dirs.push(dir);
  return join(dir, 'newsbrief.db');
};
let fake: FakeSlackApi | undefined;
let bot: RunningBot | undefined;

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('GIVEN Slack refuses the bot token and no other platform is set', () => {
  it('THEN the bot says so in one line, promises no retry, and exits 2', async () => {
    fake = await startFakeSlackApi();
    fake.script('auth.test', { body: { ok: false, error: 'invalid_auth' } });
    const r = await runBin(['start'], {
      env: {
        NEWSBRIEF_DB: tempDb(),
        SLACK_BOT_TOKEN: 'xoxb-revoked-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
      },
    });
    expect(r.code).toBe(2);
    const said = r.stderr.split('\n').filter((l) => l.startsWith('newsbrief: '));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/Slack refused the bot token.*SLACK_BOT_TOKEN/);
    expect(r.stderr).not.toMatch(/"stack"|try again|Retrying/);
    expect(r.stderr).not.toContain('xoxb-revoked-token');
  });
});

describe('GIVEN Slack starts and Discord cannot be reached', () => {
  it('THEN Slack keeps answering, Discord is retried, and /healthz shows it retrying with why', async () => {
    fake ??= await startFakeSlackApi();
    const discordPort = await closedPort();
    bot = startBot({
      NEWSBRIEF_DB: tempDb(),
      LOG_LEVEL: 'info',
      PORT: '0',
      SLACK_BOT_TOKEN: 'xoxb-ok-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      DISCORD_TOKEN: 'discord-token-for-test',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_API_URL: `http://127.0.0.1:${discordPort}/api`,
    });
    const running = bot;
    const port = await new Promise<number>((resolve, reject) => {
      const check = () => {
        const m = /"port":(\d+)[^\n]*"msg":"slack adapter started"/.exec(running.stderr());
        if (m && /Retrying in the background/.test(running.stderr())) resolve(Number(m[1]));
      };
      running.child.once('exit', (code) => reject(new Error(`exited ${code}: ${running.stderr()}`)));
      running.child.stderr?.on('data', check);
      check();
    });
    const base = `http://127.0.0.1:${port}`;
    const health = (await (await fetch(`${base}/healthz`)).json()) as HealthReport;
    expect(health.status).toBe('degraded');
    expect(health.adapters.slack?.state).toBe('up');
    expect(health.adapters.discord).toMatchObject({ state: 'retrying' });
    expect(health.adapters.discord?.error).toMatch(/Cannot reach Discord/);
    expect(health.adapters.discord?.nextAttemptAt).toBeDefined();

    const res = await postSigned(base, slashCommand('japan-defense', `${fake.url}/respond/1`));
    expect(res.status).toBe(200);
    expect(res.text).toContain('Japan defense');
    expect(running.stderr()).toMatch(/newsbrief: Cannot reach Discord.*Retrying in the background/);
    const status = await postSigned(base, slashCommand('status', `${fake.url}/respond/2`));
    expect(status.text).toContain('Platforms not running');
    expect(status.text).toMatch(/discord: not started yet, retrying \(Cannot reach Discord/);
    expect(running.stderr()).not.toContain('discord-token-for-test');
  }, 60_000);
});
