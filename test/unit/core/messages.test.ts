import { describe, expect, it } from 'vitest';
import { message, messageCodes, say, type Message } from '../../../src/core/messages.js';

describe('the message table', () => {
  // A missing or misspelt value is a compile error now (each code declares its values); what is
  // left to check at run time is that every sentence reads as words whatever values it gets.
  it('GIVEN every code with each value it asks for THEN a non-empty sentence with no "undefined" or "[object"', () => {
    for (const value of ['x', 2, 1]) {
      const any = new Proxy({}, { get: () => value });
      for (const code of messageCodes) {
        const text = say({ code, params: any } as Message);
        expect(text.trim().length, code).toBeGreaterThan(0);
        expect(text, code).not.toMatch(/undefined|\[object|NaN/);
      }
    }
  });

  it('GIVEN a code that takes no values THEN it is said without any', () => {
    expect(message('NO_TOPICS')).toBe(
      'No topics are configured yet. Add one under `topics:` in the config file.',
    );
  });

  it('GIVEN an unknown topic with suggestions THEN both the topic and the suggestions are in the sentence', () => {
    expect(message('UNKNOWN_TOPIC', { topic: 'japn', suggestions: '`japan-defense`' })).toBe(
      'There is no topic "japn". Did you mean `japan-defense`? Try `/brief topics` for the list.',
    );
  });
});
