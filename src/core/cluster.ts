// A cluster of raw articles (one multi-article line of `newsbrief summarize`) -> its briefing
// points with citations, through exactly what ingest and `/brief` do: each article summarized
// into key points, candidates and concepts (summarize/candidates.ts), copies of one wire text
// found by their MinHash signatures (stories.ts), then the engine briefArticles. Pure.
import { briefArticles } from './briefing.js';
import type { CoverageQuery } from './coverage.js';
import { signatureSimilarity, storySignature, SAME_STORY_SIMILARITY } from './stories.js';
import { summarizeArticle } from './summarize/candidates.js';
import { createTopicMatcher } from './topics.js';

/** One article of a cluster, as the multi-article contract gives it. */
export interface ClusterArticle {
  text: string;
  title?: string;
  outlet?: string;
  /** ISO 8601 (or anything Date.parse reads); a newer report weighs a little more. */
  published?: string;
  url?: string;
}

export interface ClusterBriefing {
  points: string[];
  /** One entry per point: indexes into the cluster's articles of every article carrying it. */
  cites: number[][];
  /** Distinct outlets per story, one entry per point (the point's story). */
  outlets: number[];
}

/** Briefs a cluster of articles, optionally for a topic (its title and keywords are the query). */
export function briefCluster(
  articles: readonly ClusterArticle[],
  options: { maxPoints: number; topic?: CoverageQuery },
): ClusterBriefing {
  const summarized = articles.map((a) => summarizeArticle(a.text, a.title ? { title: a.title } : {}));
  // Copies of one wire text speak with one voice: the first copy names the group.
  const signatures = articles.map((a) => storySignature(a.text));
  const copyKey = signatures.map((sig, i) => {
    if (!sig) return `#${i}`;
    for (let j = 0; j < i; j++) {
      const other = signatures[j];
      if (other && signatureSimilarity(sig, other) >= SAME_STORY_SIMILARITY) return `#${j}`;
    }
    return `#${i}`;
  });
  // Resolve chains (c copies b copies a) to the first article of the group.
  for (let i = 0; i < copyKey.length; i++) {
    const j = Number((copyKey[i] as string).slice(1));
    if (j !== i) copyKey[i] = copyKey[j] as string;
  }
  // With keywords, each article's relevance is what ingest's topic tagging would give it.
  const keywords = options.topic?.keywords ?? [];
  const matcher =
    keywords.length > 0
      ? createTopicMatcher({
          slug: 'cluster',
          title: options.topic?.title ?? '',
          keywords: [...keywords],
          exclude: [],
        })
      : undefined;
  const result = briefArticles(
    articles.map((a, i) => {
      const t = a.published ? Date.parse(a.published) : NaN;
      const s = summarized[i] as (typeof summarized)[number];
      return {
        candidates: s.candidates,
        points: s.points,
        concepts: s.concepts,
        title: a.title,
        outlet: a.outlet,
        copyKey: copyKey[i],
        time: Number.isNaN(t) ? undefined : t,
        relevance: matcher?.relevance({ title: a.title ?? '', text: a.text }),
        text: a.text,
      };
    }),
    { maxPoints: options.maxPoints, query: options.topic },
  );
  return {
    points: result.points.map((p) => p.text),
    cites: result.points.map((p) => [...p.cites].sort((x, y) => x - y)),
    outlets: result.points.map((p) => result.stories[p.story]?.outlets ?? 1),
  };
}
