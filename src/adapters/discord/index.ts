// Wires the Discord adapter: a discord.js gateway client (Guilds intent only) for interactions,
// a separate bounded REST client for digest posts, and the command registration used by
// `newsbrief discord-register`. Reconnects and resumes are discord.js's; we log them.
import { Client, Events, GatewayIntentBits, REST, Routes } from 'discord.js';
import type { Logger } from 'pino';
import { message } from '../../core/messages.js';
import type { Services } from '../../commands/ports.js';
import type { DiscordSettings } from '../../config/env.js';
import type { Adapter } from '../adapter.js';
import { commandDefinitions } from './commands.js';
import { handleInteraction } from './handlers.js';
import type { PosterOptions } from '../../digests/ports.js';
import { createDiscordPoster, createPosterRest } from './poster.js';

export type DiscordAdapter = Adapter;

export interface DiscordAdapterDeps {
  settings: DiscordSettings;
  services: Services;
  log: Logger;
  /** tests: bounded retries and timeouts for the client's REST calls. */
  rest?: { retries?: number; timeoutMs?: number };
  /** The digest poster's options (the 429 wait budget). */
  poster?: PosterOptions;
  /** Reply directly when a command answers within this many ms, else defer (default 1500; 0 = always defer). */
  deferAfterMs?: number;
}

/** Removes the token (whole or any long part of it) from text discord.js logs. */
export function redactToken(text: string, token: string): string {
  let out = text.split(token).join('[redacted]');
  for (const part of token.split('.')) if (part.length >= 6) out = out.split(part).join('[redacted]');
  return out;
}

function logClientEvents(client: Client, log: Logger, token: string): void {
  if (log.isLevelEnabled('debug'))
    client.on(Events.Debug, (m) => log.debug({ event: 'debug' }, redactToken(m, token)));
  client.on(Events.Warn, (m) => log.warn({ event: 'warn' }, redactToken(m, token)));
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.ShardReconnecting, (shardId) => log.warn({ shardId }, 'discord gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) =>
    log.info({ shardId, replayed }, 'discord gateway session resumed'),
  );
  client.on(Events.ShardDisconnect, (event, shardId) =>
    log.warn({ shardId, code: event.code }, 'discord gateway disconnected'),
  );
  client.on(Events.ShardError, (err, shardId) => log.error({ err, shardId }, 'discord gateway error'));
}

/**
 * A login error as one sentence, `permanent` when Discord refused the token (retrying cannot help).
 * discord.js messages carry no token; ours name what to fix.
 */
function loginFailure(err: unknown): Error {
  const e = err as { code?: unknown; status?: unknown; message?: unknown; cause?: { code?: unknown } };
  if (e.code === 'TokenInvalid' || e.status === 401)
    return Object.assign(new Error(message('DISCORD_UNAUTHORIZED'), { cause: err }), { permanent: true });
  const cause =
    typeof e.cause?.code === 'string' ? e.cause.code : typeof e.code === 'string' ? e.code : undefined;
  const detail = cause ?? (typeof e.message === 'string' ? (e.message.split('\n')[0] ?? '') : String(err));
  return Object.assign(new Error(message('DISCORD_UNREACHABLE', { cause: detail }), { cause: err }), {
    permanent: false,
  });
}

/** Connects to the gateway and resolves once the client is ready (rejects if login fails). */
export async function startDiscordAdapter(deps: DiscordAdapterDeps): Promise<DiscordAdapter> {
  const { settings, services, log } = deps;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // Several instances split the guilds by shard (DISCORD_SHARDS of DISCORD_SHARD_COUNT); Discord
    // sends each guild's interactions to the one connection of its shard.
    ...(settings.shardCount !== undefined ? { shardCount: settings.shardCount } : {}),
    ...(settings.shards !== undefined ? { shards: settings.shards } : {}),
    rest: {
      ...(settings.apiUrl ? { api: settings.apiUrl } : {}),
      ...(deps.rest?.retries !== undefined ? { retries: deps.rest.retries } : {}),
      ...(deps.rest?.timeoutMs !== undefined ? { timeout: deps.rest.timeoutMs } : {}),
    },
  });
  logClientEvents(client, log, settings.token);
  const ctx = { services, log, deferAfterMs: deps.deferAfterMs ?? 1500 };
  client.on(Events.InteractionCreate, (interaction) => void handleInteraction(interaction, ctx));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(settings.token);
    await ready;
  } catch (err) {
    await client.destroy();
    throw loginFailure(err);
  }
  log.info({ user: client.user?.tag, applicationId: settings.applicationId }, 'discord client ready');

  const rest = createPosterRest(settings.token, settings.apiUrl, deps.rest?.timeoutMs);
  return {
    platform: 'discord',
    poster: createDiscordPoster({ rest, log: log.child({ part: 'poster' }), options: deps.poster }),
    async stop() {
      await client.destroy();
      log.info({}, 'discord client stopped');
    },
  };
}

/**
 * `newsbrief discord-register`: PUTs the /brief definition to the guild (settings.guildId,
 * instant) or globally (may take up to an hour to show); returns how many commands were written.
 */
export async function registerDiscordCommands(deps: {
  settings: DiscordSettings;
  log: Logger;
}): Promise<{ scope: 'guild' | 'global'; count: number }> {
  const { settings, log } = deps;
  const rest = new REST({ retries: 1, ...(settings.apiUrl ? { api: settings.apiUrl } : {}) }).setToken(
    settings.token,
  );
  const scope = settings.guildId ? 'guild' : 'global';
  const route = settings.guildId
    ? Routes.applicationGuildCommands(settings.applicationId, settings.guildId)
    : Routes.applicationCommands(settings.applicationId);
  const written = (await rest.put(route, { body: commandDefinitions() })) as unknown[];
  log.info({ scope, guildId: settings.guildId, count: written.length }, 'discord commands registered');
  return { scope, count: written.length };
}
