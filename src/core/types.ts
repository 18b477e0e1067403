// The vocabulary of newsbrief: what an article, a topic and a briefing are. Pure data, shared by
// every layer; nothing here knows about SQLite, HTTP or a chat platform.

/** The chat platforms newsbrief can answer on. `console` is the local stdin/stdout adapter. */
export const PLATFORM_NAMES = ['slack', 'discord', 'console'] as const;

export type Platform = (typeof PLATFORM_NAMES)[number];

/** A topic as configured: what users type (`slug`) and how articles are matched to it. */
export interface Topic {
  slug: string;
  title: string;
  /** Words or phrases; an article matches when its title or text contains any of them (stemmed). */
  keywords: string[];
  /** An article containing any of these is never part of the topic. */
  exclude: string[];
  /** Source ids the topic draws from; undefined means every source. */
  sources?: string[];
}

/** An article as stored: cleaned text plus key points computed once at ingest. */
export interface Article {
  /** Stable id (derived from the canonical URL, or source + path for local files). */
  id: string;
  sourceId: string;
  /** Canonical link to the article, when it has one (local files do not). */
  url?: string;
  title: string;
  /** Who published it: "AP", "Reuters", the feed's title... */
  outlet: string;
  /** ISO 8601; undefined when the source gave no usable date. */
  publishedAt?: string;
  /** ISO 8601: when newsbrief first stored it. */
  fetchedAt: string;
  /** Cleaned article text (boilerplate removed). */
  text: string;
  /** Key points, in the article's own words, most important first. */
  points: string[];
  /** Articles about the same event share a story id (near-duplicate wire copies and the like). */
  storyId?: string;
}

/** An article as cited in a briefing. */
export interface BriefingArticle {
  id: string;
  title: string;
  outlet: string;
  publishedAt?: string;
  url?: string;
}

/** One key point of a briefing, citing every article that carries it. */
export interface BriefingPoint {
  text: string;
  /** Ids of the cited articles, in `Briefing.articles` order; never empty. */
  articleIds: string[];
  /**
   * On the first point of a story that several outlets covered: how many. Points of one story
   * are adjacent, stories in rank order.
   */
  storyOutlets?: number;
  /** Which story of the briefing the point belongs to (0 = the top story); set by buildBriefing. */
  story?: number;
  /** Digests: the first point of a story the channel was told about before; what follows is its news. */
  update?: boolean;
}

/** The answer to `/brief <topic>`, and the body of a digest. */
export interface Briefing {
  topic: string;
  title: string;
  /** ISO 8601 time the briefing was made. */
  generatedAt: string;
  points: BriefingPoint[];
  /** The articles the points cite, most relevant first. */
  articles: BriefingArticle[];
  /** Newest publication (or fetch) time among the articles used; ISO 8601. */
  newestAt?: string;
  /**
   * True when no article falls inside the recency window and the briefing shows the topic's
   * latest (older) coverage instead; renderers say how old it is.
   */
  stale: boolean;
  /** How many articles matched the topic in all (the briefing may use fewer). */
  matchedCount: number;
}

/** A topic with what the store holds for it, for `/brief topics` and help. */
export interface TopicSummary {
  slug: string;
  title: string;
  articleCount: number;
  /** ISO 8601 time of the newest article, if any. */
  newestAt?: string;
}

/** What one configured source last did, as `/brief status` shows it. */
export interface SourceStatus {
  id: string;
  type: string;
  /** ISO times. */
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  articleCount: number;
  lastError?: string;
  consecutiveFailures: number;
  /** When a failing source will be tried again (backoff). */
  nextAttemptAt?: string;
}

/** A digest subscription's health: posting, failing (still scheduled), or paused. */
export type SubscriptionState = 'active' | 'failing' | 'paused';

/** The store's state: ok, or the fault in one word and a sentence. */
export interface StoreHealth {
  state: 'ok' | 'read-only' | 'disk-full' | 'locked' | 'damaged' | 'unavailable';
  error?: string;
  /** ISO time the fault was first seen, when the store remembers it. */
  since?: string;
  /** What the start-up integrity check found, when it found something. */
  detail?: string;
}
