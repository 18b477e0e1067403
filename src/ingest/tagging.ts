// Topic tags: which configured topics an article belongs to, with its relevance. Computed when an
// article is stored or changes, and for every stored article when the topics' rules change.
import type { Logger } from 'pino';
import { createTopicMatcher, topicsFingerprint, type TopicMatcher } from '../core/topics.js';
import type { Topic } from '../core/types.js';
import type { ArticleRepository, Store } from '../store/ports.js';

/** Meta key under which the fingerprint of the topics last used for tagging is kept. */
export const TOPICS_FINGERPRINT_KEY = 'topics_fingerprint';

export interface Tagger {
  /** Recomputes and stores the article's tags from its title, text and the sources that carried it. */
  tag(
    articles: ArticleRepository,
    articleId: string,
    article: { title: string; text: string },
  ): Promise<void>;
}

type Matchers = { matcher: TopicMatcher; sources?: Set<string> }[];

const matchersOf = (topics: readonly Topic[]): Matchers =>
  topics.map((t) => ({
    matcher: createTopicMatcher(t),
    sources: t.sources ? new Set(t.sources) : undefined,
  }));

/**
 * `topics` is the list, or a getter for topics that change while the bot runs (those made in chat,
 * src/services/chat-topics.ts): the matchers are rebuilt whenever it returns another list.
 */
export function createTagger(topics: readonly Topic[] | (() => readonly Topic[])): Tagger {
  const current = typeof topics === 'function' ? topics : () => topics;
  let seen = current();
  let matchers = matchersOf(seen);
  return {
    async tag(articles, articleId, article) {
      if (current() !== seen) matchers = matchersOf((seen = current()));
      const carriedBy = await articles.sourcesOf(articleId);
      const tags: { topic: string; relevance: number }[] = [];
      for (const { matcher, sources } of matchers) {
        // A topic limited to some sources takes an article any of those sources carried.
        if (sources && !carriedBy.some((s) => sources.has(s))) continue;
        const relevance = matcher.relevance(article);
        if (relevance > 0) tags.push({ topic: matcher.slug, relevance });
      }
      await articles.setTopics(articleId, tags);
    },
  };
}

/**
 * Re-tags every stored article when the topics' rules differ from those last used, so a keyword
 * added to the config applies to what was already read. Returns how many articles were re-tagged.
 */
export async function retagIfTopicsChanged(
  topics: Topic[],
  store: Pick<Store, 'articles' | 'withTransaction'>,
  tagger: Tagger,
  log: Logger,
): Promise<number> {
  const fingerprint = topicsFingerprint(topics);
  if ((await store.articles.getMeta(TOPICS_FINGERPRINT_KEY)) === fingerprint) return 0;
  let count = 0;
  await store.withTransaction(async ({ articles }) => {
    for (const id of await articles.allIds()) {
      const article = await articles.get(id);
      if (!article) continue;
      await tagger.tag(articles, id, article);
      count++;
    }
    await articles.setMeta(TOPICS_FINGERPRINT_KEY, fingerprint);
  });
  log.info({ articles: count }, 'topics changed: re-tagged stored articles');
  return count;
}
