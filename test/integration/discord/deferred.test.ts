// Deferred answers: the bot acknowledges first (type 5) and edits the original afterwards, with
// the same privacy and the same empty allowed mentions as a direct reply.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { discordServices } from '../../fakes/discord-services.js';
import { japanBriefing, TOPICS } from '../../fixtures/discord/briefing.js';
import {
  APP_ID,
  BOOLEAN,
  briefInteraction,
  STRING,
  stringOptions,
} from '../../fixtures/discord/interactions.js';
import { replyData, send, startHarness, type Harness } from './helpers.js';

let h: Harness;

beforeAll(async () => {
  // deferAfterMs 0: always defer first, as the bot does when a command is not answered in time.
  h = await startHarness(discordServices(TOPICS, { 'japan-defense': japanBriefing() }), { deferAfterMs: 0 });
});
afterAll(async () => {
  await h?.close();
});

const original = (token: string) => `/api/v10/webhooks/${APP_ID}/${token}/messages/@original`;

describe('GIVEN a slow answer (the bot defers)', () => {
  it('THEN it defers privately and then edits the reply with the briefing embed', async () => {
    const { token, callback } = await send(h.fake, {
      subcommand: 'topic',
      options: stringOptions({ topic: 'japan-defense' }),
    });
    expect(replyData(callback)).toEqual({ type: 5, data: { flags: 64 } });
    const edit = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path === original(token));
    const body = edit.body as { embeds: APIEmbed[]; allowed_mentions: unknown };
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds[0]?.title).toBe('Japan defense and the US–Japan alliance');
  });

  it('WITH share THEN it defers publicly and the edit says who shared it', async () => {
    const { token, callback } = await send(h.fake, {
      subcommand: 'topic',
      options: [
        { name: 'topic', type: STRING, value: 'japan-defense' },
        { name: 'share', type: BOOLEAN, value: true },
      ],
    });
    expect(replyData(callback).data.flags ?? 0).toBe(0);
    const edit = await h.fake.waitForRequest((r) => r.method === 'PATCH' && r.path === original(token));
    expect(edit.body).toMatchObject({ content: 'Shared by Hana', allowed_mentions: { parse: [] } });
  });

  it('WITH share and an unknown topic THEN the public placeholder is deleted and the error is sent privately', async () => {
    const { id, token, payload } = briefInteraction({
      subcommand: 'topic',
      options: [
        { name: 'topic', type: STRING, value: 'nope' },
        { name: 'share', type: BOOLEAN, value: true },
      ],
    });
    const followUp = h.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/api/v10/webhooks/${APP_ID}/${token}`,
    );
    h.fake.dispatch('INTERACTION_CREATE', payload);
    const body = (await followUp).body as { content: string; flags: number; allowed_mentions: unknown };
    expect(body.flags).toBe(64);
    expect(body.content).toContain('There is no topic "nope"');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(h.fake.requests.some((r) => r.method === 'DELETE' && r.path === original(token))).toBe(true);
    expect(h.fake.requests.some((r) => r.path.startsWith(`/api/v10/interactions/${id}/`))).toBe(true);
  });
});
