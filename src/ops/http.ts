// GET /healthz and GET /metrics, served beside Slack's endpoint when Slack runs over HTTP, and
// by a small server of their own on PORT in every other mode (Socket Mode, Discord, console).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthBoard } from './health.js';

export interface OpsEndpoints {
  health: HealthBoard;
  metrics?: { render(): Promise<string>; contentType: string };
}

/** Answers /healthz and /metrics; returns false for any other request (the caller routes it). */
export function handleOpsRequest(ops: OpsEndpoints, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/healthz') {
    void ops.health.report().then(
      (report) => {
        res
          .writeHead(report.status === 'down' ? 503 : 200, {
            'content-type': 'application/json',
            'cache-control': 'no-store',
          })
          .end(JSON.stringify(report));
      },
      () => res.writeHead(500).end(),
    );
    return true;
  }
  if (path === '/metrics' && ops.metrics) {
    const metrics = ops.metrics;
    void metrics.render().then(
      (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
    return true;
  }
  return false;
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/** A server answering only /healthz and /metrics (404 otherwise), on `host:port`. */
export function startOpsServer(ops: OpsEndpoints, opts: { port: number; host?: string }): Promise<OpsServer> {
  const server: Server = createServer((req, res) => {
    if (!handleOpsRequest(ops, req, res)) res.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
