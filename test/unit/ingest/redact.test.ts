import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../../src/ingest/fetch/redact.js';

describe('redactUrl', () => {
  it('GIVEN a feed URL with a token, an API key and user credentials THEN none of them survive, the rest does', () => {
    const out = redactUrl(
      'https://user:hunter2@feeds.example.org/private.xml?token=abc123&apiKey=k-999&section=world',
    );
    expect(out).toBe('https://feeds.example.org/private.xml?token=***&apiKey=***&section=world');
    expect(out).not.toMatch(/hunter2|abc123|k-999/);
  });

  it('GIVEN an ordinary URL THEN it is unchanged', () => {
    expect(redactUrl('https://example.org/world?page=2')).toBe('https://example.org/world?page=2');
  });
});
