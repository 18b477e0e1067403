// `/brief why <link or title words>`: gathers what the store and the config know about one article
// (WhyFacts) and lets the pure core decide what to say (core/why.ts). A link is looked up by its
// canonical id, then among the links folded into a twin with the same text, then among the
// tombstones retention left; title words go through the full-text index and the article whose
// title holds most of them is the one explained.
import type { RankedArticle } from '../core/briefing.js';
import { canonicalUrl, hostOf } from '../core/canonical.js';
import { parseSearchQuery, type SearchQuery } from '../core/search.js';
import type { Article, Briefing, Topic } from '../core/types.js';
import {
  explainWhy,
  topicVerdicts,
  type StoredFacts,
  type WhyArticle,
  type WhyExplanation,
  type WhyFacts,
  type WhySource,
} from '../core/why.js';
import { pickByTitle } from '../core/why-find.js';
import type { Invocation, Result, SourceStatus } from '../commands/ports.js';
import { linkFromText } from '../commands/url.js';
import { articleIdForUrl } from '../ingest/ids.js';

/** What `why` reads from the store about articles (the article repository implements it). */
export interface WhyArticleStore {
  get(id: string): Promise<Article | undefined>;
  isLearned(id: string): Promise<boolean>;
  /** Every source that carried the article, with when it first did, first-seen first. */
  seenBy(id: string): Promise<{ sourceId: string; seenAt: string }[]>;
  /** The article a link was folded into because it had the same text, if any. */
  aliasOf(id: string): Promise<string | undefined>;
  /** When retention deleted the article, if it did. */
  expiredAt(id: string): Promise<string | undefined>;
  /** The story's first article, how many articles it holds and from how many outlets. */
  story(storyId: string): Promise<{ leadId: string; articles: number; outlets: number } | undefined>;
}

export interface WhyDeps {
  articles: WhyArticleStore;
  search: { search(query: SearchQuery, limit: number): Promise<RankedArticle[]> };
  /** Every topic (config and chat). */
  topics: () => Topic[] | Promise<Topic[]>;
  /** The topic's current briefing, to tell whether the article is in it. */
  brief: (slug: string, now: Date) => Briefing | undefined | Promise<Briefing | undefined>;
  /** Every configured source with its address (feeds and pages) and its fetch state. */
  sources: () => Promise<(SourceStatus & { url?: string })[]> | (SourceStatus & { url?: string })[];
  windowDays: number;
  retentionDays: number;
}

export interface WhyServiceImpl {
  explain(query: string, invocation: Invocation, now: Date): Promise<Result<WhyExplanation>>;
}

/** Articles the title words may find; the best title among them wins. */
const TITLE_CANDIDATES = 20;

const whyArticle = (a: Omit<Article, 'text' | 'points'> & Partial<Article>): WhyArticle => ({
  id: a.id,
  title: a.title,
  url: a.url,
  outlet: a.outlet,
  publishedAt: a.publishedAt,
  fetchedAt: a.fetchedAt,
});

const toWhySource = (s: SourceStatus): WhySource => ({
  id: s.id,
  lastError: s.lastError,
  consecutiveFailures: s.consecutiveFailures,
  nextAttemptAt: s.nextAttemptAt,
});

/** Is this what people paste as a link (a scheme, or a bare `host.tld/path`)? */
function asLink(text: string): string | undefined {
  const words = text.trim().split(/\s+/);
  if (words.length !== 1) return undefined;
  const link = linkFromText(words[0] as string);
  return /^[a-z][a-z0-9+.-]*:/i.test(link) ? link : undefined;
}

export function createWhyService(deps: WhyDeps): WhyServiceImpl {
  async function storedFacts(article: Article, now: Date): Promise<StoredFacts> {
    const [seenBy, learned, topics] = await Promise.all([
      deps.articles.seenBy(article.id),
      deps.articles.isLearned(article.id),
      deps.topics(),
    ]);
    const carriedBy = seenBy.map((s) => s.sourceId);
    // Only the topics the article matches can carry it; their briefings say whether they do.
    const first = topicVerdicts(topics, article, carriedBy);
    const inBriefing = new Set<string>();
    for (const v of first) {
      if (v.outcome !== 'matched') continue;
      const briefing = await deps.brief(v.slug, now);
      if (briefing?.articles.some((a) => a.id === article.id)) inBriefing.add(v.slug);
    }
    const verdicts = topicVerdicts(topics, article, carriedBy, (slug) => inBriefing.has(slug));
    const facts: StoredFacts = { article: whyArticle(article), seenBy, learned, topics: verdicts };
    if (article.storyId && article.storyId !== article.id) {
      const story = await deps.articles.story(article.storyId);
      const lead = story && (await deps.articles.get(story.leadId));
      if (story && lead)
        facts.story = { lead: whyArticle(lead), articles: story.articles, outlets: story.outlets };
    }
    return facts;
  }

  async function byLink(
    link: string,
    now: Date,
  ): Promise<Omit<WhyFacts, 'now' | 'windowDays' | 'retentionDays' | 'sources'>> {
    const canonical = canonicalUrl(link);
    const host = hostOf(canonical ?? link);
    const base = { asked: { kind: 'link' as const, link, host }, hostSources: [], alternatives: [] };
    if (!canonical) return base;
    const id = articleIdForUrl(canonical);
    const article = await deps.articles.get(id);
    if (article) return { ...base, stored: await storedFacts(article, now) };
    const twinId = await deps.articles.aliasOf(id);
    const twin = twinId ? await deps.articles.get(twinId) : undefined;
    if (twin) return { ...base, duplicate: true, stored: await storedFacts(twin, now) };
    const expiredAt = await deps.articles.expiredAt(id);
    return expiredAt ? { ...base, expiredAt } : base;
  }

  async function byWords(words: string, now: Date) {
    const asked = { kind: 'words' as const, words };
    const query = parseSearchQuery(words);
    const found = query.include.length > 0 ? await deps.search.search(query, TITLE_CANDIDATES) : [];
    const picked = pickByTitle(words, found);
    const article = picked && (await deps.articles.get(picked.best.id));
    if (!picked || !article) return { asked, hostSources: [], alternatives: [] };
    return {
      asked,
      hostSources: [],
      alternatives: picked.others.map(whyArticle),
      stored: await storedFacts(article, now),
    };
  }

  return {
    async explain(query, _invocation, now) {
      const text = query.trim();
      if (!text) return { ok: false, error: { code: 'WHY_EMPTY' } };
      const link = asLink(text);
      const found = link ? await byLink(link, now) : await byWords(text, now);
      const sources = await deps.sources();
      const host = found.asked.kind === 'link' ? found.asked.host : undefined;
      const onHost = host ? sources.filter((s) => s.url !== undefined && hostOf(s.url) === host) : [];
      const carriedBy = new Set(found.stored?.seenBy.map((s) => s.sourceId) ?? []);
      // The sources whose state matters: those that carried it; for an unseen article, those on
      // its host, else every source (any of them failing may be why it never arrived).
      const relevant = found.stored
        ? sources.filter((s) => carriedBy.has(s.id))
        : onHost.length > 0
          ? onHost
          : sources;
      const facts: WhyFacts = {
        ...found,
        hostSources: onHost.map(toWhySource),
        sources: relevant.map(toWhySource),
        now,
        windowDays: deps.windowDays,
        retentionDays: deps.retentionDays,
      };
      return { ok: true, value: explainWhy(facts) };
    },
  };
}
