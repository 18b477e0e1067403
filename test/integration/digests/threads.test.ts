// Threaded digests through the real posters (Bolt's WebClient, discord.js REST) against the local
// fake Slack Web API and fake Discord: one parent and one reply per story, flood control,
// fact-level novelty with updates, mutes, and a Discord channel without thread permissions.
import { PermissionFlagsBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeDiscord } from '../../fakes/discord-server.js';
import type { FakeSlackApi } from '../../fakes/slack-api.js';
import { channel, fakePlatformsForTest, makeHarness, type Harness } from './harness.js';

const DAY1 = new Date('2026-11-28T08:00:00.000Z');
const DAY2 = new Date('2026-11-29T08:00:00.000Z');
const GUILD = '900000000000000001';
const DISCORD_CHANNEL = '800000000000000777';

let h: Harness | undefined;
let slackApi: FakeSlackApi | undefined;
let discord: FakeDiscord | undefined;
let clock = DAY1;

afterEach(async () => {
  await h?.close();
  h = slackApi = discord = undefined;
});

async function setup() {
  clock = DAY1;
  const platforms = await fakePlatformsForTest();
  ({ slackApi, discord } = platforms);
  h = makeHarness({ posters: platforms.posters, now: () => clock });
  return h;
}

async function subscribe(
  platform: 'slack' | 'discord',
  channelId: string,
  workspace: string,
  threads = true,
) {
  const r = await h!.service.subscriptions.subscribe(
    channel(channelId, platform, workspace),
    { topic: 'japan-defense', when: 'daily 08:00', threads },
    clock,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const slackPosts = () => slackApi!.callsOf('chat.postMessage');
const topLevel = () => slackPosts().filter((c) => c.params.thread_ts === undefined);
const replies = () => slackPosts().filter((c) => c.params.thread_ts !== undefined);
const text = (c: { params: Record<string, unknown> }) => JSON.stringify(c.params.blocks);

/** Distinct events (no content word shared), so each is a story of its own. */
const EVENTS = [
  'Tokyo approved a record military budget for the coming fiscal year.',
  'Okinawa governor protested missile deployments at Naha.',
  'Kishida met Biden at the White House to discuss alliance upgrades.',
  'Mitsubishi won a contract to build longer range rockets.',
  'Parliament debated counterstrike capability in a heated session.',
  'Japanese destroyers joined exercises with Australian frigates offshore.',
  'A survey found most voters support higher spending now.',
  'Engineers tested a hypersonic glide vehicle prototype in Hokkaido.',
  'The coast guard tracked Chinese vessels around the Senkaku islands.',
  'Tomahawk purchases from Washington were finalized by ministers.',
  'Cyber units doubled staff after intrusions into government networks.',
  'Shipyards in Nagasaki expanded to service allied warships quickly.',
];

describe('a threaded digest on Slack', () => {
  it('GIVEN three stories THEN exactly one top-level message and one reply per story under it, each recorded', async () => {
    await setup();
    for (let i = 0; i < 3; i++) await h!.addArticle(`a${i}`, 'japan-defense', { point: EVENTS[i] });
    const sub = await subscribe('slack', 'C0THREAD', 'T1');
    await h!.service.runSlot(sub.id, DAY1);
    expect(topLevel()).toHaveLength(1);
    const parentTs = await parentTsOf();
    expect(replies()).toHaveLength(3);
    for (const r of replies()) expect(r.params.thread_ts).toBe(parentTs);
    expect(text(topLevel()[0]!)).toContain('1. ');
    const rows = h!.db
      .prepare('SELECT position, state, message_id FROM digest_replies ORDER BY position')
      .all() as { state: string; message_id: string }[];
    expect(rows.map((r) => r.state)).toEqual(['posted', 'posted', 'posted']);
    expect(rows.every((r) => r.message_id)).toBe(true);
  });

  it('GIVEN a 12-story slot THEN 5 stories are posted and the parent says "and 7 more stories"', async () => {
    await setup();
    for (let i = 0; i < 12; i++)
      await h!.addArticle(`s${i}`, 'japan-defense', { point: EVENTS[i], title: `Japan defense: item ${i}` });
    const sub = await subscribe('slack', 'C0FLOOD', 'T1');
    await h!.service.runSlot(sub.id, DAY1);
    expect(topLevel()).toHaveLength(1);
    expect(replies()).toHaveLength(5);
    expect(text(topLevel()[0]!)).toContain('and 7 more stories: `/brief japan-defense`');
  });

  it('GIVEN a story seen yesterday and one new fact today THEN one update with only that fact', async () => {
    await setup();
    const known = 'The cabinet approved 43 trillion yen for defense over five years, officials said.';
    await h!.addArticle('y1', 'japan-defense', { points: [known], outlet: 'AP' });
    const sub = await subscribe('slack', 'C0NEWS', 'T1');
    await h!.service.runSlot(sub.id, DAY1);
    const before = slackPosts().length;

    clock = DAY2;
    const retold = 'Officials said the cabinet approved 43 trillion yen for defense over five years.';
    const fresh = 'The plan also funds 400 Tomahawk cruise missiles bought from the United States.';
    await h!.addArticle('t1', 'japan-defense', {
      points: [retold, fresh],
      outlet: 'Reuters',
      publishedAt: '2026-11-29T06:00:00.000Z',
    });
    await h!.service.runSlot(sub.id, DAY2);
    const today = slackPosts().slice(before);
    const parent = today.find((c) => c.params.thread_ts === undefined);
    const reply = today.filter((c) => c.params.thread_ts !== undefined);
    expect(reply).toHaveLength(1);
    expect(text(parent!)).toContain('*Update:*');
    expect(text(reply[0]!)).toContain('400 Tomahawk');
    expect(text(reply[0]!)).not.toContain('43 trillion');
  });

  it('GIVEN a muted story THEN it never comes back, not even with a new article', async () => {
    await setup();
    await h!.addArticle('m1', 'japan-defense', { point: EVENTS[0] });
    await h!.addArticle('o1', 'japan-defense', { point: EVENTS[1] });
    const sub = await subscribe('slack', 'C0MUTE', 'T1');
    await h!.store.memory.mute(
      { platform: 'slack', workspaceId: 'T1', channelId: 'C0MUTE' },
      ['m1'],
      'U1',
      DAY1,
    );
    await h!.service.runSlot(sub.id, DAY1);
    expect(replies().map(text).join(' ')).not.toContain('record military budget');
    expect(replies().map(text).join(' ')).toContain('Okinawa governor');
  });
});

describe('a threaded digest on Discord', () => {
  it('GIVEN a channel allowing threads THEN a parent, a thread started from it, and one reply per story inside it', async () => {
    await setup();
    for (let i = 0; i < 2; i++) await h!.addArticle(`d${i}`, 'japan-defense', { point: EVENTS[i] });
    discord!.guildOf.set(DISCORD_CHANNEL, GUILD);
    const sub = await subscribe('discord', DISCORD_CHANNEL, GUILD);
    await h!.service.runSlot(sub.id, DAY1);
    const parents = discord!.requests.filter(
      (r) => r.method === 'POST' && r.path === `/api/v10/channels/${DISCORD_CHANNEL}/messages`,
    );
    expect(parents).toHaveLength(1);
    const [threadId] = [...discord!.threads.keys()];
    expect(discord!.threads.get(threadId!)?.parentId).toBe(DISCORD_CHANNEL);
    const inThread = discord!.requests.filter(
      (r) => r.method === 'POST' && r.path === `/api/v10/channels/${threadId}/messages`,
    );
    expect(inThread).toHaveLength(2);
  });

  it('GIVEN a channel denying Create Public Threads THEN a one-message digest and a status line naming the permission', async () => {
    await setup();
    for (let i = 0; i < 2; i++) await h!.addArticle(`n${i}`, 'japan-defense', { point: EVENTS[i] });
    discord!.guildOf.set(DISCORD_CHANNEL, GUILD);
    discord!.denyInChannel(DISCORD_CHANNEL, GUILD, PermissionFlagsBits.CreatePublicThreads);
    const view = await subscribe('discord', DISCORD_CHANNEL, GUILD);
    expect(view.threadNote).toContain('Create Public Threads');
    await h!.service.runSlot(view.id, DAY1);
    const posts = discord!.requests.filter((r) => r.method === 'POST' && /\/messages$/.test(r.path));
    expect(posts).toHaveLength(1);
    expect(discord!.threads.size).toBe(0);
    expect(JSON.stringify(posts[0]?.body)).toContain('Okinawa governor');
    const notes = await h!.service.threadNotes(channel(DISCORD_CHANNEL, 'discord', GUILD));
    expect(notes).toHaveLength(1);
    expect(notes[0]?.note).toContain('Create Public Threads');
    expect(notes[0]?.note).not.toContain('Send Messages in Threads');
  });
});

async function parentTsOf(): Promise<string> {
  return String(
    (h!.db.prepare('SELECT message_id FROM digest_runs').get() as { message_id: string }).message_id,
  );
}
