// The services behind `/brief why` and `/brief topic add|remove|keywords`, built over a Store: one
// function, so the bot (main.ts) and the tests wire them the same way.
import type { BriefingService, ChatTopicService, WhyService } from '../commands/ports.js';
import { commands } from '../commands/registry.js';
import type { Config } from '../config/load.js';
import { TOPICS_FINGERPRINT_KEY } from '../ingest/tagging.js';
import type { Store } from '../store/ports.js';
import { createChatTopicService, type TopicCatalog } from './chat-topics.js';
import { createWhyService } from './why.js';

/** Names no chat topic may take: every /brief subcommand and the first word of each phrase. */
function reservedNames(): string[] {
  return [...new Set(commands.flatMap((c) => [c.name, ...(c.typed ?? [])])), 'share'];
}

export function createAskServices(deps: {
  store: Store;
  config: Config;
  catalog: TopicCatalog;
  briefings: BriefingService;
}): { why: WhyService; chatTopics: ChatTopicService } {
  const { store, config, catalog, briefings } = deps;
  const addresses = new Map(config.sources.map((s) => [s.id, 'url' in s ? s.url : undefined]));
  const why = createWhyService({
    articles: store.articles,
    search: store.search,
    topics: () => catalog.all(),
    brief: (slug, now) => briefings.brief(slug, now),
    sources: async () =>
      (await store.sources.list(config.sources.map((s) => ({ id: s.id, type: s.type })))).map((s) => ({
        ...s,
        url: addresses.get(s.id),
      })),
    windowDays: config.briefing.windowDays,
    retentionDays: config.store.retentionDays,
  });
  const chatTopics = createChatTopicService({
    catalog,
    store: store.topics,
    articles: store.articles,
    reserved: reservedNames(),
    fingerprintKey: TOPICS_FINGERPRINT_KEY,
    digestsOf: async (slug) => (await store.subscriptions.all()).filter((s) => s.topic === slug).length,
  });
  return { why, chatTopics };
}
