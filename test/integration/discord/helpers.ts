// Shared set-up for the Discord integration tests: a fake Discord, the real adapter connected to
// it, a memory logger, and helpers to send an interaction and read what the bot answered.
import { memoryLog } from '../../support/log.js';
import type { Logger } from 'pino';
import {
  startDiscordAdapter,
  type DiscordAdapter,
  type DiscordAdapterDeps,
} from '../../../src/adapters/discord/index.js';
import type { Services } from '../../../src/commands/ports.js';
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from '../../fakes/discord-server.js';
import {
  APP_ID,
  briefInteraction,
  buttonInteraction,
  type ButtonOptions,
  type InteractionOptions,
} from '../../fixtures/discord/interactions.js';

export const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.GfakeA.secret-part-of-the-token-xyz';

export interface Harness {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  logLines: string[];
  log: Logger;
  close(): Promise<void>;
}

export async function startHarness(
  services: Services,
  extra: Partial<DiscordAdapterDeps> = {},
): Promise<Harness> {
  const fake = await startFakeDiscord(APP_ID);
  const { log, lines } = memoryLog();
  const adapter = await startDiscordAdapter({
    settings: { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl },
    services,
    log,
    rest: { retries: 0, timeoutMs: 5_000 },
    ...extra,
  });
  return {
    fake,
    adapter,
    log,
    logLines: lines,
    async close() {
      // Order matters: destroy the client first, or it tries to reconnect to a closed fake.
      await adapter.stop();
      await fake.close();
    },
  };
}

/** The bot's first answer to an interaction: the callback POST (reply, defer or autocomplete). */
export function callbackOf(fake: FakeDiscord, id: string, token: string): Promise<RecordedRequest> {
  return fake.waitForRequest(
    (r) => r.method === 'POST' && r.path === `/api/v10/interactions/${id}/${token}/callback`,
  );
}

/** Sends `/brief <subcommand>` through the gateway and resolves with the bot's callback. */
export async function send(
  fake: FakeDiscord,
  o: InteractionOptions,
): Promise<{ id: string; token: string; callback: RecordedRequest }> {
  const { id, token, payload } = briefInteraction(o);
  const answered = callbackOf(fake, id, token);
  fake.dispatch('INTERACTION_CREATE', payload);
  return { id, token, callback: await answered };
}

/** Presses a button under a bot message through the gateway and resolves with the bot's callback. */
export async function pressButton(fake: FakeDiscord, o: ButtonOptions): Promise<RecordedRequest> {
  const { id, token, payload } = buttonInteraction(o);
  const answered = callbackOf(fake, id, token);
  fake.dispatch('INTERACTION_CREATE', payload);
  return answered;
}

/** The callback body of an immediate reply: `{ type: 4, data }`. */
export function replyData(r: RecordedRequest): { type: number; data: Record<string, unknown> } {
  return r.body as { type: number; data: Record<string, unknown> };
}
