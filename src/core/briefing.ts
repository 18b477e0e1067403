// A topic and its articles -> a Briefing: the articles inside the recency window, weighted by
// relevance and recency, given to the coverage engine (coverage.ts), which picks the points that
// matter across all of them. `newsbrief summarize` gives its multi-article lines to briefArticles
// below, the same function the briefing service reaches through buildBriefing, so the evaluation
// measures what users get. Pure and deterministic: the same inputs (including `now`) give the same
// briefing, whatever the order of the articles.
import {
  briefCoverage,
  matchesQuery,
  queryStemsOf,
  type CoverageArticle,
  type CoverageQuery,
  type CoverageResult,
} from './coverage.js';
import { topicCandidates, type PointCandidate } from './summarize/candidates.js';
import type { Article, Briefing, BriefingArticle, BriefingPoint, Topic } from './types.js';

export interface BriefingOptions {
  /** Recency window in days of article date. */
  windowDays: number;
  /** At most this many points. */
  maxPoints: number;
  /** At most this many articles are drawn on (the best-weighted ones); default MAX_ARTICLES. */
  maxArticles?: number;
}

/** Articles a briefing draws on by default: a busy week's coverage of a topic, bounded for speed. */
export const MAX_ARTICLES = 60;

/**
 * A topic's article as the briefing needs it: no text, its key points, its relevance and, when
 * ingest computed them, its candidate points and concepts (see summarize/candidates.ts).
 */
export type RankedArticle = Omit<Article, 'text'> & {
  relevance: number;
  /** The text, when the caller loaded it because needsText asked for it. */
  text?: string;
  candidates?: PointCandidate[];
  concepts?: number[];
};

const DAY_MS = 86_400_000;
/** Coverage loses half its weight every two days: news is perishable... */
const RECENCY_HALF_LIFE_DAYS = 2;
/** ...but a prior only: an older report still counts this much, so breadth can outweigh age. */
const RECENCY_FLOOR = 0.25;
/** The least relevant article keeps this share of the weight of the most relevant. */
const RELEVANCE_FLOOR = 0.5;
export function articleTime(a: Pick<Article, 'publishedAt' | 'fetchedAt'>): number {
  const t = Date.parse(a.publishedAt ?? a.fetchedAt);
  return Number.isNaN(t) ? 0 : t;
}

function byTimeDesc(a: RankedArticle, b: RankedArticle): number {
  return articleTime(b) - articleTime(a) || a.id.localeCompare(b.id);
}

/** The articles to brief from: those inside the window, else the latest coverage (stale). */
function selectWindow(
  articles: RankedArticle[],
  now: Date,
  windowDays: number,
): { chosen: RankedArticle[]; stale: boolean; reference: number } {
  const windowStart = now.getTime() - windowDays * DAY_MS;
  const inWindow = articles.filter((a) => articleTime(a) >= windowStart);
  if (inWindow.length > 0) return { chosen: inWindow, stale: false, reference: now.getTime() };
  // Nothing recent: show the topic's latest coverage, i.e. the window ending at its newest article.
  const newest = Math.max(...articles.map(articleTime));
  return {
    chosen: articles.filter((a) => articleTime(a) >= newest - windowDays * DAY_MS),
    stale: true,
    reference: newest,
  };
}

/** One article given to briefArticles: what ingest (or `newsbrief summarize`) computed for it. */
export interface BriefInput {
  candidates: readonly PointCandidate[];
  points: readonly string[];
  concepts?: readonly number[];
  title?: string;
  outlet?: string;
  /** Copies of one wire story share it (stories.ts). */
  copyKey?: string;
  /** Milliseconds since the epoch, when known. */
  time?: number;
  /** Topic relevance (topics.ts); undefined counts as the most relevant. */
  relevance?: number;
  /**
   * The article's text, when the caller has it: an article none of whose candidates names the
   * topic is then searched for the sentences that do (see needsText).
   */
  text?: string;
}

/**
 * Whether briefArticles would read this article's text for the query: neither its headline nor
 * any of its candidates holds a word of the topic, so what it says about the topic is deeper in
 * it. Lets the briefing service load only those few texts.
 */
export function needsText(
  article: { candidates: readonly PointCandidate[]; title?: string },
  query: CoverageQuery | undefined,
): boolean {
  const stems = queryStemsOf(query);
  if (stems.size === 0 || (article.title && matchesQuery(article.title, stems))) return false;
  return !article.candidates.some((c) => matchesQuery(c.text, stems));
}

/**
 * The engine both `/brief` and `newsbrief summarize` run: weights each article by recency
 * (relative to the newest) and relevance (relative to the most relevant), then selects the
 * points across all of them. Articles are taken in the order given; callers give a canonical one.
 */
