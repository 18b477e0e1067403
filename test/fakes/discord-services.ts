// Services for the Discord adapter tests, on the test kit's fakeServices: fixed topics and
// briefings, and an in-memory subscription list that records what was asked.
import type {
  BriefingService,
  Invocation,
  Services,
  StatusReport,
  SubscribeRequest,
  SubscriptionView,
} from '../../src/commands/ports.js';
import type { Briefing, TopicSummary } from '../../src/core/types.js';
import { fakeServices } from '../support/services.js';

export interface FakeServices extends Services {
  subscribeCalls: { invocation: Invocation; request: SubscribeRequest }[];
}

/** Services over fixed data. `briefings` maps a slug to its briefing. */
export function discordServices(
  topics: TopicSummary[],
  briefings: Record<string, Briefing>,
  briefingService?: BriefingService,
): FakeServices {
  const subs: SubscriptionView[] = [];
  const subscribeCalls: FakeServices['subscribeCalls'] = [];
  const view = (inv: Invocation, r: SubscribeRequest): SubscriptionView => ({
    id: `${inv.channelId}:${r.topic}`,
    topic: r.topic,
    platform: inv.platform,
    workspaceId: inv.workspaceId,
    channelId: inv.channelId,
    schedule: '0 8 * * *',
    when: r.when,
    timezone: r.timezone ?? 'UTC',
    nextRunAt: '2026-11-29T08:00:00.000Z',
    state: 'active',
    fromConfig: false,
    quietNote: false,
  });
  return {
    ...fakeServices(),
    subscribeCalls,
    briefings: briefingService ?? { listTopics: async () => topics, brief: async (slug) => briefings[slug] },
    subscriptions: {
      async subscribe(invocation, request) {
        subscribeCalls.push({ invocation, request });
        const s = view(invocation, request);
        subs.push(s);
        return { ok: true, value: s };
      },
      async unsubscribe(invocation, topic) {
        const i = subs.findIndex((s) => s.channelId === invocation.channelId && s.topic === topic);
        if (i < 0) return { ok: false, error: { code: 'NOT_SUBSCRIBED', params: { topic } } };
        const [gone] = subs.splice(i, 1);
        return { ok: true, value: gone as SubscriptionView };
      },
      list: async (invocation) => subs.filter((s) => s.channelId === invocation.channelId),
    },
    status: {
      report: async (): Promise<StatusReport> => ({
        generatedAt: '2026-11-28T07:30:00.000Z',
        sources: [
          {
            id: 'seed',
            type: 'file',
            lastSuccessAt: '2026-11-28T07:00:00.000Z',
            articleCount: 1,
            consecutiveFailures: 0,
          },
        ],
        failingDigests: [],
      }),
    },
  };
}
