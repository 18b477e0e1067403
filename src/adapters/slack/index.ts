// Wires the Slack adapter: Bolt over HTTP (signing secret) or Socket Mode (app token), the
// command and share handlers, and the digest poster. main.ts calls startSlackAdapter once.
import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Services } from '../../commands/ports.js';
import type { SlackSettings } from '../../config/env.js';
import type { OpsEndpoints } from '../../ops/http.js';
import type { Adapter } from '../adapter.js';
import { message } from '../../core/messages.js';
import { classifySlackError } from './errors.js';
import { registerHandlers } from './handlers.js';
import { EVENTS_PATH, startHttpFront, type HttpFront } from './http.js';
import { slackLogger } from './logger.js';
import type { PosterOptions } from '../../digests/ports.js';
import { createSlackPoster } from './poster.js';
import { createRightsCheck } from './rights.js';

export interface SlackAdapter extends Adapter {
  /** http mode: the bound port */
  readonly port?: number;
}

export interface SlackAdapterDeps {
  settings: SlackSettings;
  port: number;
  host?: string;
  services: Services;
  /** User ids that may manage digests besides workspace admins (config `slack.managers`). */
  managers: string[];
  log: Logger;
  /** HTTP mode: /healthz and /metrics beside /slack/events. */
  ops?: OpsEndpoints;
  /** The digest poster's options (tests: a shorter rate-limit budget). */
  poster?: PosterOptions;
  /** tests: Socket Mode's apps.connections.open retries, quick and few (default 20, backing off to 30 s). */
  socketRetries?: number;
  /** tests: how long a command may take before it is acked without its answer (default 2 s). */
  ackDeadlineMs?: number;
  /** tests: longest wait on Retry-After for a shared briefing (default 30 s). */
  shareMaxWaitMs?: number;
  /** tests: Socket Mode ping timeout, which also paces reconnects (default 5 s). */
  clientPingTimeoutMs?: number;
}

/** Slack's default; SLACK_API_URL overrides it. WebClient joins `${base}${method}`, so the slash matters. */
const SLACK_API = 'https://slack.com/api/';

export function apiBase(url: string | undefined): string {
  if (!url) return SLACK_API;
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * Starts the adapter: verifies the bot token (auth.test), then listens (HTTP) or connects
 * (Socket Mode). Rejects with an explained error when Slack refuses the token.
 */
export async function startSlackAdapter(deps: SlackAdapterDeps): Promise<SlackAdapter> {
  const { settings, log } = deps;
  const logger = slackLogger(log);
  // Retries are ours (poster.ts): the WebClient's defaults would retry for half an hour.
  const clientOptions = {
    slackApiUrl: apiBase(settings.apiUrl),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  };
  const socketMode = settings.appToken !== undefined;

  let receiver: HTTPReceiver | SocketModeReceiver;
  if (settings.appToken) {
    // The socket client reconnects through apps.connections.open, so it keeps a patient retry policy.
    const socketRetry =
      deps.socketRetries !== undefined
        ? { retries: deps.socketRetries, minTimeout: 10, maxTimeout: 100 }
        : { retries: 20, factor: 1.6, minTimeout: 1_000, maxTimeout: 30_000 };
    receiver = new SocketModeReceiver({
      appToken: settings.appToken,
      logger,
      clientPingTimeout: deps.clientPingTimeoutMs,
      installerOptions: { clientOptions: { ...clientOptions, retryConfig: socketRetry } },
    });
  } else {
    if (!settings.signingSecret)
      throw new Error('Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)');
    receiver = new HTTPReceiver({
      signingSecret: settings.signingSecret,
      endpoints: EVENTS_PATH,
      logger,
      unhandledRequestTimeoutMillis: 2_900,
    });
  }

  // Knowing the bot's ids up front stops Bolt from calling auth.test again on its own.
  const bot = await verifyToken(
    new webApi.WebClient(settings.botToken, { ...clientOptions, logger }),
    log,
    socketMode,
  );
  const app = new App({
    receiver,
    token: settings.botToken,
    botId: bot.botId,
    botUserId: bot.userId,
    logger,
    clientOptions,
  });
  app.error(async (err) => {
    log.error({ err: { message: err.message, code: err.code } }, 'slack listener failed');
  });

  registerHandlers(app, {
    services: deps.services,
    canManage: createRightsCheck({ client: app.client, managers: deps.managers, log }),
    log,
    ackDeadlineMs: deps.ackDeadlineMs ?? 2_000,
    shareMaxWaitMs: deps.shareMaxWaitMs ?? 30_000,
  });
  const poster = createSlackPoster({ client: app.client, log, options: deps.poster });

  if (receiver instanceof SocketModeReceiver) {
    const socket = receiver;
    await app.start();
    // receiver.stop() does not wait for the close handshake; disconnect() does.
    return { platform: 'slack', poster, stop: () => socket.client.disconnect() };
  }
  const front: HttpFront = await startHttpFront(receiver, {
    port: deps.port,
    host: deps.host,
    log,
    ops: deps.ops,
  });
  return { platform: 'slack', poster, port: front.port, servesOps: true, stop: () => front.close() };
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** The network stack's code (ENOTFOUND, ECONNREFUSED...) under the WebClient's request error. */
function networkCause(err: unknown): string {
  const original = (err as { original?: { code?: unknown; cause?: { code?: unknown } } }).original;
  const code = original?.code ?? original?.cause?.code;
  return typeof code === 'string' ? code : 'no answer';
}

/** auth.test: proves the token works before anything listens, and names the bot. */
async function verifyToken(
  client: webApi.WebClient,
  log: Logger,
  socketMode: boolean,
): Promise<{ botId: string; userId: string }> {
  try {
    const auth = await client.auth.test();
    log.info(
      { team: auth.team_id, bot: auth.user_id, mode: socketMode ? 'socket' : 'http' },
      'slack token verified',
    );
    return { botId: auth.bot_id ?? '', userId: auth.user_id ?? '' };
  } catch (err) {
    const failure = classifySlackError(err);
    // At start a network error is ours to describe (no network, DNS, a proxy), not Slack's fault;
    // and only main.ts knows whether it retries, so the sentence promises nothing.
    const reason =
      failure.code === 'network_error'
        ? message('SLACK_UNREACHABLE', { host: hostOf(client.slackApiUrl), cause: networkCause(err) })
        : failure.reason;
    // `permanent`: retrying cannot help (a refused token); the starter does not retry it.
    throw Object.assign(
      new Error(`Slack adapter cannot start (${failure.code}): ${reason}`, { cause: err }),
      {
        permanent: failure.permanent,
      },
    );
  }
}
