// Starting the stand-alone /healthz and /metrics server from the composition root. A port that is
// taken is not worth stopping the bot for: the chat keeps working, and the log says why the
// endpoints are missing.
import type { Logger } from 'pino';
import { startOpsServer, type OpsEndpoints, type OpsServer } from './http.js';

export async function startOps(ops: OpsEndpoints, port: number, log: Logger): Promise<OpsServer | undefined> {
  try {
    const server = await startOpsServer(ops, { port });
    log.info({ port: server.port }, 'serving /healthz and /metrics');
    return server;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    log.warn(
      { port, code },
      code === 'EADDRINUSE'
        ? 'port is in use; /healthz and /metrics are not served (set PORT to a free port)'
        : '/healthz and /metrics could not be served',
    );
    return undefined;
  }
}
