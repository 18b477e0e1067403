// The briefing engine: the articles of a topic (or of one `newsbrief summarize` line), each with
// its candidate points, -> the few points that matter across the whole coverage, each citing
// every article that carries it. Both `/brief` and the multi-article summarize contract run this
// function, so what the evaluation measures is what users get.
//
//   1. Stories: articles about one event, in whatever words, are grouped (events.ts) and ranked
//      by how many voices (outlets, wire copies counted once) cover them and how well.
//   2. Importance is coverage: a fact shows up as concepts (concepts.ts) - words and word pairs -
//      and a concept weighs as many as the story's voices that report it, less one (a detail
//      only one outlet has counts a little). A candidate is worth the weight of the concepts it
//      adds that the chosen points do not already cover, per word (cross-article centrality as
//      a budgeted coverage problem, solved greedily), times a prior: its place in its own
//      article (the inverted pyramid), its match with the topic's title and keywords (the query,
//      as in query-focused summarization) and its article's weight (relevance, recency).
//   3. Points: chosen greedily across stories; each further point of a story is worth less, so
//      one big story cannot crowd out the rest, and no story gets more points than its coverage
//      holds facts. A candidate stating a chosen fact again is never a second point: its article
//      joins the point's citations instead.
// Pure and deterministic: the same articles in the same order give the same points.
import { conceptSet, distinct } from './concepts.js';
import { groupEvents, SAME_EVENT_SIMILARITY, type EventVector } from './events.js';
import type { PointCandidate } from './summarize/candidates.js';
import { sortedSetSimilarity } from './summarize/similarity.js';
import { scanContentStems } from './text/scan.js';
import { wordCount } from './text/tokens.js';

/** One article as the engine sees it. */
export interface CoverageArticle {
  candidates: readonly PointCandidate[];
  /** The article's own key points: how many it holds says how many facts it carries. */
  points: readonly string[];
  /** Headline, if any: its words say what the article is about. */
  title?: string;
  /** Prior weight (topic relevance times recency), 1 when all are equal. */
  weight?: number;
  /** Articles sharing a key are copies of one wire story: one voice, not several. */
  copyKey?: string;
  /** Who published it: several outlets on one story is breadth of coverage. */
  outlet?: string;
  /** The article's distinct concepts (concepts.ts); else those of its candidates. */
  concepts?: readonly number[];
}

/** The topic a briefing answers: its title and keywords act as the query. */
export interface CoverageQuery {
  title?: string;
  keywords?: readonly string[];
}

export interface CoverageOptions {
  /** At most this many points: the config's briefing.maxPoints (6 unless set; briefings aim for 3 to 6). */
  maxPoints: number;
  /** At least this many points when the coverage has them (default 3). */
  minPoints?: number;
  query?: CoverageQuery;
}

export interface CoveragePoint {
  text: string;
  /** Indexes into the input articles of every article carrying the fact; the source first. */
  cites: number[];
  /** Index into CoverageResult.stories. */
  story: number;
}

export interface CoverageStory {
  /** Indexes of the story's articles. */
  articles: number[];
  /** Distinct outlets (or copy groups, when outlets are unknown) covering it. */
  outlets: number;
}

export interface CoverageResult {
  /** Points in briefing order: stories by rank, each story's points by importance. */
  points: CoveragePoint[];
  /** Stories that received points, in rank order. */
  stories: CoverageStory[];
}

/** Tunable constants of the engine; see DEFAULT_COVERAGE_TUNING. */
export interface CoverageTuning {
  /** Exponent on the within-article score: how much an article's own ranking counts. */
  within: number;
  /** Weight of the query match (share of the query's stems in the candidate). */
  query: number;
  /** With a query, a candidate sharing none of its words keeps this share of its value. */
  offTopic: number;
  /** Each further point of a story is worth this share of the last. */
  storyDecay: number;
  /** Binary cosine of content stems at or above which two candidates state the same fact. */
  sameFact: number;
  /** How much overlap with a chosen point discounts a candidate (maximal marginal relevance). */
  novelty: number;
  /** Cosine of an article to a story's centroid at or above which it joins the story. */
  sameEvent: number;
  /** Weight of a concept only one voice reports (one reported by k voices weighs k - 1 + this). */
  lone: number;
  /** Past minPoints, the briefing ends when the next point is worth less than this share of the first. */
  stopRatio: number;
}

export const DEFAULT_COVERAGE_TUNING: CoverageTuning = {
  within: 0.3,
  query: 1,
  offTopic: 0.3,
  storyDecay: 0.6,
  sameFact: 0.5,
  novelty: 0.5,
  sameEvent: SAME_EVENT_SIMILARITY,
  lone: 0.1,
  stopRatio: 0,
};

