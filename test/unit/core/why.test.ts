import { describe, expect, it } from 'vitest';
import type { Topic } from '../../../src/core/types.js';
import { explainWhy, topicVerdicts, type StoredFacts, type WhySource } from '../../../src/core/why.js';
import { pickByTitle } from '../../../src/core/why-find.js';
import { whyArticle, whyFacts } from '../../support/why.js';

const stored = (over: Partial<StoredFacts> = {}): StoredFacts => ({
  article: whyArticle(),
  seenBy: [{ sourceId: 'wire', seenAt: '2026-11-30T09:00:00Z' }],
  learned: false,
  topics: [{ slug: 'japan-defense', outcome: 'matched', keywords: ['japan', 'defense'], inBriefing: true }],
  ...over,
});

const ok = (id: string): WhySource => ({ id, consecutiveFailures: 0 });
const down = (id: string): WhySource => ({
  id,
  consecutiveFailures: 3,
  lastError: 'HTTP 503 Service Unavailable',
  nextAttemptAt: '2026-12-01T12:30:00Z',
});

describe('why: an article never stored', () => {
  it('GIVEN a link no source brought and no source on its host THEN not seen, saying no source reads the host', () => {
    const e = explainWhy(whyFacts({ sources: [ok('wire')] }));
    expect(e.verdict).toBe('not-seen');
    expect(e.article).toBeUndefined();
    expect(e.reasons).toEqual([
      { kind: 'no-host-source', host: 'news.example' },
      { kind: 'no-source-failing' },
    ]);
  });

  it('GIVEN a source reading that host and healthy THEN not seen, naming the source that has not listed it', () => {
    const e = explainWhy(whyFacts({ hostSources: [ok('example-feed')], sources: [ok('example-feed')] }));
    expect(e.verdict).toBe('not-seen');
    expect(e.reasons[0]).toEqual({ kind: 'host-sources', host: 'news.example', sources: ['example-feed'] });
  });

  it('GIVEN the source on its host is failing THEN the verdict is that source failing, with its error and next try', () => {
    const e = explainWhy(whyFacts({ hostSources: [down('example-feed')], sources: [down('example-feed')] }));
    expect(e.verdict).toBe('source-failing');
    expect(e.headline).toEqual({ verdict: 'source-failing', source: down('example-feed') });
    // The failing source is the headline, not repeated as a reason.
    expect(e.reasons.filter((r) => r.kind === 'source-failing')).toEqual([]);
  });

  it('GIVEN title words nothing matches and another source failing THEN not seen, listing the failing source', () => {
    const e = explainWhy(
      whyFacts({ asked: { kind: 'words', words: 'chip export rules' }, sources: [ok('a'), down('b')] }),
    );
    expect(e.verdict).toBe('not-seen');
    expect(e.reasons).toEqual([{ kind: 'source-failing', source: down('b') }]);
  });

  it('GIVEN a link retention deleted THEN expired, with when and the retention days', () => {
    const e = explainWhy(whyFacts({ expiredAt: '2026-10-01T03:00:00Z' }));
    expect(e.verdict).toBe('expired');
    expect(e.headline).toEqual({ verdict: 'expired', at: '2026-10-01T03:00:00Z', retentionDays: 90 });
  });
});

