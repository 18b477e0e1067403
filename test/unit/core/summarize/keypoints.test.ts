import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_POINTS, keyPoints, keyPointsOfCleaned } from '../../../../src/core/summarize/index.js';
import { cleanParagraphs } from '../../../../src/core/text/clean.js';
import { pointSimilarity } from '../../../../src/core/summarize/similarity.js';
import { tokenize } from '../../../../src/core/text/tokens.js';

const SEED = readFileSync(
  new URL('../../../../config/articles/ap-biden-kishida-2023-01-13.txt', import.meta.url),
  'utf8',
).replace(/^---\n[\s\S]*?\n---\n/, '');

// A long story written for these tests: a lead, supporting facts, a quote, a question,
// pronoun-led sentences, repeats and boilerplate.
const LONG_STORY = [
  'SPRINGFIELD (AP) — The Springfield city council approved a $40 million budget on Tuesday that raises spending on parks and public transit after months of debate.',
  'The budget, which takes effect July 1, passed by a vote of 7 to 2.',
  'Get more information from the Springfield Ledger',
  'Council members said the plan would add three bus routes and repair 12 playgrounds across the city.',
  'But critics said the spending increase would force the city to borrow money next year, officials said.',
  '"This is a good day for Springfield," Mayor Ann Lee said.',
  'Why did it take so long?',
  'It was the third budget proposal this year.',
  'The council approved a $40 million budget on Tuesday that raises spending on parks and transit.',
  'The transit agency expects ridership to grow by 15 percent once the new routes open in the fall.',
  'Local business owners have asked the council to fund more parking downtown.',
  'The state legislature must still approve a separate grant for the playground repairs.',
  'Springfield last raised its parks budget in 2015, when voters approved a bond measure.',
  'The mayor will present the plan to residents at a town hall meeting next week.',
  'School officials said they hoped the transit routes would help students reach classes on time.',
  'The council will review the budget again in six months to check spending.',
  '___ Associated Press writer Sam Roe contributed to this report.',
  'Copyright 2024 The Associated Press. All rights reserved.',
].join('\n');

const SHORT_ITEM =
  'The museum will reopen on Saturday after a two-year renovation. Tickets are free for the first week.';

function wordsOf(text: string): Set<string> {
  return new Set(tokenize(text));
}

describe('keyPoints: shape and contract', () => {
  it('GIVEN the default THEN DEFAULT_MAX_POINTS is 6', () => {
    expect(DEFAULT_MAX_POINTS).toBe(6);
  });

  it('GIVEN a long story THEN it returns between 3 and 6 points, each one sentence under 35 words', () => {
    const points = keyPoints(LONG_STORY);
    expect(points.length).toBeGreaterThanOrEqual(3);
    expect(points.length).toBeLessThanOrEqual(6);
    for (const p of points) expect(p.split(' ').length).toBeLessThanOrEqual(35);
  });

  it('GIVEN a short item of two sentences THEN it returns at most 2 points', () => {
    const points = keyPoints(SHORT_ITEM);
    expect(points.length).toBeGreaterThanOrEqual(1);
    expect(points.length).toBeLessThanOrEqual(2);
  });

  it('GIVEN maxPoints THEN no more points than that are returned', () => {
    expect(keyPoints(LONG_STORY, { maxPoints: 1 })).toHaveLength(1);
    expect(keyPoints(LONG_STORY, { maxPoints: 2 })).toHaveLength(2);
    expect(keyPoints(SEED, { maxPoints: 3 }).length).toBeLessThanOrEqual(3);
  });

  it('GIVEN the same input twice THEN the points are identical (deterministic)', () => {
    expect(keyPoints(LONG_STORY)).toEqual(keyPoints(LONG_STORY));
    expect(keyPoints(SEED, { title: 'Biden and Kishida meet' })).toEqual(
      keyPoints(SEED, { title: 'Biden and Kishida meet' }),
    );
  });

  it('GIVEN a story THEN the lead fact comes first', () => {
    expect(keyPoints(LONG_STORY)[0]).toMatch(/^The Springfield city council approved a \$40 million budget/);
  });

  it('GIVEN any article THEN every word of every point appears in the article', () => {
    for (const text of [LONG_STORY, SHORT_ITEM, SEED]) {
      const article = wordsOf(text);
      for (const point of keyPoints(text)) {
        for (const word of tokenize(point)) expect(article.has(word), `"${word}" of "${point}"`).toBe(true);
      }
    }
  });

  it('GIVEN a story that repeats its lead THEN no two points say the same thing', () => {
    const points = keyPoints(LONG_STORY);
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++)
        expect(pointSimilarity(points[i] as string, points[j] as string)).toBeLessThan(0.5);
    }
    expect(points.filter((p) => p.includes('$40 million'))).toHaveLength(1);
  });

  it('GIVEN questions, bare quotes, pronoun-led sentences and boilerplate THEN none becomes a point', () => {
    const points = keyPoints(LONG_STORY, { maxPoints: 6 });
    for (const p of points) {
      expect(p.endsWith('?')).toBe(false);
      expect(p.startsWith('"')).toBe(false);
      expect(p.startsWith('It ')).toBe(false);
      expect(p).not.toMatch(/Get more information|contributed|Copyright|\(AP\)/);
    }
  });

  it('GIVEN a sentence with a connective and a trailing attribution THEN the point drops both', () => {
    const text =
      'But the new bridge over the Elm River will open to traffic in the first week of May, officials said. ' +
      'Construction crews finished the main span last month.';
    expect(keyPoints(text, { maxPoints: 1 })).toEqual([
      'The new bridge over the Elm River will open to traffic in the first week of May.',
    ]);
  });

  it('GIVEN a title THEN a sentence sharing its words ranks higher', () => {
    const text = [
      'The county fair opened on Friday with record crowds and a new livestock barn.',
      'Organizers said attendance reached 40,000 on the first day of the fair.',
      'A pie contest drew 300 entries from bakers across the state this year.',
      'The fair runs through Sunday, with fireworks planned for Saturday night.',
    ].join(' ');
    const withTitle = keyPoints(text, { title: 'Pie contest draws 300 bakers', maxPoints: 2 });
    expect(withTitle.some((p) => p.includes('pie contest'))).toBe(true);
  });
});

