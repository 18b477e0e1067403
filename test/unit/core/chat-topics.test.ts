import { describe, expect, it } from 'vitest';
import {
  MAX_TOPIC_WORDS,
  parseTopicWords,
  slugProblem,
  titleFromSlug,
  wordsProblem,
} from '../../../src/core/chat-topics.js';

describe('topics from chat: the words after the slug', () => {
  it('GIVEN words, a quoted phrase and -exclusions THEN keywords and exclusions, lower-cased, without repeats', () => {
    expect(parseTopicWords('Semiconductor "Export  Controls" chips -football -"world cup" chips')).toEqual({
      keywords: ['semiconductor', 'export controls', 'chips'],
      exclude: ['football', 'world cup'],
    });
  });

  it('GIVEN a lone "-" THEN it is a keyword, not an empty exclusion', () => {
    expect(parseTopicWords('- chips')).toEqual({ keywords: ['-', 'chips'], exclude: [] });
  });

  it('GIVEN only exclusions THEN the words are refused: a topic needs a keyword', () => {
    expect(wordsProblem(parseTopicWords('-football'))).toEqual({ code: 'CHAT_TOPIC_NEEDS_KEYWORDS' });
  });

  it('GIVEN too many words or an over-long keyword THEN each is refused with its limit', () => {
    const many = Array.from({ length: MAX_TOPIC_WORDS + 1 }, (_, i) => `w${i}`);
    expect(wordsProblem(parseTopicWords(many.join(' ')))?.code).toBe('CHAT_TOPIC_TOO_MANY_WORDS');
    expect(wordsProblem(parseTopicWords('x'.repeat(61)))?.code).toBe('CHAT_TOPIC_WORD_TOO_LONG');
    expect(wordsProblem(parseTopicWords('chips'))).toBeUndefined();
  });
});

describe('topics from chat: the slug', () => {
  it('GIVEN a slug like a config slug THEN it is taken, and its title is made from it', () => {
    expect(slugProblem('chip-exports', ['why'])).toBeUndefined();
    expect(titleFromSlug('chip-exports-2026')).toBe('Chip exports 2026');
  });

  it('GIVEN capitals, spaces, double hyphens or symbols THEN the slug is refused in words', () => {
    for (const slug of ['Chip', 'chip exports', 'chip--exports', '-chips', 'chips!', 'ç'])
      expect(slugProblem(slug, []), slug).toEqual({ code: 'CHAT_TOPIC_BAD_SLUG', params: { topic: slug } });
  });

  it('GIVEN a /brief subcommand name THEN it is refused as reserved', () => {
    expect(slugProblem('why', ['why', 'topics'])?.code).toBe('CHAT_TOPIC_RESERVED');
  });

  it('GIVEN a slug over 60 characters THEN it is refused with its length', () => {
    expect(slugProblem('a'.repeat(61), [])).toEqual({
      code: 'TOPIC_TOO_LONG',
      params: { length: 61, max: 60 },
    });
  });
});
