// Tokens and the signing secret never reach the log, even at trace level where Bolt, the
// WebClient and the Socket Mode client log their requests.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';
import { SIGNING_SECRET, postSigned, shareClick, slashCommand } from '../../fakes/slack-requests.js';
import { startFakeSlackSocket, type FakeSlackSocket } from '../../fakes/slack-socket.js';
import { slackServices } from '../../fakes/slack-services.js';

const BOT = 'xoxb-secret-bot-token-123';
const APP = 'xapp-1-secret-app-token-456';
const lines: string[] = [];
const log = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });

let api: FakeSlackApi;
let socket: FakeSlackSocket;
let http: SlackAdapter;
let sock: SlackAdapter;

beforeAll(async () => {
  api = await startFakeSlackApi();
  socket = await startFakeSlackSocket();
  api.socketUrl = socket.url;
  const common = {
    port: 0,
    host: '127.0.0.1',
    services: slackServices(),
    managers: [],
    log,
    poster: { maxRateLimitWaitMs: 0 },
    socketRetries: 0,
  };
  http = await startSlackAdapter({
    ...common,
    settings: { botToken: BOT, signingSecret: SIGNING_SECRET, apiUrl: api.apiUrl },
  });
  sock = await startSlackAdapter({
    ...common,
    settings: { botToken: BOT, appToken: APP, apiUrl: api.apiUrl },
    clientPingTimeoutMs: 1_000,
  });
});

afterAll(async () => {
  await sock.stop();
  await http.stop();
  await socket.close();
  await api.close();
});

describe('GIVEN the adapter logging at trace level through commands, shares, rejections and failed posts', () => {
  it('THEN no token or signing secret appears in any log line', async () => {
    const base = `http://127.0.0.1:${http.port}`;
    await postSigned(base, slashCommand('japan-defense', `${api.url}/respond/s1`));
    await postSigned(base, slashCommand('japan-defense', `${api.url}/respond/s2`), { secret: 'wrong' });
    await postSigned(base, shareClick('japan-defense', `${api.url}/respond/s3`));
    await api.nextResponse((r) => r.id === 's3');
    api.script('chat.postMessage', { status: 500, body: {} });
    await http.poster.post(
      { platform: 'slack', workspaceId: 'T1', channelId: 'C1' },
      { briefing: await fakeBriefing(), kind: 'first', scheduleLabel: 'hourly', idempotencyKey: 'k' },
    );
    socket.send({
      envelope_id: 'e1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        command: '/brief',
        text: 'topics',
        team_id: 'T1',
        channel_id: 'C1',
        user_id: 'U1',
        response_url: `${api.url}/respond/e1`,
      },
    });
    await socket.nextAck('e1');

    expect(lines.length).toBeGreaterThan(10);
    // The WebClient did log its requests (headers, redacted), so this test looks where a leak would be.
    expect(lines.some((l) => l.includes('http request headers'))).toBe(true);
    const all = lines.join('\n');
    for (const secret of [BOT, APP, SIGNING_SECRET]) expect(all).not.toContain(secret);
  });
});

async function fakeBriefing() {
  const services = slackServices();
  const b = await services.briefings.brief('japan-defense', new Date());
  if (!b) throw new Error('fixture briefing missing');
  return b;
}
