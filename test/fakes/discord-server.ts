// A local stand-in for Discord: an HTTP server answering the REST routes the bot uses
// (`/api/v10/...`) and, on the same port, a WebSocket gateway speaking Discord's protocol
// (HELLO, IDENTIFY -> READY, heartbeats, RESUME -> RESUMED, op 7 RECONNECT, dispatches).
// Everything is recorded so tests assert what the real discord.js client sent. Loopback only.
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedRequest {
  method: string;
  /** Decoded path without the query string, e.g. `/api/v10/webhooks/1/tok/messages/@original`. */
  path: string;
  query: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface GatewayFrame {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

/** A canned answer for a REST call: status, optional headers and JSON body. */
export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export const FAKE_BOT_ID = '100000000000000001';

/** View Channel, Send Messages, Embed Links, Create Public Threads, Send Messages in Threads. */
export const DEFAULT_EVERYONE = (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 35n) | (1n << 38n);

/** A bot user as Discord sends it (a message's author, READY's user). */
export function botUser(id: string): Record<string, unknown> {
  return { id, username: 'newsbrief', discriminator: '0', global_name: null, avatar: null, bot: true };
}

/** A Message-like object, enough for discord.js to build a Message from. */
export function fakeMessage(channelId: string, body: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: String(200000000000000000n + BigInt(Math.floor(Math.random() * 1e9))),
    channel_id: channelId,
    type: 0,
    author: botUser(FAKE_BOT_ID),
    content: (body.content as string | undefined) ?? '',
    timestamp: new Date(0).toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: body.embeds ?? [],
    pinned: false,
    flags: body.flags ?? 0,
  };
}

export class FakeDiscord extends EventEmitter {
  readonly requests: RecordedRequest[] = [];
  readonly frames: GatewayFrame[] = [];
  /** Query strings the gateway was connected with (`?v=10&encoding=json`). */
  readonly connections: string[] = [];
  /** Queued answers per `METHOD path`, used before the default answer. */
  private readonly queued = new Map<string, CannedResponse[]>();
  private readonly sockets = new Set<WebSocket>();
  private seq = 0;
  /** Permission overwrites per channel id (GET /channels/:id); none by default. */
  readonly overwrites = new Map<string, { id: string; type: number; allow: string; deny: string }[]>();
  /** The guild's roles (GET /guilds/:id/roles): by default @everyone may view, post, embed and use threads. */
  roles: { id: string; permissions: string }[] | undefined;
  /** The guild each channel belongs to (GET /channels/:id); unknown channels are in guild 0. */
  readonly guildOf = new Map<string, string>();
  /** Threads started from messages, by thread id (the message's id, as on Discord). */
  readonly threads = new Map<string, { parentId: string; name: string }>();
  private readonly http: Server;
  private readonly wss: WebSocketServer;

  constructor(
    readonly applicationId: string,
    private readonly heartbeatIntervalMs = 1_000,
  ) {
    super();
    this.http = createServer((req, res) => void this.onRequest(req, res));
    this.wss = new WebSocketServer({ server: this.http });
    this.wss.on('connection', (ws, req) => this.onConnection(ws, req));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  /** The value for DISCORD_API_URL. */
  get apiUrl(): string {
    return `${this.url}/api`;
  }

  async listen(): Promise<this> {
    this.http.listen(0, '127.0.0.1');
    await once(this.http, 'listening');
    return this;
  }

  /** Answers the next calls to `METHOD path` with these responses, in order. */
  queue(method: string, path: string, ...responses: CannedResponse[]): void {
    const key = `${method} ${path}`;
    this.queued.set(key, [...(this.queued.get(key) ?? []), ...responses]);
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  waitForRequest(match: (r: RecordedRequest) => boolean): Promise<RecordedRequest> {
    return this.firstMatch(this.requests, 'request', match);
  }

  /** Resolves with the first gateway frame from the client (past or future) that matches. */
  waitForFrame(match: (f: GatewayFrame) => boolean): Promise<GatewayFrame> {
    return this.firstMatch(this.frames, 'frame', match);
  }

  /** The first of `seen` that matches, else the first such `event` still to come. */
  private firstMatch<T>(seen: readonly T[], event: string, match: (x: T) => boolean): Promise<T> {
    const found = seen.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const listener = (x: T) => {
        if (!match(x)) return;
        this.off(event, listener);
        resolve(x);
      };
      this.on(event, listener);
    });
  }

  /** Sends a dispatch (op 0) event to every connected client. */
  dispatch(t: string, d: unknown): void {
    this.sendAll({ op: 0, t, s: ++this.seq, d });
  }

  /** op 7: asks the client to reconnect and resume. */
  requestReconnect(): void {
    this.sendAll({ op: 7, d: null });
  }

  /** Denies `permissions` (a bit set) to @everyone in one channel, as a channel overwrite would. */
  denyInChannel(channelId: string, guildId: string, permissions: bigint): void {
    this.overwrites.set(channelId, [{ id: guildId, type: 0, allow: '0', deny: String(permissions) }]);
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private sendAll(frame: GatewayFrame): void {
    for (const ws of this.sockets) ws.send(JSON.stringify(frame));
  }

  private onConnection(ws: WebSocket, req: IncomingMessage): void {
    this.sockets.add(ws);
    this.connections.push(req.url ?? '');
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as GatewayFrame;
      this.frames.push(frame);
      this.emit('frame', frame);
      if (frame.op === 1) ws.send(JSON.stringify({ op: 11, d: null }));
      if (frame.op === 2) ws.send(JSON.stringify({ op: 0, t: 'READY', s: ++this.seq, d: this.ready() }));
      if (frame.op === 6) ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++this.seq, d: {} }));
    });
    // The client sends its first heartbeat at random × interval, then one per interval.
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs } }));
  }

  private ready(): Record<string, unknown> {
    return {
      v: 10,
      user: botUser(FAKE_BOT_ID),
      guilds: [],
      session_id: 'fake-session',
      resume_gateway_url: this.url.replace('http', 'ws'),
      application: { id: this.applicationId, flags: 0 },
    };
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const [rawPath = '', query = ''] = (req.url ?? '').split('?');
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(rawPath),
      query,
      headers: req.headers,
      body: raw && String(req.headers['content-type']).includes('json') ? JSON.parse(raw) : raw || undefined,
    };
    this.requests.push(recorded);
    this.emit('request', recorded);
    const canned = this.queued.get(`${recorded.method} ${recorded.path}`)?.shift() ?? this.answer(recorded);
    res.writeHead(canned.status, {
      ...(canned.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...canned.headers,
    });
    res.end(canned.body === undefined ? undefined : JSON.stringify(canned.body));
  }

  /** Default answers for the routes discord.js calls. */
  private answer(r: RecordedRequest): CannedResponse {
    const p = r.path.replace(/^\/api\/v10/, '');
    const body = (r.body ?? {}) as Record<string, unknown>;
    if (r.method === 'GET' && p === '/gateway/bot')
      return {
        status: 200,
        body: {
          url: this.url.replace('http', 'ws'),
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
        },
      };
    if (r.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(p)) return { status: 204 };
    if (r.method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(p))
      return { status: 200, body: fakeMessage('0', body) };
    if (r.method === 'DELETE' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(p))
      return { status: 204 };
    if (r.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(p))
      return { status: 200, body: fakeMessage('0', body) };
    if (r.method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(p))
      return {
        status: 200,
        body: (r.body as Record<string, unknown>[]).map((c, i) => ({
          ...c,
          id: String(300000000000000000n + BigInt(i)),
          application_id: this.applicationId,
          version: '1',
        })),
      };
    const guild = /^\/guilds\/(\d+)\/(roles|members\/(\d+))$/.exec(p);
    if (r.method === 'GET' && guild) {
      const guildId = guild[1] ?? '0';
      if (guild[2] === 'roles')
        return { status: 200, body: this.roles ?? [{ id: guildId, permissions: String(DEFAULT_EVERYONE) }] };
      return {
        status: 200,
        body: { user: { id: guild[3] }, roles: [], joined_at: new Date(0).toISOString() },
      };
    }
    if (r.method === 'GET' && p === '/users/@me')
      return { status: 200, body: { id: FAKE_BOT_ID, username: 'newsbrief', discriminator: '0', bot: true } };
    const started = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(p);
    if (r.method === 'POST' && started) {
      const [, parentId = '0', messageId = '0'] = started;
      if (this.threads.has(messageId))
        return {
          status: 400,
          body: { message: 'A thread has already been created for this message', code: 160004 },
        };
      const name = String(body.name ?? '');
      this.threads.set(messageId, { parentId, name });
      return { status: 201, body: { id: messageId, type: 11, parent_id: parentId, name, guild_id: '0' } };
    }
    const info = /^\/channels\/(\d+)$/.exec(p);
    if (r.method === 'GET' && info) {
      const id = info[1] ?? '0';
      const guildId = this.guildOf.get(id) ?? '0';
      return {
        status: 200,
        body: {
          id,
          type: 0,
          guild_id: guildId,
          name: 'news',
          permission_overwrites: this.overwrites.get(id) ?? [],
        },
      };
    }
    const channel = /^\/channels\/(\d+)\/messages$/.exec(p);
    if (r.method === 'POST' && channel) return { status: 200, body: fakeMessage(channel[1] ?? '0', body) };
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }
}

/** Starts a fake Discord on 127.0.0.1 with a random port. */
export function startFakeDiscord(applicationId: string): Promise<FakeDiscord> {
  return new FakeDiscord(applicationId).listen();
}
