// The BriefingService port over the store: a topic's candidates are read from the article_topics
// index (tagged at ingest), and the pure core merges their stored key points into a briefing.
import { buildBriefing } from '../core/briefing.js';
import type { Topic } from '../core/types.js';
import type { BriefingService } from '../commands/ports.js';
import type { ArticleRepository } from '../store/articles.js';

/** How many of a topic's newest articles a briefing considers; older ones cannot win on recency. */
const CANDIDATE_LIMIT = 200;

export function createBriefingService(deps: {
  topics: Topic[];
  articles: ArticleRepository;
  windowDays: number;
  maxPoints: number;
}): BriefingService {
  const bySlug = new Map(deps.topics.map((t) => [t.slug, t]));
  return {
    listTopics() {
      return deps.articles.topicSummaries(deps.topics);
    },
    brief(slug, now) {
      const topic = bySlug.get(slug);
      if (!topic) return undefined;
      const candidates = deps.articles.forTopic(slug, CANDIDATE_LIMIT);
      return buildBriefing(topic, candidates, now, {
        windowDays: deps.windowDays,
        maxPoints: deps.maxPoints,
      });
    },
  };
}
