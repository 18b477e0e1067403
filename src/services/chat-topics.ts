// Topics made from chat, beside the config's: the catalog every part of the bot reads topics from
// (briefings, tagging, search, why), and the service behind `/brief topic add|remove|keywords`.
// Chat topics live in the database, so they survive a restart; a change tags the stored articles
// for that topic at once, so `/brief <new-topic>` answers right away. The config's topics stay the
// admin's: chat cannot shadow, change or remove one.
import { slugProblem, titleFromSlug, wordsProblem, type ChatTopic } from '../core/chat-topics.js';
import { closest } from '../core/suggest.js';
import { createTopicMatcher, topicsFingerprint } from '../core/topics.js';
import type { Article, Topic } from '../core/types.js';
import type {
  ChatTopicChange,
  ChatTopicRequest,
  ChatTopicService,
  Invocation,
  Result,
} from '../commands/ports.js';
import type { ChatTopicRepository } from '../store/ports.js';

/** Where chat topics are kept: the store's topic repository, whose contract this is. */
export type ChatTopicStore = ChatTopicRepository;

/** What re-tagging one topic needs from the article store. */
export interface TopicTagStore {
  /** Every stored article, a page at a time. */
  iterateAll(): AsyncIterable<Article>;
  sourcesOf(articleId: string): Promise<string[]>;
  /** Replaces every tag of `topic` by these (an empty list removes the topic's tags). */
  replaceTopicTags(topic: string, tags: { articleId: string; relevance: number }[]): Promise<void>;
  setMeta(key: string, value: string): Promise<void>;
}

/** Every topic the bot knows right now: the config's first, then those made in chat. */
export interface TopicCatalog {
  all(): Topic[];
  chat(): ChatTopic[];
  isFromConfig(slug: string): boolean;
  /** Reads the chat topics from the store (at start, and after each change). */
  load(): Promise<void>;
}

export function createTopicCatalog(configTopics: readonly Topic[], store: ChatTopicStore): TopicCatalog {
  const configSlugs = new Set(configTopics.map((t) => t.slug));
  let chat: ChatTopic[] = [];
  let all: Topic[] = [...configTopics];
  return {
    all: () => all,
    chat: () => chat,
    isFromConfig: (slug) => configSlugs.has(slug),
    async load() {
      // A slug the config took since the chat topic was made: the config wins, the chat one waits.
      chat = (await store.list()).filter((t) => !configSlugs.has(t.slug));
      all = [...configTopics, ...chat];
    },
  };
}

/**
 * Tags every stored article for one topic by the tagger's rules (keywords, exclusions, source
 * limits); returns how many match. Then records the fingerprint of all topics, so the next start
 * does not re-tag everything again.
 */
export async function tagOneTopic(
  topic: Topic,
  articles: TopicTagStore,
  allTopics: readonly Topic[],
  fingerprintKey: string,
): Promise<number> {
  const matcher = createTopicMatcher(topic);
  const tags: { articleId: string; relevance: number }[] = [];
  for await (const article of articles.iterateAll()) {
    if (topic.sources) {
      const carried = await articles.sourcesOf(article.id);
      if (!carried.some((s) => topic.sources?.includes(s))) continue;
    }
    const relevance = matcher.relevance(article);
    if (relevance > 0) tags.push({ articleId: article.id, relevance });
  }
  await articles.replaceTopicTags(topic.slug, tags);
  await articles.setMeta(fingerprintKey, topicsFingerprint([...allTopics]));
  return tags.length;
}

export interface ChatTopicDeps {
  catalog: TopicCatalog;
  store: ChatTopicStore;
  articles: TopicTagStore;
  /** Names a topic may not take: the /brief subcommands. */
  reserved: readonly string[];
  /** The meta key under which ingestion keeps the fingerprint of the topics it tagged with. */
  fingerprintKey: string;
  /** How many digests subscribe to a topic (told when it is removed). */
  digestsOf: (slug: string) => Promise<number>;
}

type Change = Promise<Result<ChatTopicChange>>;

export function createChatTopicService(deps: ChatTopicDeps): ChatTopicService {
  const { catalog } = deps;
  const refuse = (code: 'CHAT_TOPIC_FROM_CONFIG', topic: string, change: string): Result<never> => ({
    ok: false,
    error: { code, params: { topic, change } },
  });
  const unknown = (slug: string): Result<never> => {
    const near = closest(
      slug,
      catalog.chat().map((t) => t.slug),
    );
    return {
      ok: false,
      error: {
        code: 'CHAT_TOPIC_UNKNOWN',
        params: { topic: slug, suggestions: near.map((s) => `\`${s}\``).join(' or ') },
      },
    };
  };
  // One change at a time: two people adding topics at once must not re-tag over each other.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  async function retag(slug: string): Promise<number> {
    await catalog.load();
    const topic = catalog.all().find((t) => t.slug === slug);
    if (!topic) return 0;
    return tagOneTopic(topic, deps.articles, catalog.all(), deps.fingerprintKey);
  }

  return {
    add(invocation: Invocation, request: ChatTopicRequest, now: Date): Change {
      return serial(async () => {
        const bad = slugProblem(request.slug, deps.reserved) ?? wordsProblem(request);
        if (bad) return { ok: false, error: bad };
        if (catalog.isFromConfig(request.slug))
          return refuse('CHAT_TOPIC_FROM_CONFIG', request.slug, 'added');
        const at = now.toISOString();
        const topic: ChatTopic = {
          slug: request.slug,
          title: titleFromSlug(request.slug),
          keywords: request.keywords,
          exclude: request.exclude,
          createdBy: `${invocation.platform}:${invocation.userId}`,
          createdAt: at,
          updatedAt: at,
        };
        if (!(await deps.store.insert(topic)))
          return { ok: false, error: { code: 'CHAT_TOPIC_EXISTS', params: { topic: request.slug } } };
        const tagged = await retag(topic.slug);
        return { ok: true, value: { topic, tagged } };
      });
    },
    setKeywords(_invocation: Invocation, request: ChatTopicRequest, now: Date): Change {
      return serial(async () => {
        if (catalog.isFromConfig(request.slug))
          return refuse('CHAT_TOPIC_FROM_CONFIG', request.slug, 'changed');
        const bad = wordsProblem(request);
        if (bad) return { ok: false, error: bad };
        if (!(await deps.store.update(request.slug, request, now))) return unknown(request.slug);
        const tagged = await retag(request.slug);
        const topic = catalog.all().find((t) => t.slug === request.slug) as Topic;
        return { ok: true, value: { topic, tagged } };
      });
    },
    remove(_invocation: Invocation, slug: string): Change {
      return serial(async () => {
        if (catalog.isFromConfig(slug)) return refuse('CHAT_TOPIC_FROM_CONFIG', slug, 'removed');
        const topic = catalog.chat().find((t) => t.slug === slug);
        if (!(await deps.store.remove(slug)) || !topic) return unknown(slug);
        await catalog.load();
        await deps.articles.replaceTopicTags(slug, []);
        await deps.articles.setMeta(deps.fingerprintKey, topicsFingerprint([...catalog.all()]));
        return { ok: true, value: { topic, tagged: 0, digests: await deps.digestsOf(slug) } };
      });
    },
    chatSlugs: () => catalog.chat().map((t) => t.slug),
  };
}
