// Why the Slack adapter did not start, as main.ts needs it: one sentence, and whether retrying can
// help (a refused token cannot; an unreachable Slack may).
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackAdapter } from '../../../src/adapters/slack/index.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';
import { SIGNING_SECRET } from '../../fakes/slack-requests.js';
import { slackServices } from '../../fakes/slack-services.js';
import { closedPort } from '../../support/net.js';

let api: FakeSlackApi;
beforeAll(async () => {
  api = await startFakeSlackApi();
});
afterAll(async () => {
  await api.close();
});

const start = (apiUrl: string) =>
  startSlackAdapter({
    settings: { botToken: 'xoxb-test', signingSecret: SIGNING_SECRET, apiUrl },
    port: 0,
    host: '127.0.0.1',
    services: slackServices(),
    managers: [],
    log: pino({ level: 'silent' }),
  });

describe('GIVEN Slack refuses the bot token', () => {
  it('THEN the start fails as permanent, saying to reinstall and set SLACK_BOT_TOKEN', async () => {
    api.script('auth.test', { body: { ok: false, error: 'invalid_auth' } });
    const err = (await start(api.apiUrl).catch((e: unknown) => e)) as Error & { permanent?: boolean };
    expect(err.message).toMatch(/invalid_auth.*SLACK_BOT_TOKEN/);
    expect(err.permanent).toBe(true);
  });
});

describe('GIVEN Slack cannot be reached', () => {
  it('THEN the start fails as retryable, naming the address and the network error, promising nothing', async () => {
    const port = await closedPort();
    const err = (await start(`http://127.0.0.1:${port}/api`).catch((e: unknown) => e)) as Error & {
      permanent?: boolean;
    };
    expect(err.message).toContain(`Cannot reach Slack's Web API at 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(err.message).not.toMatch(/on its side|try again shortly/);
    expect(err.permanent).toBe(false);
  });
});
