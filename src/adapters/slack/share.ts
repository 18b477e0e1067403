// Posting a briefing someone shared with the "Share in channel" button. The WebClient rejects a
// 429 at once (index.ts), so the wait is ours: Slack asks for a few seconds, we wait them out and
// post again, bounded by a total wait. Only a 429 is retried: Slack did not post that message, so
// one more try cannot double it; after a 5xx or a network error the post may have gone through,
// and a second copy in the channel is worse than asking the person to press the button again.
import type { webApi } from '@slack/bolt';
import { fail, ok, type Result } from '../../core/result.js';
import { callWithinRateLimit } from '../../digests/rate-limit.js';
import { classifySlackError, type SlackFailure } from './errors.js';

type PostArgs = Parameters<webApi.WebClient['chat']['postMessage']>[0];

export interface ShareDeps {
  client: webApi.WebClient;
  /** Longest total time to spend waiting on Retry-After before telling the person. */
  maxWaitMs: number;
  /** Waiting, injectable for tests; real timers by default. */
  sleep?: (ms: number) => Promise<void>;
  /** Called before each wait, for the log. */
  onRateLimited?: (waitMs: number) => void;
}

/** Why the share did not go out, and how long its 429s were waited out first (for the log). */
export interface ShareFailure extends SlackFailure {
  waitedMs: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Posts once: waits out 429s within `maxWaitMs` (the one rate-limit wait, as digests' posts use); any other failure is returned at once. */
export async function postShared(deps: ShareDeps, args: PostArgs): Promise<Result<void, ShareFailure>> {
  const sleep = deps.sleep ?? realSleep;
  const sent = await callWithinRateLimit(
    () => deps.client.chat.postMessage(args),
    (err) => {
      const failure = classifySlackError(err);
      // A 429 without Retry-After is waited out for a second.
      return failure.code === 'rate_limited' ? (failure.retryAfterMs ?? 1_000) : undefined;
    },
    {
      maxRateLimitWaitMs: deps.maxWaitMs,
      sleep: async (ms) => {
        deps.onRateLimited?.(ms);
        await sleep(ms);
      },
    },
  );
  return sent.ok
    ? ok(undefined)
    : fail({ ...classifySlackError(sent.error.thrown), waitedMs: sent.error.waitedMs });
}
