// `/brief why <link or title words>`: what happened to an article. The service gathers the facts
// from the store and the config (WhyFacts); this pure decision turns them into one explanation:
// a verdict (the main answer) and the reasons behind it, each a value the wording table renders
// (core/why-lines.ts), so every platform says the same thing in the same words.
import { topicWordsIn } from './topics.js';
import type { Topic } from './types.js';

/** An article as `why` names it: enough to show and link it. */
export interface WhyArticle {
  id: string;
  title: string;
  url?: string;
  outlet: string;
  publishedAt?: string;
  fetchedAt: string;
}

/** A configured source's fetch state, as far as `why` needs it. */
export interface WhySource {
  id: string;
  lastError?: string;
  consecutiveFailures: number;
  nextAttemptAt?: string;
}

/** How one topic judged the article (see topicVerdicts). */
export type TopicVerdict =
  | { slug: string; outcome: 'matched'; keywords: string[]; inBriefing: boolean }
  | { slug: string; outcome: 'excluded'; words: string[] }
  | { slug: string; outcome: 'no-keyword'; keywords: string[] }
  | { slug: string; outcome: 'other-sources'; sources: string[] };

/** A stored article and what the store knows about it. */
export interface StoredFacts {
  article: WhyArticle;
  /** Every source that carried it, first-seen first. */
  seenBy: { sourceId: string; seenAt: string }[];
  /** Stored as backlog on its source's first fetch: never announced by a digest. */
  learned: boolean;
  topics: TopicVerdict[];
  /** When it joined a story another article started (near-duplicate copies of one report). */
  story?: { lead: WhyArticle; articles: number; outlets: number };
}

/** Everything the service found out about the article asked for. */
export interface WhyFacts {
  asked: { kind: 'link'; link: string; host?: string } | { kind: 'words'; words: string };
  now: Date;
  windowDays: number;
  retentionDays: number;
  /** The article, when stored (for a link that was folded into a twin: the twin). */
  stored?: StoredFacts;
  /** The link was stored under another article with the same text. */
  duplicate?: boolean;
  /** When retention deleted the article the link names. */
  expiredAt?: string;
  /** Configured sources whose address is on the link's host (for an unseen link). */
  hostSources: WhySource[];
  /** State of the sources that matter: those that carried it, else those on its host, else every one. */
  sources: WhySource[];
  /** Other stored articles the words also found, best first. */
  alternatives: WhyArticle[];
}

export type WhyVerdict =
  | 'not-seen'
  | 'source-failing'
  | 'expired'
  | 'backlog'
  | 'no-topic'
  | 'outside-window'
  | 'in-briefing'
  | 'crowded-out';

/** One fact of an explanation; each kind is one sentence of the wording table. */
export type WhyReason =
  | { kind: 'duplicate'; link: string; of: WhyArticle }
  | { kind: 'stored'; article: WhyArticle }
  | { kind: 'seen-by'; sourceId: string; seenAt: string }
  | { kind: 'backlog'; sourceId: string; at: string }
  | { kind: 'topic'; verdict: TopicVerdict }
  | { kind: 'no-topics-configured' }
  | { kind: 'story'; lead: WhyArticle; articles: number; outlets: number }
  | { kind: 'age'; days: number; windowDays: number }
  | { kind: 'source-failing'; source: WhySource }
  | { kind: 'host-sources'; host: string; sources: string[] }
  | { kind: 'no-host-source'; host: string }
  | { kind: 'no-source-failing' }
  | { kind: 'also-found'; articles: WhyArticle[] };

/** The answer to `/brief why`: the verdict, the article it is about (when stored) and why. */
export interface WhyExplanation {
  verdict: WhyVerdict;
  asked: WhyFacts['asked'];
  article?: WhyArticle;
  /** Verdict-specific values the headline needs (topics, ages, the failing source...). */
  headline: WhyHeadline;
  reasons: WhyReason[];
}

export type WhyHeadline =
  | { verdict: 'not-seen' }
  | { verdict: 'source-failing'; source: WhySource }
  | { verdict: 'expired'; at: string; retentionDays: number }
  | { verdict: 'backlog'; sourceId: string; at: string }
  | { verdict: 'no-topic' }
  | { verdict: 'outside-window'; topics: string[]; days: number; windowDays: number }
  | { verdict: 'in-briefing'; topics: string[] }
  | { verdict: 'crowded-out'; topics: string[] };

const DAY_MS = 86_400_000;

/**
 * How each topic judges an article, by the tagger's rules: a topic limited to sources that never
 * carried it does not look at it; an exclusion word keeps it out; otherwise it is in when it
 * mentions any keyword. `inBriefing` says which topics' current briefings cite it.
 */
