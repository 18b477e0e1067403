import { describe, expect, it } from 'vitest';
import { contentStems, pointSimilarity } from '../../../../src/core/summarize/similarity.js';
import { REPEAT_THRESHOLD } from '../../../../src/core/summarize/index.js';

describe('pointSimilarity', () => {
  it('GIVEN the same point twice THEN similarity is 1', () => {
    expect(pointSimilarity('Japan raises defense spending.', 'Japan raises defense spending.')).toBeCloseTo(
      1,
    );
  });

  it('GIVEN the same fact in other inflections THEN they count as a repeat', () => {
    const a = 'Japan plans to raise defense spending to 2 percent of GDP.';
    const b = "Japan's planned raise in defense spending reaches 2 percent of GDP.";
    expect(pointSimilarity(a, b)).toBeGreaterThanOrEqual(REPEAT_THRESHOLD);
  });

  it('GIVEN unrelated points sharing only function words THEN similarity is 0', () => {
    expect(pointSimilarity('The storm hit the coast on Monday.', 'The council met in the evening.')).toBe(0);
  });

  it('GIVEN related but different facts THEN similarity stays under the repeat threshold', () => {
    const a = 'Japan and the U.S. sign a space cooperation agreement.';
    const b = 'Japan will raise defense spending to 2 percent of GDP.';
    expect(pointSimilarity(a, b)).toBeLessThan(REPEAT_THRESHOLD);
  });

  it('GIVEN an empty point THEN similarity is 0, and it is symmetric', () => {
    expect(pointSimilarity('', 'Japan raises defense spending.')).toBe(0);
    const a = 'Biden meets Kishida at the White House.';
    const b = 'Kishida visits the White House for talks.';
    expect(pointSimilarity(a, b)).toBeCloseTo(pointSimilarity(b, a));
  });

  it('GIVEN a text THEN contentStems holds stemmed content words only', () => {
    expect([...contentStems('The leaders were meeting in Tokyo.')].sort()).toEqual([
      'leader',
      'meet',
      'tokyo',
    ]);
  });
});
