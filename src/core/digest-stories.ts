// A digest's stories, decided per channel: the briefing's points grouped by story, only the facts
// the channel was not already sent (the briefing's own same-fact test, isSameFact), a story the
// channel saw before marked as an update, muted stories left out, and at most `maxStories`
// stories with a count of the rest. Pure: the digest runner feeds it what the store knows.
import { factPrint, isSameFact, type FactPrint } from './coverage.js';
import type { Briefing, BriefingArticle, BriefingPoint } from './types.js';

/** One story of a briefing: its points (the first is its headline) and the articles they cite. */
export interface BriefingStory {
  points: BriefingPoint[];
  /** Distinct ids of the articles the story's points cite, in citation order. */
  articleIds: string[];
  /** How many outlets covered the story (1 when the briefing did not say more). */
  outlets: number;
}

/** A story as one channel's digest tells it. */
export interface DigestStory extends BriefingStory {
  /** The channel was sent this story before: the points are its new facts only. */
  update: boolean;
}

export interface StoryPlan {
  /** The stories to post, in briefing rank order, at most `maxStories`. */
  stories: DigestStory[];
  /** Stories with something new that flood control left out ("and N more stories"). */
  more: number;
}

/** What a channel was already sent or asked not to see. */
export interface ChannelMemory {
  /** Facts the channel was sent (prints of the points' texts). */
  sentFacts: readonly FactPrint[];
  /** Articles the channel was sent. */
  sentArticles: ReadonlySet<string>;
  /** Articles of stories muted in the channel: a story citing any of them is never posted. */
  mutedArticles: ReadonlySet<string>;
}

export interface StoryPlanOptions {
  /** A point's citations the digest may announce (article-level rules); none drops the point. */
  announceable: (point: BriefingPoint) => string[];
  /** At most this many stories per digest (`digests.maxStories`). */
  maxStories: number;
}

/**
 * Groups a briefing's points into its stories. Points of one story are adjacent and carry the
 * same `story` index; a point without one (a briefing made before stories were numbered) is a
 * story of its own.
 */
export function storiesOf(briefing: Briefing): BriefingStory[] {
  const stories: BriefingStory[] = [];
  let last: number | undefined;
  for (const point of briefing.points) {
    const current = stories.at(-1);
    if (current && point.story !== undefined && point.story === last) current.points.push(point);
    else stories.push({ points: [point], articleIds: [], outlets: point.storyOutlets ?? 1 });
    last = point.story;
  }
  for (const story of stories) story.articleIds = distinct(story.points.flatMap((p) => p.articleIds));
  return stories;
}

/** Caches prints by text: one topic's points are compared for every channel of a slot. */
export function createFactPrinter(): (text: string) => FactPrint {
  const cache = new Map<string, FactPrint>();
  return (text) => {
    let print = cache.get(text);
    if (!print) cache.set(text, (print = factPrint(text)));
    return print;
  };
}

/**
 * One channel's stories: each keeps only the points it may announce that state no fact the
 * channel was sent; a story left with none is not mentioned; a story citing a muted article is
 * left out; a story the channel saw (an article or a fact it was sent) is an update. The first
 * `maxStories` are posted; the rest are counted.
 */
export function planStories(
  stories: readonly BriefingStory[],
  memory: ChannelMemory,
  options: StoryPlanOptions,
  print: (text: string) => FactPrint = createFactPrinter(),
): StoryPlan {
  const wasSent = (point: BriefingPoint) => {
    const p = print(point.text);
    return memory.sentFacts.some((f) => isSameFact(p, f));
  };
  const told: DigestStory[] = [];
  for (const story of stories) {
    if (story.articleIds.some((id) => memory.mutedArticles.has(id))) continue;
    const fresh: BriefingPoint[] = [];
    let seen = story.articleIds.some((id) => memory.sentArticles.has(id));
    for (const point of story.points) {
      if (wasSent(point)) {
        seen = true;
        continue;
      }
      const articleIds = options.announceable(point);
      if (articleIds.length > 0) fresh.push({ ...point, articleIds });
    }
    if (fresh.length === 0) continue;
    told.push({
      points: fresh,
      articleIds: distinct(fresh.flatMap((p) => p.articleIds)),
      outlets: story.outlets,
      update: seen,
    });
  }
  const shown = told.slice(0, Math.max(1, options.maxStories));
  return { stories: shown, more: told.length - shown.length };
}

/**
 * The briefing restricted to some stories: their points (an update's first point marked), the
 * articles those cite, and the newest of them. What a digest message or a story reply shows.
 */
export function briefingOfStories(briefing: Briefing, stories: readonly DigestStory[]): Briefing {
  const points = stories.flatMap((s) =>
    s.points.map((p, i) => (i === 0 && s.update ? { ...p, update: true } : p)),
  );
  const cited = new Set(points.flatMap((p) => p.articleIds));
  const articles = briefing.articles.filter((a) => cited.has(a.id));
  return { ...briefing, points, articles, newestAt: newestOf(articles) ?? briefing.newestAt };
}

function newestOf(articles: readonly BriefingArticle[]): string | undefined {
  return articles
    .map((a) => a.publishedAt)
    .filter((t): t is string => !!t)
    .sort()
    .at(-1);
}

function distinct(ids: string[]): string[] {
  return [...new Set(ids)];
}