interface Item {
  article: number;
  candidate: PointCandidate;
  /** Distinct content-stem ids, ascending: the "same fact" test. */
  ids: number[];
  /** Distinct concepts: what the candidate covers. */
  concepts: number[];
  words: number;
  /** Within-article score, query match and article weight. */
  prior: number;
}

const overlap = (a: Item, b: Item): number => sortedSetSimilarity(a.ids, b.ids);

/** Numbers in a text ("400", "2%", "1.65"): two points with different numbers are different facts. */
function numbersOf(text: string): string[] {
  return text.match(/\d+(?:[.,]\d+)*/g) ?? [];
}

/**
 * A figure specific enough to identify a fact: three digits or more ("200,000", "1,500"), or
 * any number with a decimal or percent sign; small counts and dates ("2 ships", "May 6") are not.
 */
function isTellingNumber(n: string): boolean {
  return n.replace(/[.,]/g, '').length >= 3;
}

/**
 * The rule of "one fact", given the content-word overlap of two statements and their numbers:
 * the overlap reaches `threshold`, or half of it when they give the same telling figure ("cut
 * power to 200,000 homes" and "200,000 homes lost power"); and they never give conflicting
 * figures. Callers check `o >= threshold / 2` first, so numbers are read only when it matters.
 */
function factsAgree(o: number, na: readonly string[], nb: readonly string[], threshold: number): boolean {
  if (na.length > 0 && nb.length > 0 && !na.some((n) => nb.includes(n))) return false;
  return o >= threshold || na.some((n) => isTellingNumber(n) && nb.includes(n));
}

/** Whether two candidates state one fact (factsAgree). */
function sameFact(a: Item, b: Item, threshold: number): boolean {
  const o = overlap(a, b);
  if (o < threshold / 2) return false;
  return factsAgree(o, numbersOf(a.candidate.text), numbersOf(b.candidate.text), threshold);
}

/** What the same-fact test reads from a statement: its content stems (sorted) and its numbers. */
export interface FactPrint {
  stems: readonly string[];
  numbers: readonly string[];
}

/** The FactPrint of a point's text, for comparing it later with isSameFact. */
export function factPrint(text: string): FactPrint {
  const stems = new Set<string>();
  scanContentStems(text, (s) => stems.add(s));
  return { stems: [...stems].sort(), numbers: numbersOf(text) };
}

/**
 * The briefing's same-fact test outside a briefing: whether two points state one fact, exactly
 * as the engine decides that two candidates are one point (digests use it to tell a channel's
 * new facts from ones it was already sent).
 */
export function isSameFact(
  a: FactPrint,
  b: FactPrint,
  threshold: number = DEFAULT_COVERAGE_TUNING.sameFact,
): boolean {
  const o = sortedSetSimilarity(a.stems, b.stems);
  if (o < threshold / 2) return false;
  return factsAgree(o, a.numbers, b.numbers, threshold);
}

/** The content stems of a query's title and keywords. */
export function queryStemsOf(query: CoverageQuery | undefined): Set<string> {
  const stems = new Set<string>();
  if (query)
    scanContentStems([query.title ?? '', ...(query.keywords ?? [])].join(' \n '), (s) => stems.add(s));
  return stems;
}

/** Whether a text holds any of the query's stems. */
export function matchesQuery(text: string, stems: ReadonlySet<string>): boolean {
  let hit = false;
  if (stems.size > 0) scanContentStems(text, (s) => (hit ||= stems.has(s)));
  return hit;
}

