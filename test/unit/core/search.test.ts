// Search text as people type it: phrases in quotes, -word exclusions, function words dropped.
import { describe, expect, it } from 'vitest';
import { describeSearch, parseSearchQuery } from '../../../src/core/search.js';

describe('parseSearchQuery', () => {
  it('GIVEN a question THEN its content words are required and its function words dropped', () => {
    expect(parseSearchQuery('what happened with the chip export rules').include).toEqual([
      ['happened'],
      ['chip'],
      ['export'],
      ['rules'],
    ]);
  });

  it('GIVEN quoted text, straight or curly THEN it is one phrase with its words in order', () => {
    expect(parseSearchQuery('"export controls" chips').include).toEqual([['export', 'controls'], ['chips']]);
    expect(parseSearchQuery('\u201cexport controls\u201d').include).toEqual([['export', 'controls']]);
  });

  it('GIVEN -word and -"phrase" THEN they are exclusions, not requirements', () => {
    const q = parseSearchQuery('chips -japan -"south korea"');
    expect(q.include).toEqual([['chips']]);
    expect(q.exclude).toEqual([['japan'], ['south', 'korea']]);
  });

  it('GIVEN only exclusions THEN nothing is required (the command asks for a word)', () => {
    expect(parseSearchQuery('-japan').include).toEqual([]);
  });

  it('GIVEN only function words THEN they are searched as typed', () => {
    expect(parseSearchQuery('the who').include).toEqual([['the'], ['who']]);
  });

  it('GIVEN punctuation and markup THEN it never reaches the query as syntax', () => {
    const q = parseSearchQuery('NEAR( "a" AND * OR ^x f-35 u.s.');
    expect(q.include.flat().every((w) => /^[\p{L}\p{N}]+$/u.test(w))).toBe(true);
    expect(q.include).toContainEqual(['f', '35']);
  });

  it('GIVEN a query THEN it reads back as typed', () => {
    expect(describeSearch(parseSearchQuery('Chip "Export Rules" -Japan'))).toBe('chip "export rules" -japan');
  });
});
