// The facts `/brief why` explains, for the tests of the explanation and of its rendering: a
// stored article and the question asked about its link, at noon on 1 Dec 2026, with no sources.
import type { WhyArticle, WhyFacts } from '../../src/core/why.js';

/** The link the default question asks about, and the default article's. */
export const WHY_LINK = 'https://news.example/japan-budget';

export const whyArticle = (over: Partial<WhyArticle> = {}): WhyArticle => ({
  id: 'u-1',
  title: 'Japan doubles its defense budget',
  url: WHY_LINK,
  outlet: 'Example News',
  publishedAt: '2026-11-30T08:00:00Z',
  fetchedAt: '2026-11-30T09:00:00Z',
  ...over,
});

/** Asked about WHY_LINK: a 7-day briefing window, 90-day retention, no sources, nothing stored. */
export const whyFacts = (over: Partial<WhyFacts> = {}): WhyFacts => ({
  asked: { kind: 'link', link: WHY_LINK, host: 'news.example' },
  now: new Date('2026-12-01T12:00:00Z'),
  windowDays: 7,
  retentionDays: 90,
  hostSources: [],
  sources: [],
  alternatives: [],
  ...over,
});
