// The real discord.js client against a fake Discord: every /brief subcommand, sharing, the Manage
// Channels check, autocomplete, and an op 7 reconnect with resume.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { discordServices, type FakeServices } from '../../fakes/discord-services.js';
import { japanBriefing, TOPICS } from '../../fixtures/discord/briefing.js';
import {
  BOOLEAN,
  CHANNEL_ID,
  GUILD_ID,
  PERMS_MANAGER,
  STRING,
  stringOptions,
} from '../../fixtures/discord/interactions.js';
import { replyData, send, startHarness, TOKEN, type Harness } from './helpers.js';

let h: Harness;
let services: FakeServices;

beforeAll(async () => {
  services = discordServices(TOPICS, { 'japan-defense': japanBriefing() });
  h = await startHarness(services);
});

afterAll(async () => {
  await h?.close();
});

const embedsOf = (data: Record<string, unknown>) => data.embeds as APIEmbed[];

describe('GIVEN the bot connected to the gateway', () => {
  it('THEN it asked /gateway/bot, connected with JSON encoding and identified with the Guilds intent only', async () => {
    expect(h.fake.requests.some((r) => r.method === 'GET' && r.path === '/api/v10/gateway/bot')).toBe(true);
    expect(h.fake.connections[0]).toBe('/?v=10&encoding=json');
    const identify = await h.fake.waitForFrame((f) => f.op === 2);
    expect((identify.d as { intents: number }).intents).toBe(1);
  });

  it('THEN it sends heartbeats (the fake acknowledges each with op 11)', async () => {
    const beat = await h.fake.waitForFrame((f) => f.op === 1);
    expect(beat.op).toBe(1);
  });
});

describe('GIVEN /brief topic japan-defense', () => {
  it('THEN it replies at once, privately, with the briefing embed citing [Outlet](url) and pinging nobody', async () => {
    const { callback } = await send(h.fake, {
      subcommand: 'topic',
      options: stringOptions({ topic: 'japan-defense' }),
    });
    const { type, data } = replyData(callback);
    expect(type).toBe(4);
    expect(data.flags).toBe(64);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    const [embed] = embedsOf(data);
    expect(embed?.title).toBe('Japan defense and the US–Japan alliance');
    expect(embed?.description).toContain(
      '• Biden hailed Japan’s plan to double defense spending. ([AP](https://apnews.com/article/biden-kishida))',
    );
    expect(embed?.description).not.toMatch(/@everyone|<@&\d|<@\d/);
    expect(embed?.footer?.text).toMatch(/^2 sources · generated /);
    expect(embed?.timestamp).toBe('2026-11-28T07:30:00.000Z');
  });

  it('WITH share THEN the reply is public and says who shared it', async () => {
    const { callback } = await send(h.fake, {
      subcommand: 'topic',
      options: [
        { name: 'topic', type: STRING, value: 'japan-defense' },
        { name: 'share', type: BOOLEAN, value: true },
      ],
    });
    const { data } = replyData(callback);
    expect(data.flags ?? 0).toBe(0);
    expect(data.content).toBe('Shared by Hana');
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(embedsOf(data)[0]?.title).toBe('Japan defense and the US–Japan alliance');
  });

  it('WITH an unknown topic THEN it names the closest topics, privately', async () => {
    const { callback } = await send(h.fake, {
      subcommand: 'topic',
      options: stringOptions({ topic: 'japan-defence' }),
    });
    const { data } = replyData(callback);
    expect(data.flags).toBe(64);
    expect(data.content).toContain('There is no topic "japan-defence". Did you mean `japan-defense`');
  });
});

