// The storage contract: every repository the bot uses, with Promise-returning methods, and the
// Store that bundles them. SQLite (src/store/sqlite.ts) and PostgreSQL (src/store/postgres/)
// implement it; ingestion, digests and the services receive these interfaces and never know
// which database is behind them. Only the composition root (src/main.ts, or openStore() for the
// CLI commands) builds a Store.
import type { RankedArticle } from '../core/briefing.js';
import type { ChatTopic } from '../core/chat-topics.js';
import type { SearchQuery } from '../core/search.js';
import type {
  Article,
  Platform,
  SourceStatus,
  StoreHealth,
  SubscriptionState,
  TopicSummary,
} from '../core/types.js';
import type { IntegrityResult } from './integrity.js';

// ---- articles and their topic tags ----

/** What ingestion hands the store for one article. */
export interface ArticleInput {
  id: string;
  sourceId: string;
  url?: string;
  contentHash: string;
  title: string;
  outlet: string;
  publishedAt?: string;
  text: string;
  points: string[];
  storyId?: string;
}

export type UpsertStatus = 'new' | 'updated' | 'unchanged';

/** An article as a topic's briefing sees it: everything but the text, with its relevance. */
export type TopicArticle = Omit<Article, 'text'> & { relevance: number; learned: boolean };

export interface ArticleRepository extends ArticleHistory {
  /** Inserts or updates by id; `learned` marks backlog recorded on a source's first fetch. */
  upsert(input: ArticleInput, options: { learned: boolean; now: Date }): Promise<UpsertStatus>;
  get(id: string): Promise<Article | undefined>;
  /** Replaces an article's topic tags. */
  setTopics(articleId: string, tags: { topic: string; relevance: number }[]): Promise<void>;
  /** Articles tagged with the topic, newest first (by published, else fetched, time). */
  forTopic(topic: string, limit: number): Promise<TopicArticle[]>;
  /** All articles by id, read a page at a time to keep memory flat. */
  iterateAll(): AsyncIterable<Article>;
  topicSummaries(topics: { slug: string; title: string }[]): Promise<TopicSummary[]>;
  countBySource(): Promise<Map<string, number>>;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  /** What decides whether a re-fetched article changed, without loading its text. */
  fingerprint(id: string): Promise<{ contentHash: string; title: string; sourceId: string } | undefined>;
  /** The id of a stored article with this content hash (the same text under another URL). */
  findByHash(contentHash: string): Promise<string | undefined>;
  /** Records that `sourceId` also carried the article; false when it was already recorded. */
  linkSource(articleId: string, sourceId: string, now: Date): Promise<boolean>;
  /** Every source that carried the article, first-seen first. */
  sourcesOf(articleId: string): Promise<string[]>;
  /** Every article id, for passes (re-tagging) that write while they walk. */
  allIds(): Promise<string[]>;
  /** Whether the article was stored as backlog on its source's first fetch. */
  isLearned(id: string): Promise<boolean>;
  /** Whether the retention policy deleted this article (its id is kept as a tombstone). */
  wasExpired(id: string): Promise<boolean>;
  /** Ids of the articles this source brought first (the ones it owns). */
  idsOfSource(sourceId: string): Promise<string[]>;
  /**
   * Deletes the articles and everything hanging off them, keeping no tombstone (a local file put
   * back is read again); returns how many went.
   */
  remove(ids: readonly string[]): Promise<number>;
}

/** One earlier article that may be a near-duplicate of a new one. */
export interface StoryCandidate {
  id: string;
  storyId?: string;
  signature: number[];
}

/** The near-duplicate index (src/core/stories.ts signatures) beside the articles. */
export interface StoryIndex {
  /** Articles sharing any band key (those sharing the most first, at most a dozen), with their signature and story id; excludes `exceptId`. */
  candidates(bands: number[], exceptId: string): Promise<StoryCandidate[]>;
  /** Stores a new article's signature and band keys (stories are decided once, when first stored). */
  save(articleId: string, signature: number[], bands: number[]): Promise<void>;
}