describe('keyPoints: never empty', () => {
  it('GIVEN one sentence of four or more words THEN it returns one point', () => {
    expect(keyPoints('Storm closes the coastal highway.')).toEqual(['Storm closes the coastal highway.']);
  });

  it('GIVEN an unpunctuated headline-like line only THEN it still returns a point', () => {
    expect(keyPoints('Storm closes the coastal highway')).toHaveLength(1);
  });

  it('GIVEN one very long sentence with no place to cut THEN it returns one point of at most 35 words', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const points = keyPoints(`The ${words} ended.`);
    expect(points).toHaveLength(1);
    expect((points[0] as string).split(' ').length).toBeLessThanOrEqual(35);
  });

  it('GIVEN empty text or fragments under four words THEN it returns no points', () => {
    expect(keyPoints('')).toEqual([]);
    expect(keyPoints('Hi there.')).toEqual([]);
  });
});

describe('keyPoints: the seed article', () => {
  const points = keyPoints(SEED);
  const all = points.join(' \n ');

  it('GIVEN the seed article THEN it returns at most 6 points, each under 35 words', () => {
    expect(points.length).toBeGreaterThanOrEqual(3);
    expect(points.length).toBeLessThanOrEqual(6);
    for (const p of points) expect(p.split(' ').length).toBeLessThan(35);
  });

  it('GIVEN the seed article THEN the points carry the summit, the space deal, the 2% target and Okinawa', () => {
    expect(all).toMatch(/Biden and Prime Minister Fumio Kishida/);
    expect(all).toMatch(/space cooperation/);
    expect(all).toMatch(/2 percent of gross domestic product/);
    expect(all).toMatch(/Okinawa/);
  });

  it('GIVEN the seed article THEN no boilerplate appears in its points', () => {
    expect(all).not.toMatch(
      /Get more information|Citrus County|contributed to this report|preparation area|Get updates|Copyright|rights reserved|WASHINGTON \(AP\)/i,
    );
  });
});

describe('keyPointsOfCleaned (ingestion cleans once and passes the paragraphs on)', () => {
  it.each([
    ['the seed article', SEED, 'Biden and Kishida meet'],
    ['a long story with boilerplate', LONG_STORY, 'Springfield approves budget'],
    ['a short item', SHORT_ITEM, undefined],
    [
      'one unpunctuated line',
      'breaking news from the harbour tonight with no full stop anywhere in it',
      undefined,
    ],
  ])('GIVEN %s THEN the points are those of keyPoints on the raw text', (_name, text, title) => {
    expect(keyPointsOfCleaned(text, cleanParagraphs(text), { title })).toEqual(keyPoints(text, { title }));
  });
});
