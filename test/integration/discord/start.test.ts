// The "done when" of the Discord issue, end to end: `newsbrief start` (the real bin, as `npm start`
// runs it) with the Discord variables pointing at a local fake connects, and a
// `/brief topic:japan-defense` interaction is answered with the seed briefing's embed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord-server.js';
import { APP_ID, CHANNEL_ID, PERMS_MANAGER, stringOptions } from '../../fixtures/discord/interactions.js';
import { replyData, send, TOKEN } from './helpers.js';
import { botTestBed, startBot, type RunningBot } from '../cli/run.js';

const bed = botTestBed('newsbrief-discord-');
let fake: FakeDiscord;
let bot: RunningBot;

beforeAll(async () => {
  fake = bed.closeAfter(await startFakeDiscord(APP_ID));
  bot = bed.stopAfter(
    startBot({
      NEWSBRIEF_DB: bed.path('newsbrief.db'),
      LOG_LEVEL: 'debug',
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_API_URL: fake.apiUrl,
    }),
  );
  // Ready once the bot has identified and the fake answered READY.
  await fake.waitForFrame((f) => f.op === 2);
});

describe('GIVEN npm start with DISCORD_TOKEN, DISCORD_APPLICATION_ID and DISCORD_API_URL set', () => {
  it('THEN /brief topic:japan-defense is answered with the briefing embed', async () => {
    const { callback } = await send(fake, {
      subcommand: 'topic',
      options: stringOptions({ topic: 'japan-defense' }),
    });
    const body = replyData(callback);
    const data =
      body.type === 5
        ? ((await fake.waitForRequest((r) => r.method === 'PATCH')).body as Record<string, unknown>)
        : body.data;
    const [embed] = data.embeds as APIEmbed[];
    expect(embed?.title).toBe('Japan defense and the US–Japan alliance');
    expect(embed?.description).toMatch(/^• .*Kishida/m);
    expect(data.allowed_mentions).toEqual({ parse: [] });
  });

  it('THEN a member with Manage Channels subscribing the channel gets the digest posted once, pinging nobody', async () => {
    const { callback } = await send(fake, {
      subcommand: 'subscribe',
      permissions: PERMS_MANAGER,
      options: stringOptions({ topic: 'japan-defense', when: '*/2 * * * * *', timezone: 'Asia/Tokyo' }),
    });
    const body = replyData(callback);
    const data =
      body.type === 5
        ? ((await fake.waitForRequest((r) => r.method === 'PATCH')).body as Record<string, unknown>)
        : body.data;
    expect(JSON.stringify(data)).toContain('Subscribed this channel');
    const channelPath = `/api/v10/channels/${CHANNEL_ID}/messages`;
    const post = await fake.waitForRequest((r) => r.method === 'POST' && r.path === channelPath);
    expect(JSON.stringify(post.body)).toContain('Kishida');
    expect((post.body as Record<string, unknown>).allowed_mentions).toEqual({ parse: [] });
    // More slots pass with nothing new: no second post.
    await new Promise((resolve) => setTimeout(resolve, 4500));
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path === channelPath)).toHaveLength(1);
  });

  it('THEN the process logs never contain the bot token', () => {
    expect(bot.stderr()).toContain('discord client ready');
    for (const part of [TOKEN, ...TOKEN.split('.').slice(1)]) expect(bot.stderr()).not.toContain(part);
  });
});