describe('why: a stored article', () => {
  it('GIVEN it matched a topic and is in its briefing THEN in-briefing, with the sources that saw it and the keywords', () => {
    const e = explainWhy(whyFacts({ stored: stored(), sources: [ok('wire')] }));
    expect(e.verdict).toBe('in-briefing');
    expect(e.headline).toEqual({ verdict: 'in-briefing', topics: ['japan-defense'] });
    expect(e.reasons).toContainEqual({ kind: 'seen-by', sourceId: 'wire', seenAt: '2026-11-30T09:00:00Z' });
    expect(e.reasons).toContainEqual({
      kind: 'topic',
      verdict: {
        slug: 'japan-defense',
        outcome: 'matched',
        keywords: ['japan', 'defense'],
        inBriefing: true,
      },
    });
    expect(e.reasons.some((r) => r.kind === 'age')).toBe(false);
  });

  it('GIVEN it matched no topic THEN no-topic, with each topic saying why not', () => {
    const e = explainWhy(
      whyFacts({
        stored: stored({
          topics: [
            { slug: 'chips', outcome: 'no-keyword', keywords: ['semiconductor'] },
            { slug: 'japan-defense', outcome: 'excluded', words: ['football'] },
            { slug: 'local', outcome: 'other-sources', sources: ['city-hall'] },
          ],
        }),
      }),
    );
    expect(e.verdict).toBe('no-topic');
    expect(
      e.reasons.filter((r) => r.kind === 'topic').map((r) => r.kind === 'topic' && r.verdict.outcome),
    ).toEqual(['no-keyword', 'excluded', 'other-sources']);
  });

  it('GIVEN no topics at all THEN no-topic and it says none are configured', () => {
    const e = explainWhy(whyFacts({ stored: stored({ topics: [] }) }));
    expect(e.verdict).toBe('no-topic');
    expect(e.reasons).toContainEqual({ kind: 'no-topics-configured' });
  });

  it('GIVEN it was stored as backlog THEN backlog wins even though a briefing uses it', () => {
    const e = explainWhy(whyFacts({ stored: stored({ learned: true }) }));
    expect(e.verdict).toBe('backlog');
    expect(e.headline).toEqual({ verdict: 'backlog', sourceId: 'wire', at: '2026-11-30T09:00:00Z' });
    // The headline says it; no reason repeats it.
    expect(e.reasons.some((r) => r.kind === 'backlog')).toBe(false);
  });

  it('GIVEN backlog that no topic takes THEN no-topic, with the backlog as a reason', () => {
    const e = explainWhy(whyFacts({ stored: stored({ learned: true, topics: [] }) }));
    expect(e.verdict).toBe('no-topic');
    expect(e.reasons).toContainEqual({ kind: 'backlog', sourceId: 'wire', at: '2026-11-30T09:00:00Z' });
  });

  it('GIVEN it matched but is older than the window and not in the briefing THEN outside-window with its age', () => {
    const old = whyArticle({ publishedAt: '2026-11-01T12:00:00Z' });
    const e = explainWhy(
      whyFacts({
        stored: stored({
          article: old,
          topics: [{ slug: 'japan-defense', outcome: 'matched', keywords: ['japan'], inBriefing: false }],
        }),
      }),
    );
    expect(e.verdict).toBe('outside-window');
    expect(e.headline).toEqual({
      verdict: 'outside-window',
      topics: ['japan-defense'],
      days: 30,
      windowDays: 7,
    });
    expect(e.reasons).toContainEqual({ kind: 'age', days: 30, windowDays: 7 });
  });

  it('GIVEN an old article still in a stale briefing THEN in-briefing, with its age as a reason', () => {
    const old = whyArticle({ publishedAt: '2026-11-01T12:00:00Z' });
    const e = explainWhy(whyFacts({ stored: stored({ article: old }) }));
    expect(e.verdict).toBe('in-briefing');
    expect(e.reasons).toContainEqual({ kind: 'age', days: 30, windowDays: 7 });
  });

  it('GIVEN it matched, is recent and is not in the briefing THEN crowded-out', () => {
    const e = explainWhy(
      whyFacts({
        stored: stored({
          topics: [{ slug: 'japan-defense', outcome: 'matched', keywords: ['japan'], inBriefing: false }],
        }),
      }),
    );
    expect(e.verdict).toBe('crowded-out');
  });

  it('GIVEN the link was folded into a twin with the same text THEN the first reason names the twin', () => {
    const twin = whyArticle({ id: 'u-2', url: 'https://wire.example/original' });
    const e = explainWhy(whyFacts({ stored: stored({ article: twin }), duplicate: true }));
    expect(e.article).toEqual(twin);
    expect(e.reasons[0]).toEqual({ kind: 'duplicate', link: 'https://news.example/japan-budget', of: twin });
  });

  it('GIVEN it joined another article’s story THEN the story, its size and outlets are a reason', () => {
    const lead = whyArticle({ id: 'u-0', title: 'AP: Japan budget' });
    const e = explainWhy(whyFacts({ stored: stored({ story: { lead, articles: 3, outlets: 2 } }) }));
    expect(e.reasons).toContainEqual({ kind: 'story', lead, articles: 3, outlets: 2 });
  });

  it('GIVEN a source that carried it is failing now THEN that is a reason, and healthy ones are not', () => {
    const e = explainWhy(whyFacts({ stored: stored(), sources: [ok('wire'), down('mirror')] }));
    expect(e.reasons.filter((r) => r.kind === 'source-failing')).toEqual([
      { kind: 'source-failing', source: down('mirror') },
    ]);
  });

  it('GIVEN title words that found several articles THEN the others are listed', () => {
    const other = whyArticle({ id: 'u-9', title: 'Japan budget: what is in it' });
    const e = explainWhy(
      whyFacts({ asked: { kind: 'words', words: 'japan budget' }, stored: stored(), alternatives: [other] }),
    );
    expect(e.reasons[e.reasons.length - 1]).toEqual({ kind: 'also-found', articles: [other] });
  });
});

