// `newsbrief discord-register`: the exact definition the fake Discord receives, per scope.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDiscordCommands } from '../../../src/adapters/discord/index.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord-server.js';
import { APP_ID, GUILD_ID } from '../../fixtures/discord/interactions.js';
import { memoryLog } from '../../support/log.js';
import { TOKEN } from './helpers.js';
import { runBin } from '../cli/run.js';

// Reviewed by hand: one guild-only /brief, everyone may use it, a subcommand per command.
const expected = JSON.parse(
  readFileSync(new URL('../../fixtures/discord/brief-command.json', import.meta.url), 'utf8'),
) as unknown;

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord(APP_ID);
});
afterAll(async () => {
  await fake?.close();
});

describe('GIVEN DISCORD_GUILD_ID is set', () => {
  it('THEN the /brief definition is PUT to that guild with the bot token, and one command is reported', async () => {
    const { log } = memoryLog({ level: 'silent' });
    const result = await registerDiscordCommands({
      settings: { token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID, apiUrl: fake.apiUrl },
      log,
    });
    expect(result).toEqual({ scope: 'guild', count: 1 });
    const put = await fake.waitForRequest(
      (r) => r.method === 'PUT' && r.path === `/api/v10/applications/${APP_ID}/guilds/${GUILD_ID}/commands`,
    );
    expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(put.body).toEqual(expected);
  });
});

describe('GIVEN no guild', () => {
  it('THEN the definition is PUT globally', async () => {
    const { log } = memoryLog({ level: 'silent' });
    const result = await registerDiscordCommands({
      settings: { token: TOKEN, applicationId: APP_ID, apiUrl: fake.apiUrl },
      log,
    });
    expect(result).toEqual({ scope: 'global', count: 1 });
    const put = await fake.waitForRequest(
      (r) => r.method === 'PUT' && r.path === `/api/v10/applications/${APP_ID}/commands`,
    );
    expect(put.body).toEqual(expected);
  });
});

describe('GIVEN the registered definition', () => {
  it('THEN every description fits Discord’s 100 characters and the subcommands needing rights name Manage Channels', () => {
    const [brief] = expected as {
      description: string;
      options: { name: string; description: string; options: { description: string }[] }[];
    }[];
    const descriptions = [
      brief?.description,
      ...(brief?.options ?? []).flatMap((s) => [s.description, ...s.options.map((o) => o.description)]),
    ];
    for (const d of descriptions) expect((d ?? '').length).toBeLessThanOrEqual(100);
    const manage = (brief?.options ?? [])
      .filter((s) => s.description.includes('Manage Channels'))
      .map((s) => s.name);
    expect(manage).toEqual(['subscribe', 'unsubscribe', 'topic-add', 'topic-keywords', 'topic-remove']);
  });
});

describe('GIVEN the CLI: newsbrief discord-register', () => {
  it('THEN it writes the definition to the guild and says so', async () => {
    const before = fake.requests.length;
    const r = await runBin(['discord-register'], {
      env: {
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_GUILD_ID: GUILD_ID,
        DISCORD_API_URL: fake.apiUrl,
      },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Registered 1 command(s) in guild ${GUILD_ID}`);
    const puts = fake.requests.slice(before).filter((q) => q.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.body).toEqual(expected);
    expect(r.stderr).not.toContain(TOKEN);
  });

  it('THEN without Discord credentials it explains what to set and exits 2', async () => {
    const r = await runBin(['discord-register']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DISCORD_TOKEN');
  });
});
