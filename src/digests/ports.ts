// The port digests post through. Each platform adapter implements a ChannelPoster; the digest
// runner decides what to post and when, the poster only delivers and reports what happened.
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
}

export type PostResult =
  | { ok: true; messageId?: string }
  | {
      ok: false;
      /** `permanent`: retrying cannot help (channel gone, no access, bad auth); otherwise transient. */
      permanent: boolean;
      /** Stable code for logs and status, e.g. `channel_not_found`, `missing_permissions`, `rate_limited`, `server_error`. */
      code: string;
      /** A sentence a person can act on, e.g. "the bot lacks the Send Messages permission in this channel". */
      reason: string;
      /** For transient failures: when it makes sense to try again. */
      retryAfterMs?: number;
    };

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
