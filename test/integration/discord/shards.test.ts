// Several instances split the guilds: each connects only its own gateway shards
// (DISCORD_SHARDS of DISCORD_SHARD_COUNT), so Discord delivers each guild's interactions to one.
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscordAdapter, type DiscordAdapter } from '../../../src/adapters/discord/index.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord-server.js';
import { discordServices } from '../../fakes/discord-services.js';
import { APP_ID } from '../../fixtures/discord/interactions.js';
import { memoryLog } from '../../support/log.js';
import { TOKEN } from './helpers.js';

let fake: FakeDiscord;
const adapters: DiscordAdapter[] = [];

afterEach(async () => {
  for (const a of adapters.splice(0)) await a.stop();
  await fake.close();
});

describe('Discord shards across instances', () => {
  it('GIVEN two instances with DISCORD_SHARDS 0 and 1 of 2 THEN each identifies as its own shard only', async () => {
    fake = await startFakeDiscord(APP_ID);
    for (const shard of [0, 1])
      adapters.push(
        await startDiscordAdapter({
          settings: {
            token: TOKEN,
            applicationId: APP_ID,
            apiUrl: fake.apiUrl,
            shards: [shard],
            shardCount: 2,
          },
          services: discordServices([], {}),
          log: memoryLog().log,
          rest: { retries: 0, timeoutMs: 5_000 },
        }),
      );
    const identified = fake.frames.filter((f) => f.op === 2).map((f) => (f.d as { shard?: number[] }).shard);
    expect(identified).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });
});
