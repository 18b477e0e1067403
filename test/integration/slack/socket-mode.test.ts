// The real Bolt app in Socket Mode: apps.connections.open on the fake Web API hands out a local
// `ws` server, which says hello, pushes slash-command envelopes and reads the acks.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';
import { startFakeSlackSocket, type FakeSlackSocket } from '../../fakes/slack-socket.js';
import { slackServices } from '../../fakes/slack-services.js';

let api: FakeSlackApi;
let socket: FakeSlackSocket;
let adapter: SlackAdapter;

const envelope = (id: string, text: string) => ({
  envelope_id: id,
  type: 'slash_commands',
  accepts_response_payload: true,
  payload: {
    command: '/brief',
    text,
    team_id: 'T1',
    channel_id: 'C0CHAN',
    user_id: 'U0ALICE',
    user_name: 'alice',
    response_url: `${api.url}/respond/${id}`,
    trigger_id: '1.2.3',
    api_app_id: 'A1',
    token: 'unused',
  },
});

beforeAll(async () => {
  api = await startFakeSlackApi();
  socket = await startFakeSlackSocket();
  api.socketUrl = socket.url;
  adapter = await startSlackAdapter({
    settings: { botToken: 'xoxb-test-token', appToken: 'xapp-1-test-token', apiUrl: api.apiUrl },
    port: 0,
    services: slackServices(),
    managers: [],
    log: pino({ level: 'silent' }),
    poster: { maxRateLimitWaitMs: 0 },
    socketRetries: 1,
    clientPingTimeoutMs: 1_000,
  });
});

afterAll(async () => {
  await adapter.stop();
  await socket.close();
  await api.close();
});

describe('GIVEN the adapter in Socket Mode', () => {
  it('THEN it opened the connection with the app-level token and has no HTTP port', async () => {
    await socket.connected(1);
    expect(api.callsOf('apps.connections.open')[0]?.token).toBe('xapp-1-test-token');
    expect(adapter.port).toBeUndefined();
  });

  it('THEN a /brief japan-defense envelope is acked on the socket carrying the briefing blocks', async () => {
    socket.send(envelope('env-1', 'japan-defense'));
    const ack = await socket.nextAck('env-1');
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral' });
    const json = JSON.stringify(ack.payload);
    expect(json).toContain('"type":"header"');
    expect(json).toContain('<https://apnews.example/biden-kishida|AP>');
  });

  it('THEN an unknown topic is acked with the suggestion', async () => {
    socket.send(envelope('env-2', 'japan'));
    const ack = await socket.nextAck('env-2');
    expect(JSON.stringify(ack.payload)).toContain('`japan-defense`');
  });

  it('THEN after Slack asks it to reconnect it opens a new connection and keeps answering', async () => {
    socket.disconnect();
    await socket.connected(2);
    expect(api.callsOf('apps.connections.open')).toHaveLength(2);
    socket.send(envelope('env-3', 'topics'));
    const ack = await socket.nextAck('env-3');
    expect(JSON.stringify(ack.payload)).toContain('japan-defense');
  });
});
