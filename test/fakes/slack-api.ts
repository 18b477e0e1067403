// A local fake of the Slack Web API (real HTTP on 127.0.0.1:0) plus a catcher for response_url
// posts. It records every call as the app sent it (form fields, with `blocks` parsed back from
// its JSON string) and answers from per-method scripts, so tests can play 429s, 5xx and errors.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  /** The bearer token the call carried. */
  token: string | undefined;
  params: Record<string, unknown>;
  /** Whether the fake answered the call (a held call whose caller died never is). */
  answered: boolean;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
}

export interface FakeAnswer {
  status?: number;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface FakeSlackApi {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The Web API base to give the app (no trailing slash on purpose: the adapter must add it). */
  apiUrl: string;
  calls: ApiCall[];
  responses: ResponseUrlPost[];
  /** Admin flags returned by users.info, by user id. */
  users: Record<string, { is_admin?: boolean; is_owner?: boolean }>;
  /** What apps.connections.open hands out. */
  socketUrl?: string;
  /** Answers for the next calls of `method`, in order; afterwards the default answer applies. */
  script(method: string, ...answers: FakeAnswer[]): void;
  /** Makes the next call of `method` wait until the returned function is called. */
  hold(method: string): () => void;
  /** Makes the `n`th call of `method` from now (1 = the next) wait until the returned function is called. */
  holdNth(method: string, n: number): () => void;
  callsOf(method: string): ApiCall[];
  /** Resolves with the first call of `method` (already made or still to come) matching `pred`. */
  nextCall(method: string, pred?: (c: ApiCall) => boolean): Promise<ApiCall>;
  /** Resolves with the first response_url post matching `pred`. */
  nextResponse(pred?: (r: ResponseUrlPost) => boolean): Promise<ResponseUrlPost>;
  close(): Promise<void>;
}

function defaultAnswer(api: FakeSlackApi, method: string, params: Record<string, unknown>): FakeAnswer {
  switch (method) {
    case 'auth.test':
      return {
        body: {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake',
          team_id: 'T1',
          user: 'newsbrief',
          user_id: 'U0BOT',
          bot_id: 'B0BOT',
        },
      };
    case 'chat.postMessage':
      return {
        body: { ok: true, channel: params.channel, ts: `${1_700_000_000 + api.calls.length}.000100` },
      };
    case 'users.info': {
      const id = String(params.user);
      return {
        body: {
          ok: true,
          user: { id, name: id.toLowerCase(), is_admin: false, is_owner: false, ...api.users[id] },
        },
      };
    }
    case 'apps.connections.open':
      return api.socketUrl
        ? { body: { ok: true, url: api.socketUrl } }
        : { body: { ok: false, error: 'no_socket' } };
    default:
      return { body: { ok: false, error: 'unknown_method' } };
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseForm(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const params: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'attachments']) {
    if (typeof params[key] === 'string') params[key] = JSON.parse(params[key] as string);
  }
  return params;
}

export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const events = new EventEmitter();
  const scripts = new Map<string, FakeAnswer[]>();
  const holds = new Map<string, Promise<void>>();
  const nth = new Map<string, { left: number; gate: Promise<void> }>();

  const api: FakeSlackApi = {
    url: '',
    apiUrl: '',
    calls: [],
    responses: [],
    users: {},
    script: (method, ...answers) => scripts.set(method, [...(scripts.get(method) ?? []), ...answers]),
    hold(method) {
      let release!: () => void;
      holds.set(method, new Promise<void>((r) => (release = r)));
      return () => release();
    },
    holdNth(method, n) {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      nth.set(method, { left: n, gate });
      return () => release();
    },
    callsOf: (method) => api.calls.filter((c) => c.method === method),
    nextCall: (method, pred = () => true) =>
      waitFor(events, 'call', () => api.calls.find((c) => c.method === method && pred(c))),
    nextResponse: (pred = () => true) => waitFor(events, 'response', () => api.responses.find(pred)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', api.url).pathname;
    const params = parseForm(await readBody(req), req.headers['content-type']);
    if (path.startsWith('/respond/')) {
      api.responses.push({ id: path.slice('/respond/'.length), body: params });
      events.emit('response');
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = path.replace(/^\/api\//, '');
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    const call: ApiCall = { method, token, params, answered: false };
    api.calls.push(call);
    events.emit('call');
    const held = holds.get(method);
    if (held) {
      holds.delete(method);
      await held;
    }
    const counted = nth.get(method);
    if (counted && --counted.left === 0) {
      nth.delete(method);
      await counted.gate;
    }
    const queued = scripts.get(method);
    const answer = queued?.shift() ?? defaultAnswer(api, method, params);
    if (res.destroyed || res.socket?.destroyed) return; // the caller is gone (killed mid-call)
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body ?? {}));
    call.answered = true;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.apiUrl = `${api.url}/api`;
  return api;
}

/** Resolves once `find` returns something, re-checking on every `event`. */
export function waitFor<T>(events: EventEmitter, event: string, find: () => T | undefined): Promise<T> {
  return new Promise((resolve) => {
    const check = () => {
      const found = find();
      if (found === undefined) return;
      events.off(event, check);
      resolve(found);
    };
    events.on(event, check);
    check();
  });
}
