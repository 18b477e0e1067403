// The port digests post through. Each platform adapter implements a ChannelPoster; the digest
// runner decides what to post and when, the poster only delivers and reports what happened.
import type { FeedbackStory } from '../commands/ports.js';
import type { DigestStory } from '../core/digest-stories.js';
import type { Result } from '../core/result.js';
import type { Briefing, Platform } from '../core/types.js';

/** Where a digest goes. */
export interface ChannelTarget {
  platform: Platform;
  /** Slack team id, Discord guild id, `local` for the console. */
  workspaceId: string;
  channelId: string;
}

/** One digest message: the topic's briefing restricted to what is new for this channel. */
export interface DigestMessage {
  /** Points and articles new since this channel's last digest (or the whole briefing on the first one). */
  briefing: Briefing;
  /** `first`: the subscription's first digest (the topic's current briefing); `new`: what is new; `quiet`: nothing new, the subscription asked for a note. */
  kind: 'first' | 'new' | 'quiet';
  /** Readable schedule, for the footer: "daily 08:00 Asia/Tokyo". */
  scheduleLabel: string;
  /** Unique per (subscription, slot); adapters may use it to detect their own earlier attempt. */
  idempotencyKey: string;
  /** The stories told (at most `digests.maxStories`), in rank order: the parent's lines when threaded. */
  stories?: DigestStory[];
  /** Stories with news left out by flood control: "and N more stories: /brief <topic>" (absent: 0). */
  more?: number;
  /**
   * Threaded: this message is the parent, one line per story, and each story follows as a reply
   * (ChannelPoster.postReply). Otherwise (and when absent) the digest is this one message.
   */
  threaded?: boolean;
  /** Unthreaded: 👍 / 👎 / Mute per story, for the first stories (threaded digests: per reply). */
  feedback?: FeedbackStory[];
}

/** One story of a threaded digest, posted as a reply under the parent. */
export interface StoryReply {
  /** The story's points and the articles they cite, as a briefing (what renderers show). */
  briefing: Briefing;
  /** 1-based place among the digest's stories. */
  position: number;
  /** The channel was told about this story before: the points are its new facts. */
  update: boolean;
  /** Unique per (subscription, slot, story); Discord turns it into the reply's nonce. */
  idempotencyKey: string;
  /** The reference the feedback buttons under the reply carry (a stored story). */
  storyRef?: string;
}

/** Where a threaded digest's replies go: the parent message, and the thread made from it. */
export interface ThreadAddress {
  parentId: string;
  /** Slack: the parent's ts (a thread is a reply chain); Discord: the thread channel's id. */
  threadId: string;
}

/** A post (or thread) the platform took. */
export interface Posted {
  /** The platform's id for it (a thread's id from openThread); absent when the platform gives none. */
  messageId?: string;
}

/** Why a post did not go out, and whether trying again can help. */
export interface PostFailure {
  /** `permanent`: retrying cannot help (channel gone, no access, bad auth); otherwise transient. */
  permanent: boolean;
  /** Stable code for logs and status, e.g. `channel_not_found`, `missing_permissions`, `rate_limited`, `server_error`. */
  code: string;
  /** A sentence a person can act on, e.g. "the bot lacks the Send Messages permission in this channel". */
  reason: string;
  /** For transient failures: when it makes sense to try again. */
  retryAfterMs?: number;
}

export type PostResult = Result<Posted, PostFailure>;

export interface ChannelPoster {
  readonly platform: Platform;
  /** Posts the platform takes at once across channels (its rate limits allow); 1 when not said. */
  readonly concurrency?: number;
  /**
   * Posts the digest to the channel: one attempt, which may wait out 429 Retry-After within
   * `maxRateLimitWaitMs`. A 5xx or network failure is reported at once as transient; the
   * delivery (deliver.ts) owns the attempt budget. Resolves with a failure rather than throwing.
   */
  post(target: ChannelTarget, message: DigestMessage): Promise<PostResult>;
  /**
   * Threaded digests: the permissions the bot lacks to make a thread and post in it here, as
   * sentences naming each one (empty: threads work). Absent: nothing beyond posting is needed.
   */
  missingThreadRights?(target: ChannelTarget): Promise<string[]>;
  /** Opens the thread under a posted parent; `messageId` of the result is the thread's id. */
  openThread?(target: ChannelTarget, parentId: string, name: string): Promise<PostResult>;
  /** Posts one story into the thread, one attempt like post(). */
  postReply?(target: ChannelTarget, thread: ThreadAddress, reply: StoryReply): Promise<PostResult>;
}

/** The one option vocabulary of every platform poster. */
export interface PosterOptions {
  /**
   * Longest total time one post may spend waiting out 429 Retry-After before it reports a
   * transient `rate_limited` failure with the wait still asked for (default 60 s).
   */
  maxRateLimitWaitMs?: number;
  /** How the poster waits; injectable so tests see the waits without spending them. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 60_000;
