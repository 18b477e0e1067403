// What the platform-neutral commands need from the rest of the bot (ports), and what they give
// back (Reply). Adapters build an Invocation from a platform event, call dispatch, and render the
// Reply; the services are wired in main.ts.
import type {
  Briefing,
  Platform,
  SourceStatus,
  StoreHealth,
  SubscriptionState,
  Topic,
  TopicSummary,
} from '../core/types.js';
import type { Message, MessageCode } from '../core/messages.js';
import type { Result } from '../core/result.js';
import type { Metrics } from '../ops/metrics.js';
import type { WhyExplanation } from '../core/why.js';

/** Who asked, and where. */
export interface Invocation {
  platform: Platform;
  /** Slack team id, Discord guild id, or `local` for the console. */
  workspaceId: string;
  channelId: string;
  userId: string;
  /** Display name, when the platform gives one (used in "shared by" lines). */
  userName?: string;
  /** May this user manage the channel's digests (subscribe/unsubscribe)? Asked only by those commands. */
  rights: ChannelRights;
}

/**
 * The right to manage a channel's digests, as the platform knows it. The check is lazy: dispatch
 * calls it only for a command that needs the right, so an ordinary `/brief` costs no platform call
 * (Slack asks users.info). It resolves false rather than throwing when the platform cannot say.
 */
export interface ChannelRights {
  canManage(): boolean | Promise<boolean>;
  /** Who holds the right here, for the refusal, e.g. "the Manage Channels permission". */
  holders: string;
}

