// A digest service on real parts: a SQLite file in a temp folder, the real article store and
// briefing service, real node-cron; only the posters are fakes (our port).
import { webApi } from '@slack/bolt';
import { createDiscordPoster, createPosterRest } from '../../../src/adapters/discord/poster.js';
import { apiBase } from '../../../src/adapters/slack/index.js';
import { createSlackPoster } from '../../../src/adapters/slack/poster.js';
import type { ChannelPoster, PosterOptions } from '../../../src/digests/ports.js';
import { memoryLog } from '../../support/log.js';
import { startFakeDiscord, type FakeDiscord } from '../../fakes/discord-server.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';
import { onTestFinished } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config } from '../../../src/config/load.js';
import type { DigestConfig } from '../../../src/config/schema.js';
import type { Platform, Topic } from '../../../src/core/types.js';
import {
  createDigestService,
  type DigestService,
  type DigestServiceDeps,
} from '../../../src/digests/index.js';
import { createBriefingService } from '../../../src/services/briefings.js';
import { openDatabase, type Db } from '../../../src/store/db.js';
import type { ArticleRepository, Store } from '../../../src/store/ports.js';
import { createSqliteStore } from '../../../src/store/sqlite.js';
import type { Invocation } from '../../../src/commands/ports.js';

export const TOPICS: Topic[] = [
  { slug: 'japan-defense', title: 'Japan defense', keywords: ['japan'], exclude: [] },
  { slug: 'climate', title: 'Climate', keywords: ['climate'], exclude: [] },
];

export interface Harness {
  dir: string;
  db: Db;
  store: Store;
  articles: ArticleRepository;
  service: DigestService;
  /** Log lines written by the service (pino to memory). */
  logs: Record<string, unknown>[];
  /** Stores an article tagged with `topic`; `learned` marks source backlog. */
  addArticle(
    id: string,
    topic: string,
    options?: {
      learned?: boolean;
      publishedAt?: string;
      point?: string;
      points?: string[];
      outlet?: string;
      title?: string;
    },
  ): Promise<void>;
  /** Stops the service and opens a fresh one over the same file (a restart). */
  restart(overrides?: Partial<DigestServiceDeps>): Promise<DigestService>;
  close(): Promise<void>;
}

/** Five made-up words unique to `id`, so no two test points read as the same fact and merge. */
export function uniquePoint(id: string): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  const vowels = 'aeiou';
  let h = 2166136261;
  for (const ch of id) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const words: string[] = [];
  for (let w = 0; w < 5; w++) {
    let word = '';
    for (let i = 0; i < 4; i++) {
      h = Math.imul(h ^ (w * 31 + i), 16777619) >>> 0;
      word += (letters[h % letters.length] as string) + (vowels[(h >>> 8) % vowels.length] as string);
    }
    words.push(word);
  }
  return `${words.join(' ')} happened.`;
}

export function config(digests: DigestConfig[] = [], topics: Topic[] = TOPICS): Config {
  return {
    file: 'test.yaml',
    sources: [],
    topics,
    digests,
    briefing: { windowDays: 7, maxPoints: 6 },
    store: { retentionDays: 90 },
    slack: { managers: [] },
  };
}

export function makeHarness(options: {
  posters: Partial<Record<Platform, ChannelPoster>>;
  digests?: DigestConfig[];
  now?: () => Date;
  topics?: Topic[];
  extra?: Partial<DigestServiceDeps>;
  dir?: string;
}): Harness {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'newsbrief-digests-'));
  const db = openDatabase(path.join(dir, 'test.db'));
  const store = createSqliteStore(db);
  const articles = store.articles;
  const topics = options.topics ?? TOPICS;
  const briefings = createBriefingService({ topics, articles, windowDays: 7, maxPoints: 6 });
  const logs: Record<string, unknown>[] = [];
  const make = (overrides: Partial<DigestServiceDeps> = {}) =>
    createDigestService({
      store,
      config: config(options.digests, topics),
      log: memoryLog({ records: logs }).log,
      briefings,
      articles,
      posters: options.posters,
      now: options.now,
      ...options.extra,
      ...overrides,
    });
  const h: Harness = {
    dir,
    db,
    store,
    articles,
    service: make(),
    logs,
    async addArticle(id, topic, o = {}) {
      const publishedAt = o.publishedAt ?? (options.now ?? (() => new Date()))().toISOString();
      await articles.upsert(
        {
          id,
          sourceId: 'src',
          url: `https://news.example/${id}`,
          contentHash: `hash-${id}`,
          title: o.title ?? `Article ${id}`,
          outlet: o.outlet ?? 'Example News',
          publishedAt,
          text: o.points ? o.points.join(' ') : `Text of ${id}.`,
          points: o.points ?? [o.point ?? uniquePoint(id)],
        },
        { learned: o.learned ?? false, now: new Date(publishedAt) },
      );
      await articles.setTopics(id, [{ topic, relevance: 1 }]);
    },
    async restart(overrides) {
      await h.service.stop();
      h.service = make(overrides);
      return h.service;
    },
    async close() {
      await h.service.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

export function channel(
  channelId: string,
  platform: Platform = 'console',
  workspaceId = 'local',
): Invocation {
  return {
    platform,
    workspaceId,
    channelId,
    userId: 'U1',
    rights: { canManage: () => true, holders: 'the machine owner' },
  };
}

/**
 * The real Slack and Discord posters against the fake servers: one attempt per post (no SDK
 * retries; a 429 is handed to the poster), `slackOptions` e.g. to record Retry-After waits.
 */
function platformPosters(
  slackApiUrl: string,
  discordApiUrl: string,
  slackOptions?: PosterOptions,
): { slack: ChannelPoster; discord: ChannelPoster } {
  const log = memoryLog({ level: 'silent' }).log;
  const slack = createSlackPoster({
    client: new webApi.WebClient('xoxb-test', {
      slackApiUrl: apiBase(slackApiUrl),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    }),
    log,
    ...(slackOptions ? { options: slackOptions } : {}),
  });
  const discord = createDiscordPoster({ rest: createPosterRest('bot-token', discordApiUrl), log });
  return { slack, discord };
}

export interface FakePlatforms {
  slackApi: FakeSlackApi;
  discord: FakeDiscord;
  /** The real posters pointed at the two fakes (platformPosters). */
  posters: { slack: ChannelPoster; discord: ChannelPoster };
}

/**
 * A fake Slack Web API and a fake Discord for one test, with the real posters pointed at them.
 * Both close when the test finishes, after its afterEach hooks (which close the harness first).
 */
export async function fakePlatformsForTest(slackOptions?: PosterOptions): Promise<FakePlatforms> {
  const slackApi = await startFakeSlackApi();
  onTestFinished(() => slackApi.close());
  const discord = await startFakeDiscord('100000000000000099');
  onTestFinished(() => discord.close());
  return { slackApi, discord, posters: platformPosters(slackApi.apiUrl, discord.apiUrl, slackOptions) };
}
