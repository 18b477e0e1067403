// The digests' way into Slack: post one DigestMessage with chat.postMessage. The WebClient is
// built with retries off and 429s rejected at once, so every retry happens here, where it is
// bounded, logged and testable: Retry-After is honoured up to a total wait, 5xx and network
// errors are retried a few times with backoff, everything else is reported, never thrown.
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { ChannelPoster, ChannelTarget, DigestMessage, PostResult } from '../../digests/ports.js';
import { classifySlackError } from './errors.js';
import { renderDigest } from './render.js';

export interface RetryPolicy {
  /** Retries after a 5xx or network error (429s are bounded by `maxRetryAfterMs` instead). */
  retries: number;
  /** Longest total time to spend waiting on Retry-After for one post. */
  maxRetryAfterMs?: number;
  /** First backoff after a 5xx; doubles each time. */
  backoffMs?: number;
}

export const DEFAULT_RETRY: Required<RetryPolicy> = { retries: 3, maxRetryAfterMs: 60_000, backoffMs: 1_000 };

export interface PosterDeps {
  client: webApi.WebClient;
  log: Logger;
  retry?: RetryPolicy;
  /** Waiting, injectable so tests can see the waits without spending them. */
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A ChannelPoster for Slack. */
export function createSlackPoster(deps: PosterDeps): ChannelPoster {
  const policy = { ...DEFAULT_RETRY, ...deps.retry };
  const sleep = deps.sleep ?? realSleep;
  return {
    platform: 'slack',
    // Channels are posted to in parallel; Slack's limit is about one message a second per channel.
    concurrency: 8,
    async post(target: ChannelTarget, digest: DigestMessage): Promise<PostResult> {
      const rendered = renderDigest(digest);
      const log = deps.log.child({
        channel: target.channelId,
        workspace: target.workspaceId,
        key: digest.idempotencyKey,
      });
      let waitedMs = 0;
      let failures = 0;
      for (;;) {
        try {
          const res = await deps.client.chat.postMessage({
            channel: target.channelId,
            text: rendered.text,
            blocks: rendered.blocks,
            unfurl_links: false,
            unfurl_media: false,
          });
          return { ok: true, messageId: res.ts };
        } catch (err) {
          const failure = classifySlackError(err);
          if (failure.permanent) {
            log.warn({ code: failure.code }, 'slack digest post failed permanently');
            return { ok: false, permanent: true, code: failure.code, reason: failure.reason };
          }
          const wait =
            failure.code === 'rate_limited'
              ? (failure.retryAfterMs ?? 1000)
              : policy.backoffMs * 2 ** failures;
          const budgetLeft =
            failure.code === 'rate_limited'
              ? waitedMs + wait <= policy.maxRetryAfterMs
              : failures < policy.retries;
          if (!budgetLeft) {
            log.warn({ code: failure.code, waitedMs, failures }, 'slack digest post gave up for now');
            return {
              ok: false,
              permanent: false,
              code: failure.code,
              reason: failure.reason,
              retryAfterMs: failure.retryAfterMs,
            };
          }
          if (failure.code !== 'rate_limited') failures++;
          log.info({ code: failure.code, waitMs: wait }, 'slack digest post will be retried');
          waitedMs += wait;
          await sleep(wait);
        }
      }
    },
  };
}