// ---- sources ----

/** A source's stored fetch state. */
export interface SourceState {
  id: string;
  type: string;
  etag?: string;
  lastModified?: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  consecutiveFailures: number;
  nextAttemptAt?: string;
  /** Learning: true once the source's backlog has been recorded. */
  firstFetchDone: boolean;
}

export interface SourceRepository {
  get(id: string): Promise<SourceState | undefined>;
  /** A successful fetch: clears the error and failure count, keeps the validators given. */
  recordSuccess(
    id: string,
    type: string,
    update: { now: Date; etag?: string; lastModified?: string; nextAttemptAt?: Date },
  ): Promise<void>;
  /** A failed fetch: keeps validators and learning state, counts the failure. */
  recordFailure(
    id: string,
    type: string,
    update: { now: Date; error: string; nextAttemptAt: Date },
  ): Promise<void>;
  /** Status of every configured source (also those never fetched), in the order given. */
  list(configured: { id: string; type: string }[]): Promise<SourceStatus[]>;
}

// ---- subscriptions ----

/** A subscription row as the digest code uses it. */
export interface Subscription {
  id: string;
  platform: Platform;
  /** Slack team id, Discord guild id, `local` for the console; '' when the config names none. */
  workspaceId: string;
  channelId: string;
  topic: string;
  schedule: string;
  whenLabel: string;
  timezone: string;
  createdBy: string;
  createdAt: string;
  /** Created, or last given another schedule or time zone: slots before it are not "missed". */
  updatedAt: string;
  quietNote: boolean;
  state: SubscriptionState;
  lastError?: string;
  consecutiveFailures: number;
  fromConfig: boolean;
  /** Post as a parent listing the stories, with a thread reply per story. */
  threads: boolean;
  /** At most this many stories per digest; the rest are counted in one line. */
  maxStories: number;
  /** Threads asked for but not possible in the channel at the last digest: why. */
  threadNote?: string;
}

/** What creating or re-scheduling a subscription needs. */
export type SubscriptionInput = Pick<
  Subscription,
  | 'platform'
  | 'workspaceId'
  | 'channelId'
  | 'topic'
  | 'schedule'
  | 'whenLabel'
  | 'timezone'
  | 'createdBy'
  | 'quietNote'
  | 'fromConfig'
> &
  Partial<Pick<Subscription, 'threads' | 'maxStories'>>;

/** A channel, as chat commands see it. A config digest that names no workspace matches any. */
export interface ChannelKey {
  platform: Platform;
  workspaceId: string;
  channelId: string;
}

export interface SubscriptionRepository {
  /**
   * Creates the subscription, or re-schedules the channel's existing one for the topic (same id,
   * so what it was already sent stays sent). A re-schedule reactivates a paused subscription.
   */
  upsert(input: SubscriptionInput, now: Date): Promise<{ subscription: Subscription; created: boolean }>;
  get(id: string): Promise<Subscription | undefined>;
  /** The channel's subscription to a topic; a config digest without workspace matches any. */
  find(channel: ChannelKey, topic: string): Promise<Subscription | undefined>;
  forChannel(channel: ChannelKey): Promise<Subscription[]>;
  all(): Promise<Subscription[]>;
  /** Only the subscriptions declared in the config file. */
  fromConfig(): Promise<Subscription[]>;
  count(): Promise<number>;
  /** Active and failing (not paused) subscriptions on one schedule: those a slot runs. */
  due(schedule: string, timezone: string): Promise<Subscription[]>;
  /** Distinct (schedule, time zone) pairs of subscriptions that are not paused. */
  schedules(): Promise<{ schedule: string; timezone: string }[]>;
  remove(id: string): Promise<void>;
  /** A post went through: back to active, failures forgotten. */
  markHealthy(id: string): Promise<void>;
  /** Records why threads could not be used in the channel (undefined: they can). */
  setThreadNote(id: string, note: string | undefined): Promise<void>;
  /**
   * A slot failed. `countsTowardPause` is true for permanent failures (channel gone, no access):
   * after `pauseAfter` of those in a row the subscription pauses. Returns the new state.
   */
  markFailed(
    id: string,
    reason: string,
    countsTowardPause: boolean,
    pauseAfter: number,
  ): Promise<Subscription | undefined>;
}

