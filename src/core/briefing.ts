// A topic and its articles -> a Briefing: the most important points across the coverage, the same
// fact in several articles merged into one point citing all of them. Pure and deterministic: the
// same inputs (including `now`) give the same briefing.
import { pointSimilarity } from './summarize/similarity.js';
import type { Article, Briefing, BriefingArticle, BriefingPoint, Topic } from './types.js';

export interface BriefingOptions {
  /** Recency window in days of article date. */
  windowDays: number;
  /** At most this many points. */
  maxPoints: number;
  /** At most this many articles are drawn on (the best-ranked ones). */
  maxArticles?: number;
}

/** A topic's article as the briefing needs it: no text, its key points and its relevance. */
export type RankedArticle = Omit<Article, 'text'> & { relevance: number };

const DAY_MS = 86_400_000;
/** Coverage loses half its weight every two days inside the window: news is perishable. */
const RECENCY_HALF_LIFE_DAYS = 2;
/** Two points this similar (stemmed content-word overlap) state the same fact. */
export const SAME_FACT_SIMILARITY = 0.5;

/** Numbers in a point ("400", "2%", "1.65"): two points giving different numbers are different facts. */
function numbersOf(text: string): Set<string> {
  return new Set(text.match(/\d+(?:[.,]\d+)*/g) ?? []);
}

/** Whether two points state the same fact: similar content words and no conflicting numbers. */
export function sameFact(a: string, b: string): boolean {
  if (pointSimilarity(a, b) < SAME_FACT_SIMILARITY) return false;
  const na = numbersOf(a);
  const nb = numbersOf(b);
  if (na.size === 0 || nb.size === 0) return true;
  for (const n of na) if (nb.has(n)) return true;
  return false;
}

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

interface Candidate {
  text: string;
  articleId: string;
  weight: number;
  order: number;
}

interface MergedPoint {
  text: string;
  articleIds: string[];
  weight: number;
  order: number;
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

  const { chosen, stale, reference } = selectWindow([...articles].sort(byTimeDesc), now, options.windowDays);
  const maxRelevance = Math.max(...chosen.map((a) => a.relevance), 1e-9);

  // Score each article: relevance to the topic, decayed by age. Articles of one story are ranked
  // together so a wire story republished by three outlets counts once, with a small bonus for the
  // breadth of its coverage.
  const scored = chosen.map((a) => {
    const ageDays = Math.max(0, (reference - articleTime(a)) / DAY_MS);
    return {
      article: a,
      score: (a.relevance / maxRelevance) * Math.pow(0.5, ageDays / RECENCY_HALF_LIFE_DAYS),
    };
  });
  const storySize = new Map<string, number>();
  for (const s of scored)
    if (s.article.storyId) storySize.set(s.article.storyId, (storySize.get(s.article.storyId) ?? 0) + 1);
  for (const s of scored) s.score *= 1 + 0.25 * Math.log2(storySize.get(s.article.storyId ?? '') ?? 1);
  scored.sort((a, b) => b.score - a.score || byTimeDesc(a.article, b.article));
  const used = scored.slice(0, options.maxArticles ?? 8);

  // Every point of every used article is a candidate; a point's weight falls with its rank in its
  // article (the summarizer lists the most important first) so each story's lead outranks the
  // details of the top story.
  const candidates: Candidate[] = [];
  let order = 0;
  for (const { article, score } of used) {
    article.points.forEach((text, i) =>
      candidates.push({ text, articleId: article.id, weight: score / (1 + i), order: order++ }),
    );
  }
  candidates.sort((a, b) => b.weight - a.weight || a.order - b.order);

  const merged: MergedPoint[] = [];
  for (const c of candidates) {
    const same = merged.find((p) => sameFact(p.text, c.text));
    if (same) {
      if (!same.articleIds.includes(c.articleId)) same.articleIds.push(c.articleId);
      same.weight += c.weight;
      continue;
    }
    if (merged.length < options.maxPoints)
      merged.push({ text: c.text, articleIds: [c.articleId], weight: c.weight, order: c.order });
  }
  // Importance: facts carried by more articles first, then by weight; ties keep article order.
  merged.sort(
    (a, b) => b.articleIds.length - a.articleIds.length || b.weight - a.weight || a.order - b.order,
  );

  const byId = new Map(used.map((u) => [u.article.id, u.article]));
  const citedOrder: string[] = [];
  for (const p of merged) for (const id of p.articleIds) if (!citedOrder.includes(id)) citedOrder.push(id);
  const points: BriefingPoint[] = merged.map((p) => ({
    text: p.text,
    articleIds: [...p.articleIds].sort((x, y) => citedOrder.indexOf(x) - citedOrder.indexOf(y)),
  }));
  const cited: BriefingArticle[] = citedOrder.map((id) => {
    const a = byId.get(id) as RankedArticle;
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