export function topicVerdicts(
  topics: readonly Topic[],
  article: { title: string; text: string },
  carriedBy: readonly string[],
  inBriefing: (slug: string) => boolean = () => false,
): TopicVerdict[] {
  return topics.map((t): TopicVerdict => {
    if (t.sources && !carriedBy.some((s) => t.sources?.includes(s)))
      return { slug: t.slug, outcome: 'other-sources', sources: t.sources };
    const found = topicWordsIn(t, article);
    if (found.excluded.length > 0) return { slug: t.slug, outcome: 'excluded', words: found.excluded };
    if (found.keywords.length === 0) return { slug: t.slug, outcome: 'no-keyword', keywords: t.keywords };
    return { slug: t.slug, outcome: 'matched', keywords: found.keywords, inBriefing: inBriefing(t.slug) };
  });
}

/** Whole days between the article's date (published, else stored) and now. */
export function ageInDays(article: WhyArticle, now: Date): number {
  const t = Date.parse(article.publishedAt ?? article.fetchedAt);
  return Number.isNaN(t) ? 0 : Math.max(0, Math.floor((now.getTime() - t) / DAY_MS));
}

const failing = (s: WhySource) => s.consecutiveFailures > 0 && s.lastError !== undefined;

/** The facts -> one explanation. Pure: the same facts always give the same answer. */
export function explainWhy(facts: WhyFacts): WhyExplanation {
  if (facts.stored) return explainStored(facts, facts.stored);
  return explainMissing(facts);
}

function explainMissing(facts: WhyFacts): WhyExplanation {
  const { asked } = facts;
  const base = { asked, reasons: [] as WhyReason[] };
  if (facts.expiredAt)
    return {
      ...base,
      verdict: 'expired',
      headline: { verdict: 'expired', at: facts.expiredAt, retentionDays: facts.retentionDays },
    };
  // A source on the link's own host that is failing is the likeliest reason it never arrived.
  const hostDown = facts.hostSources.find(failing);
  const reasons: WhyReason[] = [];
  if (asked.kind === 'link' && asked.host) {
    const others = facts.hostSources.filter((s) => s !== hostDown).map((s) => s.id);
    if (others.length > 0) reasons.push({ kind: 'host-sources', host: asked.host, sources: others });
    else if (!hostDown) reasons.push({ kind: 'no-host-source', host: asked.host });
  }
  const down = facts.sources.filter((s) => failing(s) && s.id !== hostDown?.id);
  for (const source of down) reasons.push({ kind: 'source-failing', source });
  if (hostDown)
    return {
      asked,
      verdict: 'source-failing',
      headline: { verdict: 'source-failing', source: hostDown },
      reasons,
    };
  if (down.length === 0 && facts.sources.length > 0) reasons.push({ kind: 'no-source-failing' });
  return { asked, verdict: 'not-seen', headline: { verdict: 'not-seen' }, reasons };
}

function explainStored(facts: WhyFacts, stored: StoredFacts): WhyExplanation {
  const { article } = stored;
  const reasons: WhyReason[] = [];
  if (facts.duplicate && facts.asked.kind === 'link')
    reasons.push({ kind: 'duplicate', link: facts.asked.link, of: article });
  reasons.push({ kind: 'stored', article });
  for (const s of stored.seenBy) reasons.push({ kind: 'seen-by', sourceId: s.sourceId, seenAt: s.seenAt });
  const first = stored.seenBy[0];
  // Backlog is the headline when a topic took it; otherwise it is one more fact about it.
  const taken = stored.topics.some((t) => t.outcome === 'matched');
  if (stored.learned && first && !taken)
    reasons.push({ kind: 'backlog', sourceId: first.sourceId, at: first.seenAt });
  if (stored.topics.length === 0) reasons.push({ kind: 'no-topics-configured' });
  for (const verdict of stored.topics) reasons.push({ kind: 'topic', verdict });
  if (stored.story) reasons.push({ kind: 'story', ...stored.story });
  const days = ageInDays(article, facts.now);
  const old = days > facts.windowDays;
  if (old) reasons.push({ kind: 'age', days, windowDays: facts.windowDays });
  for (const source of facts.sources.filter(failing)) reasons.push({ kind: 'source-failing', source });
  if (facts.alternatives.length > 0) reasons.push({ kind: 'also-found', articles: facts.alternatives });

  const matched = stored.topics.filter((t) => t.outcome === 'matched');
  const slugs = matched.map((t) => t.slug);
  const briefed = matched.filter((t) => t.inBriefing).map((t) => t.slug);
  const answer = (headline: WhyHeadline): WhyExplanation => ({
    verdict: headline.verdict,
    asked: facts.asked,
    article,
    headline,
    reasons,
  });
  if (matched.length === 0) return answer({ verdict: 'no-topic' });
  // Backlog first: it is why no digest ever announced the article, whatever briefings show.
  if (stored.learned && first)
    return answer({ verdict: 'backlog', sourceId: first.sourceId, at: first.seenAt });
  if (briefed.length > 0) return answer({ verdict: 'in-briefing', topics: briefed });
  if (old) return answer({ verdict: 'outside-window', topics: slugs, days, windowDays: facts.windowDays });
  return answer({ verdict: 'crowded-out', topics: slugs });
}
