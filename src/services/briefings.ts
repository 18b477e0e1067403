// The BriefingService port over the store: a topic's candidates are read from the article_topics
// index (tagged at ingest), and the pure core merges their stored key points into a briefing.
import {
  articlesUsed,
  buildBriefing,
  candidatesOf,
  needsText,
  type RankedArticle,
} from '../core/briefing.js';
import type { Topic } from '../core/types.js';
import type { BriefingService } from '../commands/ports.js';
import type { ArticleRepository } from '../store/ports.js';

/** How many of a topic's newest articles a briefing considers; older ones cannot win on recency. */
const CANDIDATE_LIMIT = 200;
/** Texts read per briefing for articles that mention the topic only deep inside (see needsText). */
const MAX_TEXTS = 8;

export function createBriefingService(deps: {
  /** The topics, or a getter when chat can change them (services/chat-topics.ts). */
  topics: readonly Topic[] | (() => readonly Topic[]);
  articles: ArticleRepository;
  windowDays: number;
  maxPoints: number;
}): BriefingService {
  const topics = typeof deps.topics === 'function' ? deps.topics : () => deps.topics as readonly Topic[];
  return {
    listTopics() {
      return deps.articles.topicSummaries([...topics()]);
    },
    async brief(slug, now, wider = {}) {
      const topic = topics().find((t) => t.slug === slug);
      if (!topic) return undefined;
      const options = {
        windowDays: deps.windowDays,
        maxPoints: wider.maxPoints ?? deps.maxPoints,
      };
      const candidates: RankedArticle[] = await deps.articles.forTopic(slug, CANDIDATE_LIMIT);
      // The few articles whose stored candidates never name the topic are read in full, so the
      // briefing can quote what they say about it (see needsText).
      const query = { title: topic.title, keywords: topic.keywords };
      const { used } = articlesUsed(candidates, now, options);
      const texts = new Map<string, string>();
      for (const a of used) {
        if (texts.size >= MAX_TEXTS) break;
        if (needsText({ candidates: candidatesOf(a), title: a.title }, query)) {
          const text = (await deps.articles.get(a.id))?.text;
          if (text) texts.set(a.id, text);
        }
      }
      const withTexts = candidates.map((a) => (texts.has(a.id) ? { ...a, text: texts.get(a.id) } : a));
      return buildBriefing(topic, withTexts, now, options);
    },
  };
}
