// The digests' way into Slack: post one DigestMessage with chat.postMessage. The WebClient is
// built with retries off and 429s rejected at once, so the only wait is here, where it is bounded
// and testable: Retry-After is waited out within the post's budget (callWithinRateLimit); a 5xx,
// a network error or anything else is reported, never retried here and never thrown. The
// delivery (digests/deliver.ts) decides whether the slot tries again.
import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { fail, ok } from '../../core/result.js';
import type {
  ChannelPoster,
  ChannelTarget,
  DigestMessage,
  PosterOptions,
  PostResult,
  StoryReply,
  ThreadAddress,
} from '../../digests/ports.js';
import { callWithinRateLimit } from '../../digests/rate-limit.js';
import { classifySlackError } from './errors.js';
import { renderDigest, renderStoryReply, type SlackMessage } from './render.js';

export interface PosterDeps {
  client: webApi.WebClient;
  log: Logger;
  options?: PosterOptions;
}

/** A 429's wait in ms, or undefined for any other failure. */
const slackRetryAfter = (err: unknown): number | undefined => {
  const failure = classifySlackError(err);
  return failure.code === 'rate_limited' ? (failure.retryAfterMs ?? 1000) : undefined;
};

/** A ChannelPoster for Slack. A thread is the parent's reply chain: replies carry its `thread_ts`. */
export function createSlackPoster(deps: PosterDeps): ChannelPoster {
  async function send(
    target: ChannelTarget,
    rendered: SlackMessage,
    key: string,
    threadTs?: string,
  ): Promise<PostResult> {
    const log = deps.log.child({ channel: target.channelId, workspace: target.workspaceId, key });
    const sent = await callWithinRateLimit(
      () =>
        deps.client.chat.postMessage({
          channel: target.channelId,
          text: rendered.text,
          blocks: rendered.blocks,
          unfurl_links: false,
          unfurl_media: false,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        }),
      slackRetryAfter,
      deps.options,
    );
    if (sent.ok) return ok({ messageId: sent.value.answer.ts });
    const { thrown, waitedMs, retryAfterMs } = sent.error;
    const failure = classifySlackError(thrown);
    log.warn(
      { code: failure.code, permanent: failure.permanent, rateLimitedMs: waitedMs, reply: !!threadTs },
      'slack digest post failed',
    );
    return fail({
      permanent: failure.permanent,
      code: failure.code,
      reason: failure.reason,
      ...(failure.permanent ? {} : { retryAfterMs: retryAfterMs ?? failure.retryAfterMs }),
    });
  }

  return {
    platform: 'slack',
    // Channels are posted to in parallel; Slack's limit is about one message a second per channel.
    concurrency: 8,
    post: (target: ChannelTarget, digest: DigestMessage) =>
      send(target, renderDigest(digest), digest.idempotencyKey),
    // Nothing to create: replies name the parent's ts, and chat:write is all they need.
    openThread: async (_target, parentId) => ok({ messageId: parentId }),
    postReply: (target: ChannelTarget, thread: ThreadAddress, reply: StoryReply) =>
      send(target, renderStoryReply(reply), reply.idempotencyKey, thread.threadId),
  };
}
