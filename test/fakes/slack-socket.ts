// A local Socket Mode endpoint (a `ws` server on 127.0.0.1:0): says hello on each connection,
// records the acks the app sends back, and can push envelopes or ask the app to reconnect.
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { waitFor } from './slack-api.js';

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSlackSocket {
  /** ws://127.0.0.1:<port>/link/?ticket=... to hand out from apps.connections.open. */
  url: string;
  acks: SocketAck[];
  /** How many connections have said hello so far. */
  connections: number;
  /** Resolves when the `n`th connection is open. */
  connected(n: number): Promise<void>;
  /** Sends an envelope on the newest connection. */
  send(envelope: Record<string, unknown>): void;
  /** Asks the app to reconnect, as Slack does before rotating a connection. */
  disconnect(reason?: string): void;
  nextAck(envelopeId: string): Promise<SocketAck>;
  close(): Promise<void>;
}

export async function startFakeSlackSocket(): Promise<FakeSlackSocket> {
  const events = new EventEmitter();
  const sockets: WebSocket[] = [];
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));

  const fake: FakeSlackSocket = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link/?ticket=fake-ticket&app_id=A1`,
    acks: [],
    connections: 0,
    connected: (n) =>
      waitFor(events, 'connection', () => (fake.connections >= n ? true : undefined)).then(() => undefined),
    send(envelope) {
      sockets.at(-1)?.send(JSON.stringify(envelope));
    },
    disconnect(reason = 'refresh_requested') {
      sockets.at(-1)?.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake' } }));
    },
    nextAck: (id) => waitFor(events, 'ack', () => fake.acks.find((a) => a.envelope_id === id)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets) ws.terminate();
        wss.close(() => resolve());
      }),
  };

  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.on('message', (data) => {
      fake.acks.push(JSON.parse(String(data)) as SocketAck);
      events.emit('ack');
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake' },
        connection_info: { app_id: 'A1' },
      }),
    );
    fake.connections++;
    events.emit('connection');
  });
  return fake;
}
