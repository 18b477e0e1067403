// A channel's digest stories: grouped by story, only facts the channel was not sent (by the
// briefing's same-fact test), developing stories marked as updates, muted stories left out, at
// most maxStories with a count of the rest.
import { describe, expect, it } from 'vitest';
import { factPrint } from '../../../src/core/coverage.js';
import {
  planStories,
  storiesOf,
  type ChannelMemory,
  type StoryPlanOptions,
} from '../../../src/core/digest-stories.js';
import type { Briefing, BriefingPoint } from '../../../src/core/types.js';

const point = (text: string, articleIds: string[], story: number, storyOutlets?: number): BriefingPoint => ({
  text,
  articleIds,
  story,
  ...(storyOutlets ? { storyOutlets } : {}),
});

const briefing = (points: BriefingPoint[]): Briefing => ({
  topic: 'storm',
  title: 'The storm',
  generatedAt: '2026-11-29T08:00:00.000Z',
  points,
  articles: [],
  stale: false,
  matchedCount: 0,
});

const nothingSent: ChannelMemory = { sentFacts: [], sentArticles: new Set(), mutedArticles: new Set() };
const all: StoryPlanOptions = { announceable: (p) => p.articleIds, maxStories: 5 };

const POWER_YESTERDAY = 'The storm cut power to 200,000 homes across the coastal region on Sunday.';
const POWER_RETOLD = 'About 200,000 homes were still without power after the storm, the utility said.';
const SCHOOLS = 'Schools in the three worst-hit districts will stay closed until Wednesday.';
const BRIDGE = 'Engineers closed the harbour bridge after finding cracked cables in two spans.';

describe('storiesOf', () => {
  it('GIVEN points of two stories THEN two stories, each with its points in order and the articles they cite', () => {
    const stories = storiesOf(
      briefing([point(POWER_RETOLD, ['b', 'a'], 0, 3), point(SCHOOLS, ['b'], 0), point(BRIDGE, ['c'], 1)]),
    );
    expect(stories.map((s) => s.points.map((p) => p.text))).toEqual([[POWER_RETOLD, SCHOOLS], [BRIDGE]]);
    expect(stories[0]).toMatchObject({ articleIds: ['b', 'a'], outlets: 3 });
    expect(stories[1]).toMatchObject({ articleIds: ['c'], outlets: 1 });
  });
});

describe('planStories', () => {
  it('GIVEN a story seen yesterday and one new fact today THEN one update with only that fact', () => {
    const today = storiesOf(briefing([point(POWER_RETOLD, ['a', 'b'], 0, 2), point(SCHOOLS, ['b'], 0)]));
    const memory: ChannelMemory = {
      ...nothingSent,
      sentFacts: [factPrint(POWER_YESTERDAY)],
      sentArticles: new Set(['a']),
    };
    const plan = planStories(today, memory, all);
    expect(plan.stories).toHaveLength(1);
    expect(plan.stories[0]?.update).toBe(true);
    expect(plan.stories[0]?.points.map((p) => p.text)).toEqual([SCHOOLS]);
    expect(plan.more).toBe(0);
  });

  it('GIVEN a new article that only retells a fact the channel was sent THEN the story is not mentioned', () => {
    const today = storiesOf(briefing([point(POWER_RETOLD, ['b'], 0)]));
    const plan = planStories(today, { ...nothingSent, sentFacts: [factPrint(POWER_YESTERDAY)] }, all);
    expect(plan.stories).toEqual([]);
  });

  it('GIVEN a story nobody in the channel saw THEN it is not an update', () => {
    const plan = planStories(storiesOf(briefing([point(BRIDGE, ['c'], 0)])), nothingSent, all);
    expect(plan.stories[0]).toMatchObject({ update: false, articleIds: ['c'] });
  });

  it('GIVEN a muted story that developed (a new article, a new fact) THEN it stays out', () => {
    const today = storiesOf(briefing([point(SCHOOLS, ['b', 'a'], 0), point(BRIDGE, ['c'], 1)]));
    const plan = planStories(today, { ...nothingSent, mutedArticles: new Set(['a']) }, all);
    expect(plan.stories.map((s) => s.points[0]?.text)).toEqual([BRIDGE]);
  });

  it('GIVEN 12 stories with news and maxStories 5 THEN the first 5 are posted and 7 counted', () => {
    const points = Array.from({ length: 12 }, (_, i) =>
      point(`Council ${'abcdefghijkl'[i]} approved budget number ${1000 + i} today.`, [`x${i}`], i),
    );
    const plan = planStories(storiesOf(briefing(points)), nothingSent, all);
    expect(plan.stories.map((s) => s.articleIds[0])).toEqual(['x0', 'x1', 'x2', 'x3', 'x4']);
    expect(plan.more).toBe(7);
  });

  it('GIVEN a point whose articles may not be announced (backlog, sent before) THEN it is dropped, the rest keep only their new citations', () => {
    const today = storiesOf(briefing([point(SCHOOLS, ['old'], 0), point(BRIDGE, ['old', 'new'], 1)]));
    const plan = planStories(today, nothingSent, {
      maxStories: 5,
      announceable: (p) => p.articleIds.filter((id) => id !== 'old'),
    });
    expect(plan.stories).toHaveLength(1);
    expect(plan.stories[0]?.points[0]).toMatchObject({ text: BRIDGE, articleIds: ['new'] });
  });
});
