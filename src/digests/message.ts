// What one channel is sent for a slot: the topic's briefing (built once per topic and slot)
// restricted to what is new for this channel, story by story. Filtering the shared briefing
// rather than rebuilding one per channel keeps a fan-out to 10,000 channels at one build per
// topic, and keeps a channel's digest consistent with what `/brief <topic>` says at the moment.
//
// New, for a channel: a point citing an article neither sent to it, nor learned backlog, nor
// stored before its last digest, and stating no fact it was already sent (the briefing's own
// same-fact test: a new article retelling a known fact is not news). A story it saw before is
// marked as an update; a story it muted never comes back; at most `maxStories` stories, the rest
// counted. The first digest is the topic's current briefing, under the same story limit.
import type { FactPrint } from '../core/coverage.js';
import { briefingOfStories, planStories, storiesOf, type DigestStory } from '../core/digest-stories.js';
import type { Briefing, BriefingPoint } from '../core/types.js';
import type { DigestMessage } from './ports.js';

/** The plan for one channel: what to post (if anything), which articles and facts it delivers. */
export type DigestPlan =
  | { post: false; mutedArticles: string[] }
  | {
      post: true;
      kind: DigestMessage['kind'];
      /** The briefing restricted to the stories told (and, unthreaded, to `maxPoints` points). */
      briefing: Briefing;
      stories: DigestStory[];
      more: number;
      articleIds: string[];
      /** The texts of the points told: recorded as sent to the channel. */
      facts: string[];
      /** Articles of muted stories found again (a developing story): added to the mutes. */
      mutedArticles: string[];
    };

export interface PlanOptions {
  first: boolean;
  delivered: ReadonlySet<string>;
  learned: ReadonlySet<string>;
  quietNote: boolean;
  /** When the last posted digest was claimed (ISO 8601); articles stored earlier are not new. */
  since?: string;
  /** When each article was first stored (ISO 8601); an article missing here counts as new. */
  storedAt?: ReadonlyMap<string, string>;
  /** Facts the channel was sent, and the articles of stories it muted. */
  sentFacts?: readonly FactPrint[];
  mutedArticles?: ReadonlySet<string>;
  /** At most this many stories per digest (`maxStories`, default 5). */
  maxStories?: number;
  /** Unthreaded digests keep at most this many points across their stories (briefing.maxPoints). */
  maxPoints?: number;
  /** One reply per story follows: the stories keep all their points. */
  threaded?: boolean;
  /** Cached fact prints for the topic's points (shared by every channel of a slot). */
  print?: (text: string) => FactPrint;
}

export const DEFAULT_MAX_STORIES = 5;

/** Decides a channel's digest; see the file comment. */
export function planDigest(briefing: Briefing, options: PlanOptions): DigestPlan {
  const muted = options.mutedArticles ?? new Set<string>();
  const storedBefore = (id: string) => {
    const at = options.storedAt?.get(id);
    return options.since !== undefined && at !== undefined && at < options.since;
  };
  const first = options.first && briefing.articles.length > 0;
  const announceable = (p: BriefingPoint) =>
    first
      ? p.articleIds
      : p.articleIds.filter(
          (id) => !options.delivered.has(id) && !options.learned.has(id) && !storedBefore(id),
        );
  const all = storiesOf(briefing);
  const plan = planStories(
    all,
    { sentFacts: options.sentFacts ?? [], sentArticles: options.delivered, mutedArticles: muted },
    { announceable, maxStories: options.maxStories ?? DEFAULT_MAX_STORIES },
    options.print,
  );
  const mutedArticles = all
    .filter((s) => s.articleIds.some((id) => muted.has(id)))
    .flatMap((s) => s.articleIds.filter((id) => !muted.has(id)));
  if (plan.stories.length === 0) {
    if (!options.quietNote || first) return { post: false, mutedArticles };
    return {
      post: true,
      kind: 'quiet',
      briefing: { ...briefing, points: [], articles: [], newestAt: undefined },
      stories: [],
      more: 0,
      articleIds: [],
      facts: [],
      mutedArticles,
    };
  }
  const stories = options.threaded ? plan.stories : trimPoints(plan.stories, options.maxPoints);
  const told = briefingOfStories(briefing, stories);
  return {
    post: true,
    kind: first ? 'first' : 'new',
    briefing: told,
    stories,
    more: plan.more,
    articleIds: told.articles.map((a) => a.id),
    facts: told.points.map((p) => p.text),
    mutedArticles,
  };
}

/**
 * One message holds at most `maxPoints` points: every story keeps its headline, and the points
 * left go to the stories in rank order. A point left out is not recorded as sent.
 */
function trimPoints(stories: DigestStory[], maxPoints: number | undefined): DigestStory[] {
  if (maxPoints === undefined) return stories;
  let room = Math.max(maxPoints, stories.length) - stories.length;
  return stories.map((s) => {
    const extra = Math.min(room, s.points.length - 1);
    room -= extra;
    const points = s.points.slice(0, 1 + extra);
    return { ...s, points, articleIds: [...new Set(points.flatMap((p) => p.articleIds))] };
  });
}
