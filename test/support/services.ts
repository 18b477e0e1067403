// The test kit for commands and adapters: hand-written fakes of the command ports (ours), a sample
// briefing and an invocation. fakeServices() gives every service; a test passes the ones it uses.
import type { Briefing, TopicSummary } from '../../src/core/types.js';
import type { BriefingService, Invocation, Services } from '../../src/commands/ports.js';
import { noMetrics } from '../../src/ops/metrics.js';
import { memoryLog } from './log.js';

export function sampleBriefing(overrides: Partial<Briefing> = {}): Briefing {
  return {
    topic: 'japan-defense',
    title: 'Japan defense and the US–Japan alliance',
    generatedAt: '2026-11-28T08:00:00.000Z',
    points: [
      {
        text: 'Japan plans to raise defense spending to 2% of GDP within five years.',
        articleIds: ['a1', 'a2'],
      },
      { text: 'The two governments will sign a space cooperation agreement.', articleIds: ['a2'] },
    ],
    articles: [
      {
        id: 'a1',
        title: 'Japan boosts defense budget',
        outlet: 'AP',
        publishedAt: '2026-11-27T10:00:00.000Z',
        url: 'https://example.org/a1',
      },
      {
        id: 'a2',
        title: 'US and Japan sign space pact',
        outlet: 'Reuters',
        publishedAt: '2026-11-27T12:00:00.000Z',
      },
    ],
    newestAt: '2026-11-27T12:00:00.000Z',
    stale: false,
    matchedCount: 2,
    ...overrides,
  };
}

export function fakeBriefingService(
  topics: TopicSummary[],
  briefings: Record<string, Briefing>,
): BriefingService {
  return {
    listTopics: async () => topics,
    brief: async (slug) => briefings[slug],
  };
}

export function invocation(overrides: Partial<Invocation> = {}): Invocation {
  return {
    platform: 'console',
    workspaceId: 'local',
    channelId: 'console',
    userId: 'me',
    rights: { canManage: () => true, holders: 'the machine owner' },
    ...overrides,
  };
}

/**
 * A service this test did not set up: any call fails loudly (the command answers with the
 * internal-error notice and the test sees it), instead of quietly answering something.
 */
function notInThisTest<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get: (_target, key) =>
      key === 'then'
        ? undefined
        : () => Promise.reject(new Error(`${name}.${String(key)} is not part of this test`)),
  });
}

/** Every service, each from `overrides` or one that fails when called; no topics by default. */
export function fakeServices(overrides: Partial<Services> = {}): Services {
  return {
    briefings: fakeBriefingService([], {}),
    links: notInThisTest('links'),
    search: notInThisTest('search'),
    status: notInThisTest('status'),
    subscriptions: notInThisTest('subscriptions'),
    why: notInThisTest('why'),
    chatTopics: notInThisTest('chatTopics'),
    // No storiesFor: briefings carry no feedback buttons unless a test gives a feedback service.
    feedback: { give: () => Promise.reject(new Error('feedback.give is not part of this test')) },
    log: memoryLog({ level: 'silent' }).log,
    metrics: noMetrics,
    ...overrides,
  };
}
