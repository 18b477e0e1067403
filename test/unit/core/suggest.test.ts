import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../../src/core/suggest.js';

describe('closest', () => {
  const topics = ['japan-defense', 'japan-economy', 'climate', 'us-politics'];
  it('GIVEN a typo THEN the intended name comes first', () => {
    expect(closest('japan-defence', topics)[0]).toBe('japan-defense');
    expect(closest('climat', topics)).toEqual(['climate']);
  });
  it('GIVEN a prefix THEN every name starting with it', () => {
    expect(closest('japan', topics)).toEqual(['japan-defense', 'japan-economy']);
  });
  it('GIVEN something unrelated THEN no suggestion rather than a wild guess', () => {
    expect(closest('football', topics)).toEqual([]);
  });
  it('GIVEN a city part of a time zone THEN the zone is found', () => {
    expect(closest('tokyo', ['Asia/Tokyo', 'Asia/Seoul', 'Europe/London'])).toEqual(['Asia/Tokyo']);
    expect(closest('Asia/Tokio', ['Asia/Tokyo', 'Asia/Seoul'])[0]).toBe('Asia/Tokyo');
  });
  it('GIVEN transposed letters THEN the distance is one', () => {
    expect(editDistance('defnese', 'defense')).toBe(1);
  });
});