export function briefArticles(
  articles: readonly BriefInput[],
  options: { maxPoints: number; query?: CoverageQuery },
): CoverageResult {
  const times = articles.map((a) => a.time).filter((t): t is number => t !== undefined && t > 0);
  const newest = times.length > 0 ? Math.max(...times) : 0;
  const relevances = articles.map((a) => a.relevance).filter((r): r is number => r !== undefined);
  const maxRelevance = Math.max(1e-9, ...relevances);
  const stems = queryStemsOf(options.query);
  const engine: CoverageArticle[] = articles.map((a) => {
    const age = a.time && newest ? Math.max(0, (newest - a.time) / DAY_MS) : 0;
    const recency = Math.max(RECENCY_FLOOR, Math.pow(0.5, age / RECENCY_HALF_LIFE_DAYS));
    const relevance =
      a.relevance === undefined
        ? 1
        : RELEVANCE_FLOOR + ((1 - RELEVANCE_FLOOR) * Math.max(0, a.relevance)) / maxRelevance;
    const extra =
      a.text !== undefined && needsText(a, options.query)
        ? topicCandidates(a.text, a.title, (t) => matchesQuery(t, stems))
        : [];
    return {
      candidates: extra.length > 0 ? [...a.candidates, ...extra] : a.candidates,
      points: a.points,
      concepts: a.concepts,
      title: a.title,
      outlet: a.outlet,
      copyKey: a.copyKey,
      weight: recency * relevance,
    };
  });
  return briefCoverage(engine, { maxPoints: options.maxPoints, query: options.query });
}

/** An article stored before ingest kept candidates: its key points stand in, in rank order. */
export function candidatesOf(a: RankedArticle): PointCandidate[] {
  if (a.candidates && a.candidates.length > 0) return a.candidates;
  return a.points.map((text, i) => ({ text, position: i, score: 1 / (1 + i) }));
}

/**
 * The articles a briefing draws on: those inside the window (else the latest coverage, stale),
 * the best-weighted first (relevance and recency, as briefArticles weighs them), at most
 * `maxArticles`. Ties by time then id, so the order, and with it the briefing, does not depend
 * on the input's. The briefing service uses it to load the few texts briefArticles reads.
 */
export function articlesUsed(
  articles: RankedArticle[],
  now: Date,
  options: BriefingOptions,
): { chosen: RankedArticle[]; stale: boolean; used: RankedArticle[] } {
  const { chosen, stale, reference } = selectWindow([...articles].sort(byTimeDesc), now, options.windowDays);
  const maxRelevance = Math.max(...chosen.map((a) => a.relevance), 1e-9);
  const weightOf = (a: RankedArticle): number =>
    (a.relevance / maxRelevance) *
    Math.max(
      RECENCY_FLOOR,
      Math.pow(0.5, Math.max(0, reference - articleTime(a)) / DAY_MS / RECENCY_HALF_LIFE_DAYS),
    );
  const used = chosen
    .map((a) => ({ a, w: weightOf(a) }))
    .sort((x, y) => y.w - x.w || byTimeDesc(x.a, y.a))
    .slice(0, options.maxArticles ?? MAX_ARTICLES)
    .map((x) => x.a);
  return { chosen, stale, used };
}

export function buildBriefing(
  topic: Topic,
  articles: RankedArticle[],
  now: Date,
  options: BriefingOptions,
): Briefing {
  const generatedAt = now.toISOString();
  const base = { topic: topic.slug, title: topic.title, generatedAt, matchedCount: articles.length };
  if (articles.length === 0) return { ...base, points: [], articles: [], stale: false };

  const { chosen, stale, used } = articlesUsed(articles, now, options);

  const result = briefArticles(
    used.map((a) => ({
      candidates: candidatesOf(a),
      points: a.points,
      concepts: a.concepts,
      title: a.title,
      outlet: a.outlet,
      copyKey: a.storyId,
      time: articleTime(a),
      relevance: a.relevance,
      text: a.text,
    })),
    { maxPoints: options.maxPoints, query: { title: topic.title, keywords: topic.keywords } },
  );

  // Sources in the order the points first cite them; each point's citations in that order.
  const citedOrder: number[] = [];
  for (const p of result.points) for (const i of p.cites) if (!citedOrder.includes(i)) citedOrder.push(i);
  const seenStory = new Set<number>();
  const points: BriefingPoint[] = result.points.map((p) => {
    const point: BriefingPoint = {
      text: p.text,
      articleIds: [...p.cites]
        .sort((x, y) => citedOrder.indexOf(x) - citedOrder.indexOf(y))
        .map((i) => (used[i] as RankedArticle).id),
      story: p.story,
    };
    // The first point of a story carried by several outlets says how many.
    const outlets = result.stories[p.story]?.outlets ?? 1;
    if (!seenStory.has(p.story) && outlets > 1) point.storyOutlets = outlets;
    seenStory.add(p.story);
    return point;
  });
  const cited: BriefingArticle[] = citedOrder.map((i) => {
    const a = used[i] as RankedArticle;
    return { id: a.id, title: a.title, outlet: a.outlet, publishedAt: a.publishedAt, url: a.url };
  });
  const newest = Math.max(...chosen.map(articleTime));
  return {
    ...base,
    points,
    articles: cited,
    stale,
    newestAt: newest > 0 ? new Date(newest).toISOString() : undefined,
  };
}