// ---- digest runs and deliveries ----

/**
 * claimed: taken, nothing sent yet (safe to retry). posting: a post call is in flight (if the
 * process dies now, we cannot know whether it arrived). posted / nothing (no post needed) /
 * failed / skipped (missed while down, too late) are final; uncertain: found 'posting' after a
 * crash, deliberately not re-posted.
 */
export type RunState = 'claimed' | 'posting' | 'posted' | 'nothing' | 'failed' | 'uncertain' | 'skipped';

export interface DigestRun {
  subscriptionId: string;
  /** ISO 8601 UTC. */
  slot: string;
  state: RunState;
  kind?: string;
  articleIds: string[];
  attempts: number;
  claimedAt: string;
  error?: string;
}

/**
 * What planning a channel's next digest reads about what it was sent before, read in one call
 * (one query on PostgreSQL): a fan-out to thousands of channels pays for round trips, not rows.
 */
export interface DeliveryContext {
  /** Whether anything was ever posted (else the next digest is the first); see hasPosted. */
  hasPosted: boolean;
  /** Every article already sent to the channel; see delivered. */
  delivered: Set<string>;
  /** See lastPostedAt. */
  lastPostedAt?: string;
  /** The texts of the facts the channel was sent, newest first, at most the limit asked. */
  sentFacts: string[];
  /** The articles of the stories muted in the channel. */
  mutedArticles: Set<string>;
}

/** What a posted digest leaves behind: written together, in one transaction. */
export interface PostedRecord {
  /** The articles the digest carried: never sent to the channel again. */
  articleIds: string[];
  messageId?: string;
  /** The texts of the facts it told (ChannelMemoryRepository.sentFacts reads them back). */
  facts: string[];
  /** A threaded digest: its replies to post under the parent, all planned `pending`. */
  replies?: { parentId: string; payloads: string[] };
}

export interface DeliveryRepository {
  /** Takes the claim on (subscription, slot); true only for the caller that created it. */
  claim(subscriptionId: string, slot: string, now: Date): Promise<boolean>;
  getRun(subscriptionId: string, slot: string): Promise<DigestRun | undefined>;
  /**
   * Of the given subscriptions, those with a run (in any state) for `slot`: the start-up
   * catch-up asks once for all of them instead of once per subscription.
   */
  runsAt(slot: string, subscriptionIds: readonly string[]): Promise<Set<string>>;
  /** hasPosted, delivered, lastPostedAt, and the channel's sent facts and mutes, in one call. */
  context(subscriptionId: string, channel: ChannelKey, sentFactsLimit: number): Promise<DeliveryContext>;
  /**
   * The post arrived: the run is posted, its articles delivered, its facts recorded and its
   * thread replies planned, all in one transaction (none of it lands without the rest).
   */
  recordPosted(subscriptionId: string, slot: string, record: PostedRecord, now: Date): Promise<void>;
  /**
   * Records what the run will carry and that the post call starts now. False when this process
   * does not hold the run (with several instances, another adopted it): do not post.
   */
  markPosting(subscriptionId: string, slot: string, kind: string, articleIds: string[]): Promise<boolean>;
  /** The post call came back with a failure that may be retried: the run is safe to retry again. */
  markRetryable(subscriptionId: string, slot: string, error: string): Promise<void>;
  /** The post arrived: final state and the delivered articles, in one transaction. */
  markPosted(
    subscriptionId: string,
    slot: string,
    articleIds: string[],
    messageId: string | undefined,
    now: Date,
  ): Promise<void>;
  /** Final states without a post: `nothing`, `failed`, `skipped`, `uncertain`. */
  finish(
    subscriptionId: string,
    slot: string,
    state: 'nothing' | 'failed' | 'skipped' | 'uncertain',
    error: string | undefined,
    now: Date,
  ): Promise<void>;
  /** Records a slot as skipped without running it (missed too long ago); false if it had a run. */
  skip(subscriptionId: string, slot: string, reason: string, now: Date): Promise<boolean>;
  /** Runs left `claimed` or `posting` by a process that stopped. */
  unfinished(): Promise<DigestRun[]>;
  /** The subscription's newest run, if any. */
  latestRun(subscriptionId: string): Promise<DigestRun | undefined>;
  /** Every article already sent to the subscription's channel. */
  delivered(subscriptionId: string): Promise<Set<string>>;
  /** When the subscription's newest posted digest was claimed: what was stored before it is not news. */
  lastPostedAt(subscriptionId: string): Promise<string | undefined>;
  /** Whether anything was ever posted to the subscription (else its next digest is its first). */
  hasPosted(subscriptionId: string): Promise<boolean>;
}

