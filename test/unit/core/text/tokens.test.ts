import { describe, expect, it } from 'vitest';
import { scanContentStems } from '../../../../src/core/text/scan.js';
import { isStopword } from '../../../../src/core/text/stopwords.js';
import { contentStem, stem, stemmedTokens, tokenize } from '../../../../src/core/text/tokens.js';

describe('tokenize', () => {
  it('GIVEN mixed case, punctuation and numbers THEN it returns lowercase word tokens in order', () => {
    expect(tokenize('Japan, the U.S. and $1.65 million -- GDP!')).toEqual([
      'japan',
      'the',
      'u',
      's',
      'and',
      '1',
      '65',
      'million',
      'gdp',
    ]);
  });

  it('GIVEN possessives and contractions (straight or curly) THEN the apostrophe is dropped inside the word', () => {
    expect(tokenize("Japan's don\u2019t 'quoted'")).toEqual(['japans', 'dont', 'quoted']);
  });

  it('GIVEN accented letters THEN they stay part of the word', () => {
    expect(tokenize('Rubén García')).toEqual(['rubén', 'garcía']);
  });
});

describe('stem (Porter)', () => {
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['cats', 'cat'],
    ['agreed', 'agre'],
    ['feed', 'feed'],
    ['hopping', 'hop'],
    ['filing', 'file'],
    ['happy', 'happi'],
    ['relational', 'relat'],
    ['conditional', 'condit'],
    ['hopefulness', 'hope'],
    ['electrical', 'electr'],
    ['adjustment', 'adjust'],
    ['adoption', 'adopt'],
    ['generalizations', 'gener'],
    ['controlling', 'control'],
    ['defense', 'defens'],
    ['spending', 'spend'],
  ])('GIVEN "%s" THEN the stem is "%s"', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  it('GIVEN inflections of one word THEN they share a stem', () => {
    expect(new Set(['meet', 'meets', 'meeting'].map(stem)).size).toBe(1);
    expect(new Set(['strengthen', 'strengthened', 'strengthening'].map(stem)).size).toBe(1);
  });

  it('GIVEN short words, numbers and non-ASCII words THEN they are returned unchanged', () => {
    expect(stem('is')).toBe('is');
    expect(stem('2023')).toBe('2023');
    expect(stem('garcía')).toBe('garcía');
  });
});

describe('stemmedTokens, contentStem and scanContentStems', () => {
  it('GIVEN a phrase THEN stemmedTokens stems every token', () => {
    expect(stemmedTokens('Defense spending rises')).toEqual(['defens', 'spend', 'rise']);
  });

  it('GIVEN stopwords and one-letter tokens THEN contentStem returns an empty string for them', () => {
    expect(isStopword('the')).toBe(true);
    expect(contentStem('the')).toBe('');
    expect(contentStem('s')).toBe('');
    expect(contentStem('okinawa')).toBe('okinawa');
  });

  it('GIVEN any text THEN scanContentStems yields exactly what tokenize + contentStem yield', () => {
    const text =
      "WASHINGTON (AP) \u2014 Japan's Prime Minister met Biden; GDP rose 2.5% to $1.65 million. Rubén García's café didn't open.";
    const scanned: string[] = [];
    const count = scanContentStems(text, (s) => scanned.push(s));
    const tokens = tokenize(text);
    expect(count).toBe(tokens.length);
    expect(scanned).toEqual(tokens.map(contentStem).filter(Boolean));
  });

  it('GIVEN the same word in different cases THEN scanContentStems gives one stem', () => {
    const scanned: string[] = [];
    scanContentStems('Meeting MEETING meeting', (s) => scanned.push(s));
    expect(scanned).toEqual(['meet', 'meet', 'meet']);
  });
});
