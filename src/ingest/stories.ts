// Story assignment: a new article joins the story of the most similar earlier article when they
// are near-duplicates (one wire story, several outlets); otherwise it starts its own story.
import {
  SAME_STORY_SIMILARITY,
  signatureBands,
  signatureSimilarity,
  storySignature,
} from '../core/stories.js';
import type { StoryIndex } from '../store/ports.js';

export interface StoryMatch {
  storyId: string;
  /** To save after the article row exists (the index references it). */
  signature?: { values: number[]; bands: number[] };
}

/** Decides the story of article `articleId` with cleaned text `text`. */
export async function matchStory(index: StoryIndex, articleId: string, text: string): Promise<StoryMatch> {
  const values = storySignature(text);
  if (!values) return { storyId: articleId };
  const bands = signatureBands(values);
  let best: { storyId: string; similarity: number } | undefined;
  for (const c of await index.candidates(bands, articleId)) {
    const similarity = signatureSimilarity(values, c.signature);
    if (similarity < SAME_STORY_SIMILARITY) continue;
    if (!best || similarity > best.similarity) best = { storyId: c.storyId ?? c.id, similarity };
  }
  return { storyId: best?.storyId ?? articleId, signature: { values, bands } };
}
