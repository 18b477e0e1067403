// Discord in main.ts's platform list: on when DISCORD_TOKEN and DISCORD_APPLICATION_ID are set.
// discord.js is loaded only then.
import type { PlatformEntry } from '../adapter.js';

export const discordPlatform: PlatformEntry = {
  platform: 'discord',
  enabled: (env) => env.discord !== undefined,
  health: () => ({}),
  async start({ env, services, log }) {
    if (!env.discord)
      throw new Error('Discord is not configured: set DISCORD_TOKEN and DISCORD_APPLICATION_ID');
    const { startDiscordAdapter } = await import('./index.js');
    const discord = await startDiscordAdapter({ settings: env.discord, services, log });
    log.info({ guild: env.discord.guildId ?? 'global' }, 'discord adapter started');
    return discord;
  },
};
