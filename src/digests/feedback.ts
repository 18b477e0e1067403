// The feedback buttons under a digest story: 👍 and 👎 from anyone, "Mute this story" with the
// right to manage the channel's digests (a mute changes what the channel receives). Every press
// is stored with who gave it; /brief status counts them per topic over the last 30 days.
import type { FeedbackCount, FeedbackService, FeedbackVerdict, Invocation } from '../commands/ports.js';
import { notice } from '../commands/replies.js';
import type { ChannelMemoryRepository } from '../store/ports.js';

/** How far back /brief status counts feedback. */
export const FEEDBACK_WINDOW_DAYS = 30;

export interface FeedbackDeps {
  memory: ChannelMemoryRepository;
}

export function createFeedbackService(deps: FeedbackDeps): FeedbackService & {
  counts(invocation: Invocation, now: Date): Promise<FeedbackCount[]>;
} {
  const { memory } = deps;
  return {
    async give(invocation, ref, verdict: FeedbackVerdict, now) {
      const story = ref ? await memory.story(ref) : undefined;
      if (!story) return notice('FEEDBACK_UNKNOWN_STORY', {}, 'error');
      const channel = {
        platform: invocation.platform,
        workspaceId: invocation.workspaceId,
        channelId: invocation.channelId,
      };
      if (verdict === 'mute') {
        if (!(await invocation.rights.canManage()))
          return notice('FEEDBACK_MUTE_RIGHTS', { holders: invocation.rights.holders }, 'error');
        await memory.mute(channel, story.articleIds, invocation.userId, now);
        await memory.recordFeedback(channel, story, invocation.userId, verdict, now);
        return notice('FEEDBACK_MUTED', { user: invocation.userName ?? invocation.userId }, 'success');
      }
      await memory.recordFeedback(channel, story, invocation.userId, verdict, now);
      return notice('FEEDBACK_THANKS', {}, 'success');
    },
    counts(invocation, now) {
      const since = new Date(now.getTime() - FEEDBACK_WINDOW_DAYS * 86_400_000);
      return memory.feedbackCounts(invocation.platform, invocation.workspaceId, since);
    },
  };
}