describe('why: how each topic judges an article', () => {
  const topics: Topic[] = [
    { slug: 'japan-defense', title: 'Japan', keywords: ['japan', 'tomahawk', 'north korea'], exclude: [] },
    { slug: 'sport', title: 'Sport', keywords: ['defense'], exclude: ['budget'] },
    { slug: 'chips', title: 'Chips', keywords: ['semiconductor'], exclude: [] },
    { slug: 'local', title: 'Local', keywords: ['japan'], exclude: [], sources: ['city-hall'] },
  ];
  const a = { title: 'Japan doubles its defense budget', text: 'Tokyo will buy Tomahawks. Defenses grow.' };

  it('GIVEN the tagger’s rules THEN matched keywords (stemmed), exclusions, no keyword and source limits are told apart', () => {
    const verdicts = topicVerdicts(topics, a, ['wire'], (slug) => slug === 'japan-defense');
    expect(verdicts).toEqual([
      { slug: 'japan-defense', outcome: 'matched', keywords: ['japan', 'tomahawk'], inBriefing: true },
      { slug: 'sport', outcome: 'excluded', words: ['budget'] },
      { slug: 'chips', outcome: 'no-keyword', keywords: ['semiconductor'] },
      { slug: 'local', outcome: 'other-sources', sources: ['city-hall'] },
    ]);
  });

  it('GIVEN a topic limited to a source that did carry it THEN it is judged on its words', () => {
    expect(topicVerdicts([topics[3] as Topic], a, ['wire', 'city-hall'])[0]).toEqual({
      slug: 'local',
      outcome: 'matched',
      keywords: ['japan'],
      inBriefing: false,
    });
  });
});

describe('why: which article title words mean', () => {
  const found = [
    { id: 'a', title: 'Budget talks stall in parliament' },
    { id: 'b', title: 'Japan doubles its defense budget' },
    { id: 'c', title: 'Defense stocks rise' },
  ];

  it('GIVEN words of a headline THEN the article whose title holds most of them, stemmed, is chosen', () => {
    expect(pickByTitle('japan doubling defense budgets', found)?.best.id).toBe('b');
  });

  it('GIVEN several found THEN the others are runners-up, in the search’s order', () => {
    expect(pickByTitle('japan budget', found)?.others.map((a) => a.id)).toEqual(['a', 'c']);
  });

  it('GIVEN no title holds the words THEN the search’s best-ranked one is chosen', () => {
    expect(pickByTitle('tomahawk', found)?.best.id).toBe('a');
  });

  it('GIVEN nothing found THEN no article', () => {
    expect(pickByTitle('japan', [])).toBeUndefined();
  });
});
