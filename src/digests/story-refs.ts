// The stories feedback buttons refer to outside threaded digests: a `/brief <topic>` answer and a
// one-message digest. A button carries a short reference, not the story (Discord's custom ids
// hold 100 characters); the reference names a stored story (story_refs: topic, articles,
// headline), which is what a press records and a mute keeps out.
//
// The reference is made from the topic and the story's articles, so the same story shown in many
// channels, or to one person asking twice, is one stored row (and one vote per person): a
// fan-out saves each distinct story once, not once per channel. A process remembers for a day
// what it saved, and saving again refreshes the row's time, so a story still being shown is not
// pruned by retention (14 days at least) while its buttons are out.
import { createHash } from 'node:crypto';
import type { FeedbackStory } from '../commands/ports.js';
import type { BriefingStory } from '../core/digest-stories.js';
import type { ChannelMemoryRepository } from '../store/ports.js';

/**
 * Stories that get buttons, per message: Discord holds five rows of buttons, one per story, and
 * five is also a digest's default story limit.
 */
export const FEEDBACK_MAX_STORIES = 5;
/** How long a process trusts its own memory that a reference is stored. */
const REMEMBER_MS = 86_400_000;
/** References remembered at most; past that the memory starts again (a save is cheap). */
const REMEMBER_MAX = 10_000;

type Story = Pick<BriefingStory, 'articleIds' | 'points'>;

export interface StoryRefs {
  /** The stored reference of each story, in order (saved unless this process did lately). */
  refsOf(topic: string, stories: readonly Story[], now: Date): Promise<string[]>;
}

/** A topic's story reference: 16 base64url characters of a hash of the topic and its articles. */
export function storyRefOf(topic: string, articleIds: readonly string[]): string {
  const key = `${topic}\n${[...articleIds].sort().join('\n')}`;
  return createHash('sha256').update(key).digest('base64url').slice(0, 16);
}

export function createStoryRefs(memory: Pick<ChannelMemoryRepository, 'saveStory'>): StoryRefs {
  // The save itself is remembered, not only that it happened: a fan-out's concurrent deliveries of
  // one topic all show the same stories at once, and waiting on the one save in flight costs
  // nothing, while each making its own would queue on the same row's lock.
  const saved = new Map<string, { at: number; done: Promise<void> }>();
  const save = (ref: string, topic: string, story: Story, now: Date): Promise<void> => {
    const known = saved.get(ref);
    if (known && now.getTime() - known.at < REMEMBER_MS) return known.done;
    const done = memory.saveStory({
      ref,
      topic,
      articleIds: [...story.articleIds],
      headline: story.points[0]?.text ?? '',
      createdAt: now.toISOString(),
    });
    if (saved.size >= REMEMBER_MAX) saved.clear();
    saved.set(ref, { at: now.getTime(), done });
    // A failed save is forgotten, so the next message showing the story tries again.
    done.catch(() => {
      if (saved.get(ref)?.done === done) saved.delete(ref);
    });
    return done;
  };
  return {
    async refsOf(topic, stories, now) {
      const refs = stories.map((story) => storyRefOf(topic, story.articleIds));
      await Promise.all(stories.map((story, i) => save(refs[i] as string, topic, story, now)));
      return refs;
    },
  };
}

/**
 * The first FEEDBACK_MAX_STORIES stories as button targets, each once (two stories citing the
 * same articles would share a reference, and Discord refuses a message with a custom id twice);
 * a story citing an article in `muted` is marked muted.
 */
export async function feedbackStories(
  refs: StoryRefs,
  topic: string,
  stories: readonly Story[],
  now: Date,
  muted: ReadonlySet<string> = new Set(),
): Promise<FeedbackStory[]> {
  const shown = stories.slice(0, FEEDBACK_MAX_STORIES);
  const ids = await refs.refsOf(topic, shown, now);
  const seen = new Set<string>();
  const out: FeedbackStory[] = [];
  shown.forEach((story, i) => {
    const ref = ids[i] as string;
    if (seen.has(ref)) return;
    seen.add(ref);
    const target: FeedbackStory = { ref, headline: story.points[0]?.text ?? '' };
    if (story.articleIds.some((id) => muted.has(id))) target.muted = true;
    out.push(target);
  });
  return out;
}

/** The buttons under a one-message digest's stories (none when threaded or without stories). */
export async function digestFeedback(
  refs: StoryRefs | undefined,
  topic: string,
  stories: readonly Story[],
  now: Date,
): Promise<FeedbackStory[] | undefined> {
  if (!refs || stories.length === 0) return undefined;
  return feedbackStories(refs, topic, stories, now);
}
