// Chat topics on the real platforms: the real Bolt app (HTTP mode, signed requests) and the real
// discord.js client against the local fakes, over the real chat-topic service and a SQLite file.
// People without channel-management rights are refused and nothing is stored; managers add
// topics; Discord autocompletes the chat topics' names for topic-remove.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../src/commands/ports.js';
import { createAskServices } from '../../../src/services/ask.js';
import { createBriefingService } from '../../../src/services/briefings.js';
import { createTopicCatalog } from '../../../src/services/chat-topics.js';
import type { Store } from '../../../src/store/ports.js';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import { PERMS_MANAGER, PERMS_MEMBER, STRING, stringOptions } from '../../fixtures/discord/interactions.js';
import { replyData, send, startHarness, type Harness } from '../discord/helpers.js';
import { makeConfig } from '../ingest/harness.js';
import { fakeServices } from '../../support/services.js';
import { useSlackBed } from '../../fakes/slack-adapter.js';

let dir: string;
let store: Store;
let services: Services;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-rights-'));
  store = openSqliteStore(path.join(dir, 'store.db'));
  const config = makeConfig([]);
  const catalog = createTopicCatalog(config.topics, store.topics);
  await catalog.load();
  const briefings = createBriefingService({
    topics: () => catalog.all(),
    articles: store.articles,
    windowDays: 7,
    maxPoints: 6,
  });
  services = fakeServices({ briefings, ...createAskServices({ store, config, catalog, briefings }) });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const slugs = async () => (await store.topics.list()).map((t) => t.slug).sort();

describe('GIVEN Slack', () => {
  const slack = useSlackBed(() => ({ services, poster: { maxRateLimitWaitMs: 0 }, ackDeadlineMs: 2_000 }));
  const command = async (text: string, user: string) => {
    const res = await slack.command(text, { user_id: user });
    expect(res.status).toBe(200);
    return JSON.stringify(res.json);
  };

  it('WHEN a member who is not an admin adds, changes or removes a topic THEN each is refused in words and nothing is stored', async () => {
    for (const [text, action] of [
      ['topic add chips chip', 'add topics'],
      ['topic keywords chips chip', "change topics' keywords"],
      ['topic remove chips', 'remove topics'],
    ] as const) {
      const answer = await command(text, 'U0MEMBER');
      expect(answer).toContain(
        `Only people who can manage this channel can ${action} (workspace admins and configured managers).`,
      );
    }
    expect(await slugs()).toEqual([]);
  });

  it('WHEN a workspace admin adds a topic THEN it is stored and the reply says so', async () => {
    slack.api.users.U0ADMIN = { is_admin: true };
    const answer = await command('topic add slack-chips semiconductor "export rules"', 'U0ADMIN');
    expect(answer).toContain('Added the topic \\"slack-chips\\"');
    expect(await slugs()).toEqual(['slack-chips']);
  });
});

describe('GIVEN Discord', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(services);
  });
  afterAll(async () => {
    await h?.close();
  });
  const add = (permissions: string) =>
    send(h.fake, {
      subcommand: 'topic-add',
      permissions,
      options: stringOptions({ topic: 'discord-chips', keywords: 'semiconductor -potato' }),
    });

  it('WHEN a member without Manage Channels adds a topic THEN it is refused in words and nothing is stored', async () => {
    const { data } = replyData((await add(PERMS_MEMBER)).callback);
    expect(data.content).toBe(
      'Only people who can manage this channel can add topics (the Manage Channels permission).',
    );
    expect(await slugs()).not.toContain('discord-chips');
  });

  it('WHEN a manager adds one THEN it is stored, and topic-remove autocompletes the chat topics only', async () => {
    const { data } = replyData((await add(PERMS_MANAGER)).callback);
    expect(data.content).toContain('Added the topic "discord-chips"');
    expect(await slugs()).toContain('discord-chips');
    const { callback } = await send(h.fake, {
      subcommand: 'topic-remove',
      autocomplete: true,
      options: [{ name: 'topic', type: STRING, value: '', focused: true }],
    });
    const choices = (replyData(callback).data.choices as { value: string }[]).map((c) => c.value);
    expect(choices.sort()).toEqual(['discord-chips', 'slack-chips']);
  });
});