/** Selects the briefing's points across all the articles; see the file comment. */
export function briefCoverage(
  articles: readonly CoverageArticle[],
  options: CoverageOptions,
  tuning: CoverageTuning = DEFAULT_COVERAGE_TUNING,
): CoverageResult {
  const vocabulary = new Map<string, number>();
  const idsOf = (text: string): number[] => {
    const set = new Set<number>();
    scanContentStems(text, (s) => {
      let id = vocabulary.get(s);
      if (id === undefined) vocabulary.set(s, (id = vocabulary.size));
      set.add(id);
    });
    return [...set].sort((x, y) => x - y);
  };

  const items: Item[] = [];
  const byArticle: Item[][] = articles.map(() => []);
  articles.forEach((a, article) => {
    for (const candidate of a.candidates) {
      const item: Item = {
        article,
        candidate,
        ids: idsOf(candidate.text),
        concepts: conceptSet(candidate.text),
        words: Math.max(1, wordCount(candidate.text)),
        prior: 0,
      };
      items.push(item);
      byArticle[article]?.push(item);
    }
  });
  if (items.length === 0) return { points: [], stories: [] };

  // The query: the stems of the topic's title and keywords.
  const queryStems = queryStemsOf(options.query);
  const queryIds = new Set<number>();
  for (const stem of queryStems) {
    const id = vocabulary.get(stem);
    if (id !== undefined) queryIds.add(id);
  }
  const querySize = queryStems.size;
  const matchOf = (it: Item): number => {
    let match = 0;
    for (const id of it.ids) if (queryIds.has(id)) match++;
    return match;
  };
  // An article that only mentions the topic in passing (its headline has none of the query's
  // words, and few of its candidates any) gives the briefing only what it says about the topic:
  // one line on Ukraine in a story about a summit does not make the summit Ukraine news.
  // If no candidate of the coverage names the topic at all, the rule would leave nothing: the
  // articles were matched to the topic on their full text, so their best points stand.
  const anyMatch = querySize > 0 && items.some((it) => matchOf(it) > 0);
  const incidental = articles.map((a, i) => {
    if (!anyMatch || !a.title || matchesQuery(a.title, queryStems)) return false;
    const list = byArticle[i] as Item[];
    return list.filter((it) => matchOf(it) > 0).length < list.length / 4;
  });

  // Voices: the copies of one wire story speak once.
  const voiceOf: number[] = [];
  const voiceKeys = new Map<string, number>();
  articles.forEach((a, i) => {
    const key = a.copyKey ?? `#${i}`;
    let v = voiceKeys.get(key);
    if (v === undefined) voiceKeys.set(key, (v = voiceKeys.size));
    voiceOf.push(v);
  });

  // Stories. An article's event vector: the words of its candidates, those near its lead
  // counting more, weighted by how few articles use them (idf over articles, not sentences, so
  // the words two reports of one event share are not discounted as common).
  const articleDf = new Array<number>(vocabulary.size).fill(0);
  for (const list of byArticle) {
    const seen = new Set<number>();
    for (const it of list) for (const id of it.ids) seen.add(id);
    for (const id of seen) articleDf[id] = (articleDf[id] as number) + 1;
  }
  const vectors: EventVector[] = byArticle.map((list) => {
    const m = new Map<number, number>();
    for (const it of list) {
      const lead = 1 / (1 + it.candidate.position / 3);
      for (const id of it.ids)
        m.set(id, (m.get(id) ?? 0) + Math.log(1 + articles.length / (articleDf[id] as number)) * lead);
    }
    return m;
  });
  const storyOf = groupEvents(vectors, voiceOf, tuning.sameEvent);
  const storyCount = Math.max(...storyOf) + 1;
  const storyArticles: number[][] = Array.from({ length: storyCount }, () => []);
  storyOf.forEach((s, i) => storyArticles[s]?.push(i));
  const storyVoices = storyArticles.map((list) => new Set(list.map((i) => voiceOf[i])).size);

  // Concept weights per story: voices reporting the concept, less one, plus `lone`, as a share
  // of the story's voices (so stories compare by their breadth below, not by raw counts).
  const conceptWeight: Map<number, number>[] = storyArticles.map((list, s) => {
    const seen = new Map<number, Set<number>>();
    for (const i of list) {
      const a = articles[i] as CoverageArticle;
      const set = a.concepts ?? distinct((byArticle[i] as Item[]).flatMap((it) => it.concepts));
      const v = voiceOf[i] as number;
      for (const c of set) {
        let voices = seen.get(c);
        if (!voices) seen.set(c, (voices = new Set()));
        voices.add(v);
      }
    }
    const scale = (storyVoices[s] as number) - 1 + tuning.lone;
    const w = new Map<number, number>();
    for (const [c, voices] of seen) w.set(c, (voices.size - 1 + tuning.lone) / scale);
    return w;
  });
  // A story's breadth: one more voice is worth less than the one before.
  const breadth = storyVoices.map((v) => 1 + Math.log2(v));
  const covered: Set<number>[] = storyArticles.map(() => new Set());
  const gainOf = (it: Item): number => {
    const s = storyOf[it.article] as number;
    const w = conceptWeight[s] as Map<number, number>;
    const done = covered[s] as Set<number>;
    let g = 0;
    for (const c of it.concepts) if (!done.has(c)) g += w.get(c) ?? 0;
    return ((breadth[s] as number) * g) / it.words;
  };

  for (const it of items) {
    const match = querySize > 0 ? matchOf(it) : 0;
    const focus =
      querySize === 0 ? 1 : match === 0 ? tuning.offTopic : 1 + (tuning.query * match) / Math.sqrt(querySize);
    it.prior =
      Math.pow(it.candidate.score, tuning.within) *
      focus *
      ((articles[it.article] as CoverageArticle).weight ?? 1);
    if (match === 0 && incidental[it.article]) it.prior = 0;
  }

  // Story rank: its best point's value (what it would add first).
  const storyValue = new Array<number>(storyCount).fill(0);
  for (const it of items) {
    const s = storyOf[it.article] as number;
    storyValue[s] = Math.max(storyValue[s] as number, it.prior * gainOf(it));
  }
  // How many points a story may have: as many facts as its best-covered article holds, one more
  // for every doubling of its voices, and no more than its share of the briefing by breadth
  // (among the stories that could get a point at all), so a story one outlet carried cannot take
  // as many points as one that five did.
  const contenders = [...storyValue.keys()]
    .sort((x, y) => (storyValue[y] as number) - (storyValue[x] as number) || x - y)
    .slice(0, options.maxPoints);
  const totalBreadth = contenders.reduce((t, s) => t + (breadth[s] as number), 0);
  const storyCap = storyArticles.map((list, s) => {
    let facts = 1;
    for (const i of list) facts = Math.max(facts, (articles[i] as CoverageArticle).points.length);
    const share = Math.max(1, Math.round((options.maxPoints * (breadth[s] as number)) / totalBreadth));
    return Math.min(facts + Math.floor(Math.log2(storyVoices[s] as number)), share);
  });

  const minPoints = Math.min(options.minPoints ?? 3, options.maxPoints);
  const chosen: Item[] = [];
  const perStory = new Array<number>(storyCount).fill(0);
  const taken = new Set<Item>();
  let firstValue = 0;
  while (chosen.length < options.maxPoints) {
    let best: Item | undefined;
    let bestValue = -1;
    for (const it of items) {
      if (taken.has(it) || it.prior === 0) continue;
      const s = storyOf[it.article] as number;
      if ((perStory[s] as number) >= (storyCap[s] as number) && chosen.length >= minPoints) continue;
      let o = 0;
      let repeat = false;
      for (const c of chosen) {
        if (sameFact(it, c, tuning.sameFact)) {
          repeat = true;
          break;
        }
        o = Math.max(o, overlap(it, c));
      }
      if (repeat) continue;
      const value =
        it.prior * gainOf(it) * Math.pow(tuning.storyDecay, perStory[s] as number) * (1 - tuning.novelty * o);
      if (value > bestValue) {
        best = it;
        bestValue = value;
      }
    }
    if (!best) break;
    if (chosen.length === 0) firstValue = bestValue;
    else if (chosen.length >= minPoints && bestValue < tuning.stopRatio * firstValue) break;
    taken.add(best);
    chosen.push(best);
    const s = storyOf[best.article] as number;
    perStory[s] = (perStory[s] as number) + 1;
    for (const c of best.concepts) covered[s]?.add(c);
  }

  // Citations: the point's own article first, then every article with a candidate stating it.
  const cites = chosen.map((c) => {
    const set = new Set([c.article]);
    for (const it of items) if (!set.has(it.article) && sameFact(it, c, tuning.sameFact)) set.add(it.article);
    return [...set];
  });

  // Order: stories by rank, each story's points in the order chosen.
  const ranked = [...new Set(chosen.map((c) => storyOf[c.article] as number))].sort(
    (x, y) => (storyValue[y] as number) - (storyValue[x] as number) || x - y,
  );
  const rankOf = new Map(ranked.map((s, i) => [s, i]));
  // Inside a story, the fact the most articles carry comes first.
  const points = chosen
    .map((c, k) => ({
      text: c.candidate.text,
      cites: cites[k] as number[],
      story: rankOf.get(storyOf[c.article] as number) as number,
      k,
    }))
    .sort((x, y) => x.story - y.story || y.cites.length - x.cites.length || x.k - y.k)
    .map(({ text, cites: cc, story }) => ({ text, cites: cc, story }));
  return {
    points,
    stories: ranked.map((s) => ({
      articles: storyArticles[s] as number[],
      outlets: outletsOf(articles, storyArticles[s] as number[], voiceOf),
    })),
  };
}

/** Distinct outlets among a story's articles; articles without an outlet count as their voices. */
function outletsOf(articles: readonly CoverageArticle[], list: number[], voiceOf: number[]): number {
  const names = new Set<string>();
  for (const i of list) names.add((articles[i] as CoverageArticle).outlet ?? `#voice${voiceOf[i]}`);
  return names.size;
}
