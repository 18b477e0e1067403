// The HTTP front of HTTP mode: our own server so we can add what Bolt's HTTPReceiver lacks.
// Bolt verifies the signature and rejects timestamps more than 5 minutes old; it accepts any
// timestamp in the future, which would let a captured request be replayed later. We reject those
// here, before Bolt sees the request. `GET /healthz` answers for load balancers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HTTPReceiver } from '@slack/bolt';
import type { Logger } from 'pino';
import { createLogSampler } from '../../log-sampler.js';
import { handleOpsRequest, type OpsEndpoints } from '../../ops/http.js';

/** The path Slack posts slash commands and interactions to (the manifest's request URL). */
export const EVENTS_PATH = '/slack/events';
/** Slack's replay window, in seconds, applied in both directions. */
export const MAX_SKEW_SECONDS = 5 * 60;

export interface HttpFront {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/** True when the request's timestamp is further in the future than the replay window allows. */
export function isFromTheFuture(timestampHeader: string | string[] | undefined, nowMs: number): boolean {
  const ts = Number(Array.isArray(timestampHeader) ? timestampHeader[0] : timestampHeader);
  return Number.isFinite(ts) && ts > nowMs / 1000 + MAX_SKEW_SECONDS;
}

/** Starts the server on `host:port` (port 0 picks a free one) and routes Slack's requests to Bolt. */
export function startHttpFront(
  receiver: HTTPReceiver,
  opts: { port: number; host?: string; log: Logger; ops?: OpsEndpoints },
): Promise<HttpFront> {
  const server = createServer((req, res) => {
    if (opts.ops && handleOpsRequest(opts.ops, req, res)) return;
    route(receiver, req, res, opts.log);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        server,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Forged requests come in floods: a few lines a minute about them, then a count (see log-sampler). */
const rejections = createLogSampler();

function route(receiver: HTTPReceiver, req: IncomingMessage, res: ServerResponse, log: Logger): void {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method === 'GET' && path === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  if (req.method === 'POST' && path === EVENTS_PATH) {
    if (isFromTheFuture(req.headers['x-slack-request-timestamp'], Date.now())) {
      for (const { count } of rejections.drainSuppressed())
        log.warn({ path, suppressed: count }, `${count} more requests with future timestamps were rejected`);
      if (rejections.admit('future'))
        log.warn({ path }, 'slack request rejected: timestamp is in the future');
      req.resume();
      res.writeHead(401).end();
      return;
    }
    try {
      receiver.requestListener(req, res);
    } catch (err) {
      log.error({ err }, 'slack request could not be handled');
      if (!res.headersSent) res.writeHead(500).end();
    }
    return;
  }
  res.writeHead(404).end();
}
