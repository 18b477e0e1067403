// Services for the Slack adapter's tests, on the test kit's fakeServices: a fixed japan-defense
// briefing, in-memory subscriptions and a fixed status.
import type { Invocation, Services, SubscriptionView } from '../../src/commands/ports.js';
import type { Briefing } from '../../src/core/types.js';
import { fakeServices } from '../support/services.js';

export const BRIEFING: Briefing = {
  topic: 'japan-defense',
  title: 'Japan defense and the US–Japan alliance',
  generatedAt: '2023-01-14T09:00:00.000Z',
  newestAt: '2023-01-13T20:00:00.000Z',
  stale: false,
  matchedCount: 2,
  articles: [
    {
      id: 'a1',
      title: 'Biden, Kishida vow closer ties',
      outlet: 'AP',
      publishedAt: '2023-01-13T20:00:00.000Z',
      url: 'https://apnews.example/biden-kishida',
    },
    { id: 'a2', title: 'Tokyo doubles defense budget', outlet: 'Local file' },
  ],
  points: [
    { text: 'Biden praised Japan for its historic defense buildup.', articleIds: ['a1'] },
    { text: 'Japan plans to double defense spending & buy Tomahawks.', articleIds: ['a1', 'a2'] },
    { text: 'Hackers wrote <!channel> and @here in a caption.', articleIds: ['a2'] },
  ],
};

export interface FakeServices extends Services {
  /** How many times a briefing was asked for: proves a rejected request was not processed. */
  briefCalls: number;
  subscribed: Array<{ invocation: Invocation; topic: string; when: string }>;
}

/** Services answering from BRIEFING and an in-memory subscription list. */
export function slackServices(): FakeServices {
  const subscribed: FakeServices['subscribed'] = [];
  const view = (invocation: Invocation, topic: string, when: string): SubscriptionView => ({
    id: `${invocation.channelId}:${topic}`,
    topic,
    platform: 'slack',
    workspaceId: invocation.workspaceId,
    channelId: invocation.channelId,
    schedule: '0 8 * * *',
    when,
    timezone: 'Asia/Tokyo',
    nextRunAt: '2023-01-15T23:00:00.000Z',
    state: 'active',
    fromConfig: false,
    quietNote: false,
  });
  const services: FakeServices = {
    ...fakeServices(),
    briefCalls: 0,
    subscribed,
    briefings: {
      listTopics: async () => [
        { slug: 'japan-defense', title: BRIEFING.title, articleCount: 2, newestAt: BRIEFING.newestAt },
      ],
      brief: async (slug) => {
        services.briefCalls++;
        return slug === 'japan-defense' ? BRIEFING : undefined;
      },
    },
    subscriptions: {
      async subscribe(invocation, request) {
        subscribed.push({ invocation, topic: request.topic, when: request.when });
        return { ok: true, value: view(invocation, request.topic, request.when) };
      },
      async unsubscribe(invocation, topic) {
        const i = subscribed.findIndex(
          (s) => s.topic === topic && s.invocation.channelId === invocation.channelId,
        );
        if (i < 0) return { ok: false, error: { code: 'NOT_SUBSCRIBED', params: { topic } } };
        const [gone] = subscribed.splice(i, 1);
        return { ok: true, value: view(invocation, topic, gone?.when ?? '') };
      },
      list: async (invocation) =>
        subscribed
          .filter((s) => s.invocation.channelId === invocation.channelId)
          .map((s) => view(invocation, s.topic, s.when)),
    },
    // Nothing stored beyond BRIEFING: links, searches, why and chat topics answer as on an empty
    // store, each echoing what was typed (so escaping of typed text is exercised everywhere).
    links: { brief: async (link) => ({ ok: false, error: { code: 'URL_INVALID', params: { link } } }) },
    search: {
      search: async (text) => ({ ok: false, error: { code: 'SEARCH_NO_MATCH', params: { query: text } } }),
    },
    why: {
      explain: async (query) => ({
        ok: false,
        error: { code: 'WHY_NOT_SEEN_WORDS', params: { words: query } },
      }),
    },
    chatTopics: {
      add: async (_inv, r) => ({
        ok: false,
        error: { code: 'CHAT_TOPIC_RESERVED', params: { topic: r.slug } },
      }),
      setKeywords: async (_inv, r) => ({
        ok: false,
        error: { code: 'CHAT_TOPIC_UNKNOWN', params: { topic: r.slug } },
      }),
      remove: async (_inv, slug) => ({
        ok: false,
        error: { code: 'CHAT_TOPIC_UNKNOWN', params: { topic: slug } },
      }),
      chatSlugs: () => [],
    },
    status: {
      report: async (_invocation, now) => ({
        generatedAt: now.toISOString(),
        sources: [
          {
            id: 'seed',
            type: 'file',
            articleCount: 2,
            consecutiveFailures: 0,
            lastSuccessAt: '2023-01-14T08:00:00.000Z',
          },
          {
            id: 'nhk',
            type: 'feed',
            articleCount: 0,
            consecutiveFailures: 3,
            lastError: 'HTTP 503 from https://example.org/world.xml',
          },
        ],
        failingDigests: [],
      }),
    },
  };
  return services;
}
