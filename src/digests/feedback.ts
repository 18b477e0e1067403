// The feedback buttons under a story: 👍 and 👎 from anyone, "Mute this story" with the right to
// manage the channel's digests (a mute changes what the channel receives). Every press is stored
// with who gave it; /brief status counts them per topic over the last 30 days.
//
// Under a `/brief <topic>` answer (and a one-message digest) the buttons are per story, for the
// first FEEDBACK_MAX_STORIES (story-refs.ts): a briefing covers several events and "not this"
// is said about one of them; a mute must name the articles to keep out, which a story has and a
// whole briefing does not (muting it would silence the topic). A story the channel muted
// stays in /brief (someone asked for the topic; a mute is about what is pushed to the channel),
// marked as muted there and without a Mute button.
import type { FeedbackCount, FeedbackService, FeedbackVerdict, Invocation } from '../commands/ports.js';
import { notice } from '../commands/replies.js';
import { storiesOf } from '../core/digest-stories.js';
import type { ChannelMemoryRepository } from '../store/ports.js';
import { createStoryRefs, feedbackStories, type StoryRefs } from './story-refs.js';

/** How far back /brief status counts feedback. */
export const FEEDBACK_WINDOW_DAYS = 30;

export interface FeedbackDeps {
  memory: ChannelMemoryRepository;
  /** Shared with the digests, so a story shown by both is one stored reference (default: its own). */
  storyRefs?: StoryRefs;
}

export function createFeedbackService(deps: FeedbackDeps): FeedbackService & {
  counts(invocation: Invocation, now: Date): Promise<FeedbackCount[]>;
} {
  const { memory } = deps;
  const refs = deps.storyRefs ?? createStoryRefs(memory);
  const channelOf = (invocation: Invocation) => ({
    platform: invocation.platform,
    workspaceId: invocation.workspaceId,
    channelId: invocation.channelId,
  });
  return {
    async give(invocation, ref, verdict: FeedbackVerdict, now) {
      const story = ref ? await memory.story(ref) : undefined;
      if (!story) return notice('FEEDBACK_UNKNOWN_STORY', {}, 'error');
      const channel = channelOf(invocation);
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
    async storiesFor(invocation, briefing, now) {
      // The console has no buttons: nothing to store for it.
      if (invocation.platform === 'console') return [];
      const stories = storiesOf(briefing);
      if (stories.length === 0) return [];
      const muted = await memory.mutedArticles(channelOf(invocation));
      return feedbackStories(refs, briefing.topic, stories, now, muted);
    },
    counts(invocation, now) {
      const since = new Date(now.getTime() - FEEDBACK_WINDOW_DAYS * 86_400_000);
      return memory.feedbackCounts(invocation.platform, invocation.workspaceId, since);
    },
  };
}