// ---- what channels were told, threads, feedback (digests) ----

/** Stories per digest when a subscription does not say (config `digests[].maxStories`). */
export const DEFAULT_MAX_STORIES = 5;

/** A story the feedback buttons refer to. */
export interface StoryRef {
  /** A short id: it must fit, with a prefix, in Discord's 100-character custom ids. */
  ref: string;
  topic: string;
  articleIds: string[];
  headline: string;
  createdAt: string;
}

export type FeedbackVerdict = 'up' | 'down' | 'mute';

/** What a channel was sent and asked not to see, and the feedback given on stories. */
export interface ChannelMemoryRepository {
  /** The texts of the facts the subscription's channel was sent, newest first, at most `limit`. */
  sentFacts(subscriptionId: string, limit: number): Promise<string[]>;
  /** Records facts as sent to the subscription's channel in `slot`. */
  recordFacts(subscriptionId: string, slot: string, texts: string[], now: Date): Promise<void>;
  /** The articles of the stories muted in a channel. */
  mutedArticles(channel: ChannelKey): Promise<Set<string>>;
  /** Mutes a story's articles in a channel (again: keeps the first muter, refreshes the time). */
  mute(channel: ChannelKey, articleIds: string[], by: string, now: Date): Promise<void>;
  /** Stores a story reference; saving a known one again refreshes its time (retention counts from it). */
  saveStory(story: StoryRef): Promise<void>;
  story(ref: string): Promise<StoryRef | undefined>;
  /** A person's vote (their later vote on the story replaces it) or mute. */
  recordFeedback(
    channel: ChannelKey,
    story: StoryRef,
    userId: string,
    verdict: FeedbackVerdict,
    now: Date,
  ): Promise<void>;
  /** Votes and mutes per topic given in the workspace since `since`, topics in name order. */
  feedbackCounts(
    platform: Platform,
    workspaceId: string,
    since: Date,
  ): Promise<{ topic: string; up: number; down: number; muted: number }[]>;
}

/**
 * pending: to post. posting: its call is in flight. posted / failed: done. uncertain: found
 * `posting` after a stop, so it may have arrived; never posted again (at most once).
 */
export type ReplyState = 'pending' | 'posting' | 'posted' | 'failed' | 'uncertain';

/** One reply of a threaded digest: planned with its posted parent, marked as it goes out. */
export interface ThreadReply {
  subscriptionId: string;
  slot: string;
  /** 1-based place among the digest's stories. */
  position: number;
  parentId: string;
  /** The thread's id once opened (Slack: the parent's ts; Discord: the thread channel). */
  threadId?: string;
  /** The reply to post, as JSON (digests/ports.ts StoryReply). */
  payload: string;
  state: ReplyState;
  messageId?: string;
  error?: string;
}

