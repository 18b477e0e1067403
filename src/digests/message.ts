// What one channel is sent for a slot: the topic's briefing (built once per topic and slot)
// restricted to the articles this channel has not been sent. Filtering the shared briefing rather
// than rebuilding one per channel keeps a fan-out to 10,000 channels at one build per topic, and
// keeps a channel's digest consistent with what `/brief <topic>` says at the same moment.
import type { Briefing } from '../core/types.js';
import type { DigestMessage } from './ports.js';

/** The plan for one channel: what to post (if anything) and which articles it delivers. */
export type DigestPlan =
  { post: false } | { post: true; kind: DigestMessage['kind']; briefing: Briefing; articleIds: string[] };

/**
 * Decides a channel's digest. First digest: the whole current briefing. Later ones: only points
 * citing articles neither sent to this channel, nor learned backlog, nor stored before the last
 * digest posted (`since`; such an article was there for that digest to use, so it is not news
 * now even if it only now ranks into the briefing), each citing only those new articles.
 * Nothing new: no post, or the quiet note when the subscription asked for it.
 */
export function planDigest(
  briefing: Briefing,
  options: {
    first: boolean;
    delivered: ReadonlySet<string>;
    learned: ReadonlySet<string>;
    quietNote: boolean;
    /** When the last posted digest was claimed (ISO 8601); articles stored earlier are not new. */
    since?: string;
    /** When each article was first stored (ISO 8601); an article missing here counts as new. */
    storedAt?: ReadonlyMap<string, string>;
  },
): DigestPlan {
  if (options.first && briefing.articles.length > 0) {
    return { post: true, kind: 'first', briefing, articleIds: briefing.articles.map((a) => a.id) };
  }
  const storedBefore = (id: string) => {
    const at = options.storedAt?.get(id);
    return options.since !== undefined && at !== undefined && at < options.since;
  };
  const fresh = new Set(
    briefing.articles
      .filter((a) => !options.delivered.has(a.id) && !options.learned.has(a.id) && !storedBefore(a.id))
      .map((a) => a.id),
  );
  if (fresh.size === 0) {
    if (!options.quietNote) return { post: false };
    return {
      post: true,
      kind: 'quiet',
      briefing: { ...briefing, points: [], articles: [], newestAt: undefined },
      articleIds: [],
    };
  }
  const points = briefing.points
    .map((p) => ({ ...p, articleIds: p.articleIds.filter((id) => fresh.has(id)) }))
    .filter((p) => p.articleIds.length > 0);
  const articles = briefing.articles.filter((a) => fresh.has(a.id));
  const newestAt =
    articles
      .map((a) => a.publishedAt)
      .filter((t): t is string => !!t)
      .sort()
      .at(-1) ?? briefing.newestAt;
  return {
    post: true,
    kind: 'new',
    briefing: { ...briefing, points, articles, newestAt },
    articleIds: [...fresh],
  };
}
