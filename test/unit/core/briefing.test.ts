import { describe, expect, it } from 'vitest';
import { buildBriefing, type RankedArticle } from '../../../src/core/briefing.js';
import type { Topic } from '../../../src/core/types.js';

const topic: Topic = { slug: 'japan-defense', title: 'Japan defense', keywords: ['japan'], exclude: [] };
const now = new Date('2026-11-28T09:00:00Z');
const options = { windowDays: 7, maxPoints: 6 };

function article(id: string, points: string[], extra: Partial<RankedArticle> = {}): RankedArticle {
  return {
    id,
    sourceId: 'src',
    title: `Title ${id}`,
    outlet: `Outlet ${id}`,
    publishedAt: '2026-11-27T09:00:00Z',
    fetchedAt: '2026-11-27T09:05:00Z',
    points,
    relevance: 1,
    ...extra,
  };
}

describe('buildBriefing', () => {
  it('GIVEN no articles THEN an empty briefing with the topic title', () => {
    const b = buildBriefing(topic, [], now, options);
    expect(b).toMatchObject({
      topic: 'japan-defense',
      title: 'Japan defense',
      points: [],
      articles: [],
      matchedCount: 0,
    });
  });

  it('GIVEN one article THEN its points in order, each citing it, and the article listed once', () => {
    const a = article('a', [
      'Japan will double its defense budget by 2027.',
      'The plan needs parliament approval next spring.',
      'Opposition parties criticised the cost.',
    ]);
    const b = buildBriefing(topic, [a], now, options);
    expect(b.points.map((p) => p.text)).toEqual(a.points);
    expect(b.points.every((p) => p.articleIds.join() === 'a')).toBe(true);
    expect(b.articles).toEqual([
      { id: 'a', title: 'Title a', outlet: 'Outlet a', publishedAt: '2026-11-27T09:00:00Z', url: undefined },
    ]);
    expect(b.stale).toBe(false);
  });

  it('GIVEN the same fact in three outlets THEN it is one point citing all three, ranked first', () => {
    const fact = 'Japan will buy 400 Tomahawk cruise missiles from the United States.';
    const a = article('ap', ['Kishida met Biden at the White House on Friday.', fact]);
    const b = article(
      'reuters',
      ['Japan will buy 400 Tomahawk missiles from the United States, officials said.'],
      { publishedAt: '2026-11-27T08:00:00Z' },
    );
    const c = article('nhk', ['Japan is to buy 400 Tomahawk cruise missiles from the United States.'], {
      publishedAt: '2026-11-27T07:00:00Z',
    });
    const br = buildBriefing(topic, [a, b, c], now, options);
    const merged = br.points.filter((p) => /Tomahawk/.test(p.text));
    expect(merged).toHaveLength(1);
    expect([...(merged[0]?.articleIds ?? [])].sort()).toEqual(['ap', 'nhk', 'reuters']);
    expect(br.points[0]?.text).toMatch(/Tomahawk/);
    expect(br.articles.map((x) => x.id).sort()).toEqual(['ap', 'nhk', 'reuters']);
  });

  it('GIVEN many articles THEN at most maxPoints points and only cited articles are listed', () => {
    const events = [
      'A typhoon closed schools in Okinawa.',
      'The navy commissioned a new destroyer.',
      'Tokyo hosted trade talks with Seoul.',
      'A satellite launch was delayed by rain.',
      'Farmers protested rice import quotas.',
      'The central bank held rates steady.',
      'A court ruled on base relocation.',
      'Parliament passed a cyber security bill.',
      'Exports of semiconductors rose sharply.',
      'Coast guard ships tracked a patrol vessel.',
    ];
    const many = events.map((e, i) => article(`a${i}`, [e]));
    const b = buildBriefing(topic, many, now, { windowDays: 7, maxPoints: 4 });
    expect(b.points).toHaveLength(4);
    const cited = new Set(b.points.flatMap((p) => p.articleIds));
    expect(b.articles.map((a) => a.id).sort()).toEqual([...cited].sort());
    expect(b.matchedCount).toBe(10);
  });

  it('GIVEN similar sentences with different numbers THEN they stay separate facts', () => {
    const a = article('a', ['Japan will raise defense spending to 2% of GDP.']);
    const b = article('b', ['Japan will raise defense spending to 3% of GDP.']);
    expect(buildBriefing(topic, [a, b], now, options).points).toHaveLength(2);
  });

  it('GIVEN only coverage older than the window THEN the latest coverage is used and marked stale', () => {
    const old = article('old', ['Japan announced a defense review in January.'], {
      publishedAt: '2023-01-13T00:00:00Z',
    });
    const b = buildBriefing(topic, [old], now, options);
    expect(b.stale).toBe(true);
    expect(b.points).toHaveLength(1);
    expect(b.newestAt).toBe('2023-01-13T00:00:00.000Z');
  });

  it('GIVEN recent and old coverage THEN old articles are left out of the briefing', () => {
    const recent = article('new', ['Japan unveiled a new destroyer on Thursday.']);
    const old = article('old', ['Japan announced a defense review long ago.'], {
      publishedAt: '2026-10-01T00:00:00Z',
    });
    const b = buildBriefing(topic, [old, recent], now, options);
    expect(b.articles.map((a) => a.id)).toEqual(['new']);
  });

  it('GIVEN the same inputs in another order THEN the same briefing (deterministic)', () => {
    const xs = [
      article('x', ['Alpha event happened in Tokyo today.']),
      article('y', ['Beta event happened in Osaka today.']),
      article('z', ['Gamma event happened in Naha today.']),
    ];
    const b1 = buildBriefing(topic, xs, now, options);
    const b2 = buildBriefing(topic, [...xs].reverse(), now, options);
    expect(b2).toEqual(b1);
  });

  it('GIVEN a more relevant article THEN its lead point comes before a less relevant one', () => {
    const weak = article('weak', ['A passing mention of Japan in a trade story.'], { relevance: 0.5 });
    const strong = article('strong', ['Japan approved its largest defense budget since the war.'], {
      relevance: 5,
    });
    const b = buildBriefing(topic, [weak, strong], now, options);
    expect(b.points[0]?.articleIds).toEqual(['strong']);
  });
});
