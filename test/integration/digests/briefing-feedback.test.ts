// Feedback buttons under `/brief <topic>` and under a one-message digest, on the real Bolt app
// (signed slash command and block_actions) and the real discord.js client (interactions through
// the fake gateway), over a real SQLite store and the real briefing and digest services: each of
// a briefing's stories gets its own 👍 / 👎 / Mute, a press is stored with who gave it, and a
// story muted from /brief never reaches that channel's digest (while /brief still shows it,
// marked muted).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { FEEDBACK_ACTIONS } from '../../../src/adapters/slack/render.js';
import type { Services } from '../../../src/commands/ports.js';
import { createFeedbackService } from '../../../src/digests/feedback.js';
import { createBriefingService } from '../../../src/services/briefings.js';
import { useSlackBed } from '../../fakes/slack-adapter.js';
import { feedbackClick } from '../../fakes/slack-requests.js';
import {
  CHANNEL_ID,
  GUILD_ID,
  PERMS_MANAGER,
  PERMS_MEMBER,
  stringOptions,
} from '../../fixtures/discord/interactions.js';
import {
  pressButton,
  send,
  replyData,
  startHarness as startDiscord,
  type Harness as DiscordHarness,
} from '../discord/helpers.js';
import { channel, makeHarness, TOPICS, type Harness } from './harness.js';
import { fakeServices } from '../../support/services.js';

const NOW = new Date();
const SLOT = new Date(Math.floor(NOW.getTime() / 3_600_000) * 3_600_000);
const BUDGET = 'Tokyo approved a record military budget for the coming fiscal year.';
const OKINAWA = 'Okinawa governor protested missile deployments at Naha.';

let h: Harness;
let services: Services;

beforeAll(async () => {
  h = makeHarness({ posters: {}, now: () => NOW });
  const hourAgo = new Date(NOW.getTime() - 3_600_000).toISOString();
  await h.addArticle('budget', 'japan-defense', { point: BUDGET, publishedAt: hourAgo, outlet: 'AP' });
  await h.addArticle('okinawa', 'japan-defense', { point: OKINAWA, publishedAt: hourAgo, outlet: 'NHK' });
  services = fakeServices({
    briefings: createBriefingService({ topics: TOPICS, articles: h.articles, windowDays: 7, maxPoints: 6 }),
    feedback: createFeedbackService({ memory: h.store.memory }),
  });
});
afterAll(async () => {
  await h?.close();
});

/** Who pressed what, as stored. */
function stored(channelId: string) {
  return h.db
    .prepare(
      'SELECT user_id AS user, verdict, topic FROM story_feedback WHERE channel_id = ? ORDER BY given_at, user_id',
    )
    .all(channelId) as { user: string; verdict: string; topic: string }[];
}

type SlackBlock = {
  type: string;
  elements?: { type: string; action_id?: string; value?: string; text: string | { text: string } }[];
};

describe('Slack: /brief <topic> with feedback buttons per story', () => {
  const slack = useSlackBed(() => ({ services, managers: ['U0MANAGER'], poster: { maxRateLimitWaitMs: 0 } }));

  async function brief(): Promise<SlackBlock[]> {
    const res = await slack.command('japan-defense');
    expect(res.status).toBe(200);
    return (res.json as { blocks: SlackBlock[] }).blocks;
  }

  const buttonsOf = (blocks: SlackBlock[]) =>
    blocks
      .filter((b) => b.type === 'actions' && b.elements?.some((e) => e.action_id === FEEDBACK_ACTIONS.up))
      .map((b) => b.elements ?? []);
  const textOf = (blocks: SlackBlock[]) => JSON.stringify(blocks);

  async function press(action: string, ref: string, userId: string) {
    const reply = await slack.interact((responseUrl) =>
      feedbackClick({ action, ref, userId, channelId: 'C0CHAN', responseUrl, ephemeral: true }),
    );
    return JSON.stringify(reply.body);
  }

  let refs: string[] = [];

  it('GIVEN a briefing of two stories THEN each story is named with its own 👍, 👎 and Mute this story', async () => {
    const blocks = await brief();
    const rows = buttonsOf(blocks);
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row.map((e) => e.action_id)).toEqual([
        FEEDBACK_ACTIONS.up,
        FEEDBACK_ACTIONS.down,
        FEEDBACK_ACTIONS.mute,
      ]);
    refs = rows.map((row) => row[0]?.value ?? '');
    expect(new Set(refs).size).toBe(2);
    // Each row follows a line naming its story, so a reader knows what the buttons are about.
    const text = textOf(blocks);
    expect(text).toMatch(/1\. (Tokyo approved|Okinawa governor)/);
    expect(text).toMatch(/2\. (Tokyo approved|Okinawa governor)/);
    expect(blocks.length).toBeLessThanOrEqual(50);
  });

  it('GIVEN 👍 on one story from a member THEN it is thanked and stored with who gave it', async () => {
    expect(await press(FEEDBACK_ACTIONS.up, refs[0]!, 'U0ALICE')).toContain(
      'feedback on this story is noted',
    );
    expect(stored('C0CHAN')).toEqual([{ user: 'U0ALICE', verdict: 'up', topic: 'japan-defense' }]);
  });

  it('GIVEN Mute on the budget story WHEN a member presses it THEN refused; WHEN a manager does THEN the channel digest never carries it', async () => {
    const blocks = await brief();
    const budgetRow = buttonsOf(blocks).find((_, i) => textOf(blocks).includes(`${i + 1}. Tokyo approved`));
    const budgetRef = budgetRow?.[0]?.value ?? '';
    expect(refs).toContain(budgetRef);
    expect(await press(FEEDBACK_ACTIONS.mute, budgetRef, 'U0ALICE')).toContain('Muting a story');
    expect(await press(FEEDBACK_ACTIONS.mute, budgetRef, 'U0MANAGER')).toContain('Muted');
    expect(stored('C0CHAN')).toContainEqual({ user: 'U0MANAGER', verdict: 'mute', topic: 'japan-defense' });

    // The channel's digest (one message, the real Slack poster to the fake Web API).
    const service = await h.restart({ posters: { slack: slack.adapter.poster } });
    const sub = await service.subscriptions.subscribe(
      channel('C0CHAN', 'slack', 'T1'),
      { topic: 'japan-defense', when: 'hourly' },
      NOW,
    );
    if (!sub.ok) throw new Error(JSON.stringify(sub.error));
    await service.runSlot(sub.value.id, SLOT);
    const [post] = slack.api.callsOf('chat.postMessage').filter((c) => c.params.channel === 'C0CHAN');
    const digest = JSON.stringify(post?.params.blocks);
    expect(digest).toContain('Okinawa governor');
    expect(digest).not.toContain('record military budget');
    // The one-message digest carries buttons for its story too.
    const digestRows = buttonsOf(post?.params.blocks as SlackBlock[]);
    expect(digestRows).toHaveLength(1);
    expect(await press(FEEDBACK_ACTIONS.down, digestRows[0]![1]!.value!, 'U0BOB')).toContain('noted');
    expect(stored('C0CHAN')).toContainEqual({ user: 'U0BOB', verdict: 'down', topic: 'japan-defense' });
  });

  it('GIVEN the muted story THEN /brief still shows it, marked muted here, without a Mute button', async () => {
    const blocks = await brief();
    expect(textOf(blocks)).toContain('record military budget');
    expect(textOf(blocks)).toContain("muted in this channel's digests");
    const rows = buttonsOf(blocks);
    expect(rows.map((r) => r.length).sort()).toEqual([2, 3]);
  });
});

