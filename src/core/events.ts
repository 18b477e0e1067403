// Stories across outlets: articles reporting one event in different words share its names, places
// and numbers, weighted toward their leads. stories.ts finds copies of one wire text; this groups
// independent reports of one event, so a briefing can rank events and give each its share.
// Leader-follower clustering on centroids: linear in articles times stories, deterministic for a
// given order (callers pass articles best first, so a story's centroid starts from its best report).

/** An article as a sparse vector: term id -> weight. */
export type EventVector = ReadonlyMap<number, number>;

/** Cosine at or above which an article joins a story (measured against the story's centroid). */
export const SAME_EVENT_SIMILARITY = 0.06;

function normalized(v: EventVector): Map<number, number> {
  let n = 0;
  for (const x of v.values()) n += x * x;
  n = Math.sqrt(n) || 1;
  const out = new Map<number, number>();
  for (const [k, x] of v) out.set(k, x / n);
  return out;
}

function dot(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) s += x * y;
  }
  return s;
}

/**
 * The story of each article (0, 1, ... in order of first appearance). Articles with the same
 * `voice` (copies of one wire story) always share a story.
 */
export function groupEvents(
  vectors: readonly EventVector[],
  voices: readonly number[],
  threshold: number = SAME_EVENT_SIMILARITY,
): number[] {
  const units = vectors.map(normalized);
  const centroids: Map<number, number>[] = [];
  const norms: number[] = [];
  const storyOf: number[] = [];
  const storyOfVoice = new Map<number, number>();
  units.forEach((u, i) => {
    const voice = voices[i] as number;
    let story = storyOfVoice.get(voice) ?? -1;
    if (story < 0) {
      let best = threshold;
      centroids.forEach((c, s) => {
        const sim = dot(u, c) / (norms[s] as number);
        if (sim >= best) {
          best = sim;
          story = s;
        }
      });
    }
    if (story < 0) {
      story = centroids.length;
      centroids.push(new Map());
      norms.push(0);
    }
    const c = centroids[story] as Map<number, number>;
    for (const [k, x] of u) c.set(k, (c.get(k) ?? 0) + x);
    let n = 0;
    for (const x of c.values()) n += x * x;
    norms[story] = Math.sqrt(n) || 1;
    storyOf.push(story);
    storyOfVoice.set(voice, story);
  });
  return storyOf;
}