describe('GIVEN the other subcommands', () => {
  it('topics THEN lists each topic with its article count', async () => {
    const { data } = replyData((await send(h.fake, { subcommand: 'topics' })).callback);
    const text = embedsOf(data)[0]?.description ?? '';
    expect(text).toContain(
      '`japan-defense` Japan defense and the US–Japan alliance: 2 articles, newest <t:1673683200:R>',
    );
    expect(text).toContain('`japan-economy` Japanese economy: no articles yet');
  });

  it('help THEN shows the Discord way to type each subcommand and the topics', async () => {
    const { data } = replyData((await send(h.fake, { subcommand: 'help' })).callback);
    const [embed] = embedsOf(data);
    expect(embed?.description).toContain('`/brief subscribe topic: when: [timezone:] [quiet:] [threads:]`');
    expect(embed?.fields?.[0]?.value).toContain('`climate`');
  });

  it('status THEN lists the sources', async () => {
    const { data } = replyData((await send(h.fake, { subcommand: 'status' })).callback);
    const [embed] = embedsOf(data);
    expect(embed?.fields?.[0]?.value).toContain('`seed` (file): 1 article, last fetch <t:');
    expect(embed?.fields?.[1]?.value).toBe('Every digest posted as planned.');
  });

  it('subscribe by a member without Manage Channels THEN is refused and nothing is subscribed', async () => {
    const { data } = replyData(
      (
        await send(h.fake, {
          subcommand: 'subscribe',
          options: stringOptions({ topic: 'climate', when: 'daily 08:00' }),
        })
      ).callback,
    );
    expect(data.content).toBe(
      'Only people who can manage this channel can subscribe this channel to a digest (the Manage Channels permission).',
    );
    expect(services.subscribeCalls).toHaveLength(0);
  });

  it('subscribe by a manager THEN subscribes this guild channel and answers with the next run', async () => {
    const { data } = replyData(
      (
        await send(h.fake, {
          subcommand: 'subscribe',
          permissions: PERMS_MANAGER,
          options: stringOptions({ topic: 'climate', when: 'daily 08:00', timezone: 'Asia/Tokyo' }),
        })
      ).callback,
    );
    expect(data.content).toMatch(
      /^Subscribed this channel to "climate" \(daily 08:00, Asia\/Tokyo\)\. Next digest: /,
    );
    expect(services.subscribeCalls[0]?.invocation).toMatchObject({
      platform: 'discord',
      workspaceId: GUILD_ID,
      channelId: CHANNEL_ID,
    });
    expect(await services.subscribeCalls[0]?.invocation.rights.canManage()).toBe(true);
    expect(services.subscribeCalls[0]?.request).toEqual({
      topic: 'climate',
      when: 'daily 08:00',
      timezone: 'Asia/Tokyo',
    });
  });

  it('subscriptions THEN lists this channel’s digest', async () => {
    const { data } = replyData((await send(h.fake, { subcommand: 'subscriptions' })).callback);
    expect(embedsOf(data)[0]?.description).toContain('`climate` daily 08:00 (Asia/Tokyo), next <t:');
  });

  it('unsubscribe by a member without Manage Channels THEN is refused; by a manager THEN stops the digest', async () => {
    const options = stringOptions({ topic: 'climate' });
    const refused = replyData((await send(h.fake, { subcommand: 'unsubscribe', options })).callback);
    expect(refused.data.content).toContain('Only people who can manage this channel');
    const done = replyData(
      (await send(h.fake, { subcommand: 'unsubscribe', options, permissions: PERMS_MANAGER })).callback,
    );
    expect(done.data.content).toBe('This channel will no longer get the "climate" digest.');
  });
});

describe('GIVEN autocomplete', () => {
  const choicesOf = (data: Record<string, unknown>) => data.choices as { name: string; value: string }[];

  it('on topic "jap" THEN suggests the japan topics by prefix', async () => {
    const { callback } = await send(h.fake, {
      subcommand: 'topic',
      autocomplete: true,
      options: [{ name: 'topic', type: STRING, value: 'jap', focused: true }],
    });
    const { type, data } = replyData(callback);
    expect(type).toBe(8);
    expect(choicesOf(data).map((c) => c.value)).toEqual(['japan-defense', 'japan-economy']);
  });

  it('on subscribe timezone "Asia/Tokio" THEN suggests Asia/Tokyo by closeness, within 25 choices', async () => {
    const { callback } = await send(h.fake, {
      subcommand: 'subscribe',
      autocomplete: true,
      options: [
        { name: 'topic', type: STRING, value: 'climate' },
        { name: 'when', type: STRING, value: 'daily 08:00' },
        { name: 'timezone', type: STRING, value: 'Asia/Tokio', focused: true },
      ],
    });
    const choices = choicesOf(replyData(callback).data);
    expect(choices.map((c) => c.value)).toContain('Asia/Tokyo');
    expect(choices.length).toBeLessThanOrEqual(25);
  });
});

describe('GIVEN the gateway asks the bot to reconnect (op 7)', () => {
  it('THEN the client resumes the same session and keeps answering', async () => {
    h.fake.requestReconnect();
    const resume = await h.fake.waitForFrame((f) => f.op === 6);
    expect(resume.d).toMatchObject({ session_id: 'fake-session' });
    const { data } = replyData((await send(h.fake, { subcommand: 'topics' })).callback);
    expect(embedsOf(data)[0]?.title).toBe('Topics');
    expect(h.logLines.some((l) => l.includes('discord gateway session resumed'))).toBe(true);
  });
});

describe('GIVEN everything the bot logged at debug level', () => {
  it('THEN no line contains the bot token or its secret parts', () => {
    expect(h.logLines.length).toBeGreaterThan(0);
    for (const part of [TOKEN, ...TOKEN.split('.').slice(1)])
      expect(h.logLines.join('\n')).not.toContain(part);
  });
});