describe('Discord: /brief topic with feedback buttons per story', () => {
  let d: DiscordHarness;
  beforeAll(async () => {
    d = await startDiscord(services);
  });
  afterAll(async () => {
    await d?.close();
  });

  type Row = { type: number; components: { custom_id: string; label: string; disabled?: boolean }[] };

  async function brief(): Promise<{ embeds: APIEmbed[]; components: Row[] }> {
    const { callback } = await send(d.fake, {
      subcommand: 'topic',
      options: stringOptions({ topic: 'japan-defense' }),
    });
    return replyData(callback).data as unknown as { embeds: APIEmbed[]; components: Row[] };
  }

  async function press(customId: string, permissions: string, userId: string) {
    const callback = await pressButton(d.fake, {
      customId,
      permissions,
      userId,
      messageId: '710000000000000002',
      messageFlags: 64,
    });
    return JSON.stringify((callback.body as { data: unknown }).data);
  }

  it('GIVEN a briefing of two stories THEN one row per story: its name, 👍, 👎 and Mute, within Discord limits', async () => {
    const { components } = await brief();
    expect(components).toHaveLength(2);
    for (const row of components) {
      const [label, ...buttons] = row.components;
      expect(label?.disabled).toBe(true);
      expect(label?.label).toMatch(/^[12]\. (Tokyo approved|Okinawa governor)/);
      expect(buttons.map((b) => b.custom_id.split(':').slice(0, 2).join(':'))).toEqual([
        'nb_fb:up',
        'nb_fb:down',
        'nb_fb:mute',
      ]);
      for (const b of row.components) expect(b.custom_id.length).toBeLessThanOrEqual(100);
      for (const b of row.components) expect(b.label.length).toBeLessThanOrEqual(80);
    }
  });

  it('GIVEN 👍 and a manager muting the Okinawa story THEN both stored with who; the channel digest leaves it out', async () => {
    const { components } = await brief();
    const okinawa = components.find((r) => r.components[0]?.label.includes('Okinawa'))!;
    const budget = components.find((r) => r.components[0]?.label.includes('Tokyo'))!;
    expect(await press(budget.components[1]!.custom_id, PERMS_MEMBER, '523456789012345001')).toContain(
      'noted',
    );
    expect(await press(okinawa.components[3]!.custom_id, PERMS_MEMBER, '523456789012345001')).toContain(
      'Manage Channels',
    );
    expect(await press(okinawa.components[3]!.custom_id, PERMS_MANAGER, '523456789012345002')).toContain(
      'Muted',
    );
    expect(stored(CHANNEL_ID)).toEqual([
      { user: '523456789012345001', verdict: 'up', topic: 'japan-defense' },
      { user: '523456789012345002', verdict: 'mute', topic: 'japan-defense' },
    ]);

    const service = await h.restart({ posters: { discord: d.adapter.poster } });
    const sub = await service.subscriptions.subscribe(
      channel(CHANNEL_ID, 'discord', GUILD_ID),
      { topic: 'japan-defense', when: 'hourly' },
      NOW,
    );
    if (!sub.ok) throw new Error(JSON.stringify(sub.error));
    await service.runSlot(sub.value.id, SLOT);
    const post = d.fake.requests.find(
      (r) => r.method === 'POST' && r.path === `/api/v10/channels/${CHANNEL_ID}/messages`,
    );
    const body = post?.body as { embeds: APIEmbed[]; components?: Row[] };
    expect(body.embeds[0]?.description).toContain('Tokyo approved');
    expect(body.embeds[0]?.description).not.toContain('Okinawa governor');
    // One story in this digest: the plain 👍 / 👎 / Mute this story row, as under a thread reply.
    expect(body.components?.map((r) => r.components.map((b) => b.custom_id.split(':')[1]))).toEqual([
      ['up', 'down', 'mute'],
    ]);
  });
});