export interface ThreadReplyRepository {
  /** Plans the replies of a posted parent, all `pending`. */
  plan(subscriptionId: string, slot: string, parentId: string, payloads: string[]): Promise<void>;
  /** Records the opened thread on every reply of the run. */
  setThread(subscriptionId: string, slot: string, threadId: string): Promise<void>;
  mark(
    subscriptionId: string,
    slot: string,
    position: number,
    state: ReplyState,
    detail?: { messageId?: string; error?: string },
  ): Promise<void>;
  /** The run's replies, in order. */
  forRun(subscriptionId: string, slot: string): Promise<ThreadReply[]>;
  /** Runs whose parent went out and some reply did not (pending or posting), oldest first. */
  unfinished(): Promise<{ subscriptionId: string; slot: string }[]>;
}

// ---- search, retention, the whole store ----

export interface SearchIndex {
  /** The `limit` most relevant articles matching the query, each with its relevance. */
  search(query: SearchQuery, limit: number): Promise<RankedArticle[]>;
}

/** What one retention pass deleted. */
export interface PruneResult {
  articles: number;
  runs: number;
}

// ---- what /brief why and chat topics read ----

/** An article's way in: who saw it, links folded into it, its story, its expiry; one topic's tags. */
export interface ArticleHistory {
  /** Every source that carried the article, with when it first did, first-seen first. */
  seenBy(id: string): Promise<{ sourceId: string; seenAt: string }[]>;
  /** Records that the link whose id is `id` carried the text of `articleId` and was folded into it. */
  recordAlias(id: string, articleId: string, sourceId: string, now: Date): Promise<void>;
  /** The stored article a link was folded into, if any. */
  aliasOf(id: string): Promise<string | undefined>;
  /** When retention deleted the article, if it did. */
  expiredAt(id: string): Promise<string | undefined>;
  /** The story's first article (its id is the story's), how many articles and outlets it has. */
  story(storyId: string): Promise<{ leadId: string; articles: number; outlets: number } | undefined>;
  /** Replaces every tag of one topic (an empty list removes them): a chat topic added or changed. */
  replaceTopicTags(topic: string, tags: { articleId: string; relevance: number }[]): Promise<void>;
}

/** Topics made from chat, kept beside the config's. */
export interface ChatTopicRepository {
  /** Oldest first. */
  list(): Promise<ChatTopic[]>;
  /** False when a chat topic with that slug exists already. */
  insert(topic: ChatTopic): Promise<boolean>;
  /** False when there is no such chat topic. */
  update(slug: string, words: { keywords: string[]; exclude: string[] }, now: Date): Promise<boolean>;
  /** False when there is no such chat topic. */
  remove(slug: string): Promise<boolean>;
}

/** The repositories that take part in a transaction. */
export interface Repositories {
  articles: ArticleRepository;
  stories: StoryIndex;
  sources: SourceRepository;
  subscriptions: SubscriptionRepository;
  deliveries: DeliveryRepository;
  /** Topics made from chat. */
  topics: ChatTopicRepository;
  memory: ChannelMemoryRepository;
  threads: ThreadReplyRepository;
}

export interface Store extends Repositories {
  search: SearchIndex;
  /**
   * Runs `fn` in one transaction over the repositories it is given: all of its writes land, or
   * (when it throws) none. Use only the `tx` repositories inside `fn`.
   */
  withTransaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * The retention policy: deletes web articles older than `cutoff` (keeping their ids as
   * tombstones) and old digest records, except each subscription's latest posted run.
   */
  pruneExpired(cutoff: Date, now: Date): Promise<PruneResult>;
  /** A cheap read that touches the database: ok, or what is wrong. */
  health(): Promise<StoreHealth>;
  /**
   * A bounded check of the database's pages at start (SQLite's quick_check, off the main
   * thread); damage found stays in health() until a restart. Absent where the server checks its
   * own pages (PostgreSQL).
   */
  checkIntegrity?(waitMs?: number): Promise<IntegrityResult>;
  close(): Promise<void>;
}
