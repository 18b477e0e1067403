// The feedback buttons under a digest story, pressed on the real Bolt app (signed block_actions)
// and the real discord.js client (a component interaction through the fake gateway): votes are
// stored with who gave them, muting needs the subscribe right, a muted story stays out of the
// channel's digests, and /brief status counts the feedback per topic.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEEDBACK_ACTIONS } from '../../../src/adapters/slack/render.js';
import type { Invocation } from '../../../src/commands/ports.js';
import { createFeedbackService } from '../../../src/digests/feedback.js';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import type { Store } from '../../../src/store/ports.js';
import { feedbackClick } from '../../fakes/slack-requests.js';
import { slackServices } from '../../fakes/slack-services.js';
import { discordServices } from '../../fakes/discord-services.js';
import { TOPICS } from '../../fixtures/discord/briefing.js';
import { CHANNEL_ID, GUILD_ID, PERMS_MANAGER, PERMS_MEMBER } from '../../fixtures/discord/interactions.js';
import { pressButton, startHarness, type Harness as DiscordHarness } from '../discord/helpers.js';
import { useSlackBed } from '../../fakes/slack-adapter.js';

const NOW = new Date();
let dir: string;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-feedback-'));
  store = openSqliteStore(path.join(dir, 'feedback.db'));
  for (const ref of ['slackref', 'discordref'])
    await store.memory.saveStory({
      ref,
      topic: 'japan-defense',
      articleIds: [`${ref}-a1`, `${ref}-a2`],
      headline: 'Tokyo approved a record budget.',
      createdAt: NOW.toISOString(),
    });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const counts = (inv: Pick<Invocation, 'platform' | 'workspaceId'>) =>
  createFeedbackService({ memory: store.memory }).counts(inv as Invocation, new Date());

/** Where the Slack buttons are pressed. */
const SLACK_CHANNEL = { platform: 'slack' as const, workspaceId: 'T1', channelId: 'C0NEWS' };

describe('Slack feedback buttons', () => {
  const slack = useSlackBed(() => ({
    services: { ...slackServices(), feedback: createFeedbackService({ memory: store.memory }) },
    managers: ['U0MANAGER'],
    poster: { maxRateLimitWaitMs: 0 },
  }));

  const press = (action: string, userId: string) =>
    slack.interact((responseUrl) =>
      feedbackClick({ action, ref: 'slackref', userId, channelId: SLACK_CHANNEL.channelId, responseUrl }),
    );

  it('GIVEN 👍 from one person and 👎 from another THEN both are thanked and counted for the topic', async () => {
    expect(JSON.stringify((await press(FEEDBACK_ACTIONS.up, 'U0ALICE')).body)).toContain(
      'feedback on this story is noted',
    );
    await press(FEEDBACK_ACTIONS.down, 'U0BOB');
    // A person's later vote replaces theirs.
    await press(FEEDBACK_ACTIONS.down, 'U0ALICE');
    expect(await counts({ platform: 'slack', workspaceId: 'T1' })).toEqual([
      { topic: 'japan-defense', up: 0, down: 2, muted: 0 },
    ]);
  });

  it('GIVEN Mute this story from someone without the subscribe right THEN it is refused in words and nothing is muted', async () => {
    const answer = JSON.stringify((await press(FEEDBACK_ACTIONS.mute, 'U0ALICE')).body);
    expect(answer).toContain('Muting a story');
    const muted = await store.memory.mutedArticles(SLACK_CHANNEL);
    expect(muted.size).toBe(0);
  });

  it('GIVEN Mute this story from a digest manager THEN the story is muted in that channel', async () => {
    const answer = JSON.stringify((await press(FEEDBACK_ACTIONS.mute, 'U0MANAGER')).body);
    expect(answer).toContain('Muted');
    const muted = await store.memory.mutedArticles(SLACK_CHANNEL);
    expect([...muted].sort()).toEqual(['slackref-a1', 'slackref-a2']);
    expect((await counts({ platform: 'slack', workspaceId: 'T1' }))[0]?.muted).toBe(1);
  });
});

describe('Discord feedback buttons', () => {
  let h: DiscordHarness;
  beforeAll(async () => {
    h = await startHarness({
      ...discordServices(TOPICS, {}),
      feedback: createFeedbackService({ memory: store.memory }),
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  let counter = 0;
  async function press(customId: string, permissions: string) {
    // Each press from a different member, so every vote counts.
    const callback = await pressButton(h.fake, {
      customId,
      permissions,
      userId: `52345678901234567${++counter}`,
      messageAuthorId: '100000000000000001',
    });
    return callback.body as { type: number; data: { content?: string; flags?: number } };
  }

  it('GIVEN 👍 THEN a private thanks and a vote counted', async () => {
    const reply = await press('nb_fb:up:discordref', PERMS_MEMBER);
    expect(reply.type).toBe(4);
    expect(reply.data.flags).toBe(64);
    expect(JSON.stringify(reply.data)).toContain('feedback on this story is noted');
    expect((await counts({ platform: 'discord', workspaceId: GUILD_ID }))[0]).toMatchObject({ up: 1 });
  });

  it('GIVEN Mute this story without Manage Channels THEN refused; with it THEN muted in the channel', async () => {
    expect(JSON.stringify((await press('nb_fb:mute:discordref', PERMS_MEMBER)).data)).toContain(
      'Manage Channels',
    );
    const channel = { platform: 'discord' as const, workspaceId: GUILD_ID, channelId: CHANNEL_ID };
    expect((await store.memory.mutedArticles(channel)).size).toBe(0);
    expect(JSON.stringify((await press('nb_fb:mute:discordref', PERMS_MANAGER)).data)).toContain('Muted');
    expect([...(await store.memory.mutedArticles(channel))].sort()).toEqual([
      'discordref-a1',
      'discordref-a2',
    ]);
  });

  it('GIVEN a button whose story expired THEN it says so and records nothing', async () => {
    expect(JSON.stringify((await press('nb_fb:up:gone', PERMS_MEMBER)).data)).toContain('no longer known');
  });
});