/** Minimal structured logger (pino-compatible): object first, message second. */
export interface Log {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Topics and their briefings, read from the store. */
export interface BriefingService {
  listTopics(): Promise<TopicSummary[]>;
  /** The topic's current briefing, or undefined when no such topic is configured. */
  /** `options` widens the briefing (digests cut several channels' stories from one). */
  brief(slug: string, now: Date, options?: { maxPoints?: number }): Promise<Briefing | undefined>;
}

export type { SourceStatus, SubscriptionState } from '../core/types.js';

/** A digest subscription as shown to users. */
export interface SubscriptionView {
  id: string;
  topic: string;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  /** Cron expression (5 or 6 fields). */
  schedule: string;
  /** What the user typed or a readable form of the schedule: "daily 08:00", "weekdays 08:00". */
  when: string;
  timezone: string;
  /** ISO time of the next run, when scheduled. */
  nextRunAt?: string;
  state: SubscriptionState;
  lastError?: string;
  /** Declared in the config file: cannot be removed from chat. */
  fromConfig: boolean;
  quietNote: boolean;
  /** Posted as a parent listing the stories, with a thread reply per story. */
  threads?: boolean;
  /** Threads asked for but not possible in this channel: why, naming what is missing. */
  threadNote?: string;
  /** Set by subscribe when it changed an existing subscription's schedule (SUBSCRIPTION_UPDATED). */
  updated?: boolean;
}

/** A chat platform that is not up: starting, retrying its start, or stopped, with why. */
export interface PlatformStatus {
  platform: string;
  state: 'starting' | 'retrying' | 'stopped';
  error?: string;
  nextAttemptAt?: string;
}

export interface StatusReport {
  generatedAt: string;
  /** Platforms that are not up (absent or empty: every one that was asked for is). */
  platforms?: PlatformStatus[];
  /** The database, when it is not ok (locked, read-only, full, damaged, unavailable). */
  store?: StoreHealth;
  sources: SourceStatus[];
  /** Subscriptions whose last post failed or which are paused, with why. */
  failingDigests: SubscriptionView[];
  /** Threaded digests posted as one message because the channel does not allow threads, with why. */
  threadNotes?: { topic: string; channelId: string; note: string }[];
  /** Feedback given on stories here over the last 30 days, per topic. */
  feedback?: FeedbackCount[];
}

/** 👍, 👎 and mutes on one topic's stories. */
export interface FeedbackCount {
  topic: string;
  up: number;
  down: number;
  muted: number;
}

export type FeedbackVerdict = 'up' | 'down' | 'mute';

/** A story the feedback buttons under a briefing (or a one-message digest) refer to. */
export interface FeedbackStory {
  /** The stored story reference the buttons carry. */
  ref: string;
  /** The story's headline point, naming it beside its buttons. */
  headline: string;
  /** Muted in this channel's digests: shown as such, without a Mute button. */
  muted?: boolean;
}

/** The feedback buttons under a briefing or a digest story. */
export interface FeedbackService {
  /**
   * Records who gave what on the story `ref` (a stored story reference) in the invocation's
   * channel; muting needs the same rights as subscribing. Resolves with the answer to show.
   */
  give(invocation: Invocation, ref: string, verdict: FeedbackVerdict, now: Date): Promise<Reply>;
  /**
   * The stories of a `/brief <topic>` answer that get buttons (stored so a press can name them),
   * each marked when the invocation's channel muted it. Absent: briefings carry no buttons.
   */
  storiesFor?(invocation: Invocation, briefing: Briefing, now: Date): Promise<FeedbackStory[]>;
}

export interface StatusService {
  report(invocation: Invocation, now: Date): Promise<StatusReport>;
}

/** An expected failure, returned as a value: a message code and the values its sentence needs. */
export type Problem = Message;

export type { Result };

export interface SubscribeRequest {
  topic: string;
  /** `daily 08:00`, `weekdays 08:00`, `hourly` or a cron expression. */
  when: string;
  timezone?: string;
  /** Post a short "all quiet" note when nothing is new (default: stay silent). */
  quietNote?: boolean;
  /** One message listing the stories, a thread reply per story (default: one message). */
  threads?: boolean;
}

export interface SubscriptionService {
  subscribe(invocation: Invocation, request: SubscribeRequest, now: Date): Promise<Result<SubscriptionView>>;
  unsubscribe(invocation: Invocation, topic: string): Promise<Result<SubscriptionView>>;
  list(invocation: Invocation, now: Date): Promise<SubscriptionView[]>;
}

/** `/brief url`: one page's key points (services/links.ts). */
export interface LinkBriefingService {
  brief(link: string, invocation: Invocation, now: Date): Promise<Result<Briefing>>;
}

/** `/brief search`: a briefing on any words (services/search.ts). */
export interface SearchBriefingService {
  search(text: string, now: Date): Promise<Result<Briefing>>;
}

/** `/brief why`: what happened to an article, asked by link or title words (services/why.ts). */
export interface WhyService {
  explain(query: string, invocation: Invocation, now: Date): Promise<Result<WhyExplanation>>;
}

/** A chat topic as a command asks for it: the slug and the words typed after it. */
export interface ChatTopicRequest {
  slug: string;
  keywords: string[];
  exclude: string[];
}

/** What a chat-topic change did: the topic as it now is, and how many stored articles match it. */
export interface ChatTopicChange {
  topic: Topic;
  /** Stored articles tagged with the topic after the change. */
  tagged: number;
  /** For a removal: how many digests subscribe to the topic. */
  digests?: number;
}

/** `/brief topic add|remove|keywords`: topics managed from chat, beside the config's. */
export interface ChatTopicService {
  add(invocation: Invocation, request: ChatTopicRequest, now: Date): Promise<Result<ChatTopicChange>>;
  setKeywords(invocation: Invocation, request: ChatTopicRequest, now: Date): Promise<Result<ChatTopicChange>>;
  remove(invocation: Invocation, slug: string): Promise<Result<ChatTopicChange>>;
  /** The slugs of the topics made in chat (Discord autocomplete for remove and keywords). */
  chatSlugs(): string[];
}

/** Everything a command may use; main.ts builds them all, for the bot and the CLI alike. */
export interface Services {
  briefings: BriefingService;
  links: LinkBriefingService;
  search: SearchBriefingService;
  status: StatusService;
  subscriptions: SubscriptionService;
  why: WhyService;
  chatTopics: ChatTopicService;
  feedback: FeedbackService;
  log: Log;
  /** Counts commands and their latency (src/ops/metrics.ts; noMetrics counts nothing). */
  metrics: Metrics;
}

export type Visibility = 'ephemeral' | 'channel';

export interface UsageLine {
  usage: string;
  description: string;
}

/** A platform-neutral answer; each adapter's render.ts turns it into messages. */
export type Reply = { visibility: Visibility } & (
  | {
      kind: 'briefing';
      briefing: Briefing;
      /**
       * The command text that gives this answer again (`url https://…`), for share buttons; unset
       * for a topic's briefing, which is shared by its slug.
       */
      shareText?: string;
      /** 👍 / 👎 / Mute per story, in the briefing's story order (absent: no buttons). */
      feedback?: FeedbackStory[];
    }
  | { kind: 'help'; commands: UsageLine[]; topics: TopicSummary[] }
  | { kind: 'topics'; topics: TopicSummary[] }
  | { kind: 'status'; report: StatusReport }
  | { kind: 'subscriptions'; subscriptions: SubscriptionView[] }
  /** `/brief why`: rendered through core/why-lines.ts, the same sentences on every platform. */
  | { kind: 'why'; explanation: WhyExplanation }
  | {
      kind: 'notice';
      tone: 'info' | 'success' | 'error';
      code: MessageCode;
      text: string;
      /** The values `text` was made from, so an adapter can escape echoed input its own way. */
      params?: Record<string, string | number>;
    }
);
