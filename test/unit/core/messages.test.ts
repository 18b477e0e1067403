import { describe, expect, it } from 'vitest';
import { message, messageCodes } from '../../../src/core/messages.js';

describe('the message table', () => {
  it('GIVEN every code with no params THEN a non-empty sentence with no "undefined" or "[object"', () => {
    for (const code of messageCodes) {
      const text = message(code);
      expect(text.trim().length, code).toBeGreaterThan(0);
      expect(text, code).not.toMatch(/undefined|\[object|NaN/);
    }
  });

  it('GIVEN an unknown topic with suggestions THEN both the topic and the suggestions are in the sentence', () => {
    expect(message('UNKNOWN_TOPIC', { topic: 'japn', suggestions: '`japan-defense`' })).toBe(
      'There is no topic "japn". Did you mean `japan-defense`? Try `/brief topics` for the list.',
    );
  });
});
