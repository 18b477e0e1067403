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

/** The near-duplicate signature of a cleaned text and its band keys; none for a short text. */
export function storyKeys(text: string): StoryMatch['signature'] {
  const values = storySignature(text);
  return values ? { values, bands: signatureBands(values) } : undefined;
}

/** Decides the story of article `articleId` from its story keys (see storyKeys). */
export async function matchStory(
  index: StoryIndex,
  articleId: string,
  keys: StoryMatch['signature'],
): Promise<StoryMatch> {
  if (!keys) return { storyId: articleId };
  const { values, bands } = keys;
  let best: { storyId: string; similarity: number } | undefined;
  for (const c of await index.candidates(bands, articleId)) {
    const similarity = signatureSimilarity(values, c.signature);
    if (similarity < SAME_STORY_SIMILARITY) continue;
    if (!best || similarity > best.similarity) best = { storyId: c.storyId ?? c.id, similarity };
  }
  return { storyId: best?.storyId ?? articleId, signature: { values, bands } };
}
