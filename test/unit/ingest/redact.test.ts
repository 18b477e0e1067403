import { describe, expect, it } from 'vitest';
import { redactUrl, redactUrls, splitCredentials } from '../../../src/ingest/fetch/redact.js';

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

describe('redactUrls', () => {
  it('GIVEN an error text quoting an address with credentials THEN the address loses them and the sentence stays', () => {
    const text =
      'network error: Request cannot be constructed from a URL that includes credentials: http://user:hunter2@feeds.example.org/x.xml?token=abc123.';
    const out = redactUrls(text);
    expect(out).toBe(
      'network error: Request cannot be constructed from a URL that includes credentials: http://feeds.example.org/x.xml?token=***.',
    );
  });

  it('GIVEN a JSON log line with two addresses THEN both are redacted and the JSON still parses', () => {
    const line = JSON.stringify({ msg: 'redirect loop (https://a:b1@x.org/1 -> https://x.org/2?apikey=k9)' });
    const out = redactUrls(line);
    expect(out).not.toMatch(/b1@|k9/);
    expect(JSON.parse(out).msg).toBe('redirect loop (https://x.org/1 -> https://x.org/2?apikey=***)');
  });

  it('GIVEN an address URL cannot parse THEN its user:pass part is still dropped', () => {
    expect(redactUrls('bad http://u:p4ss@[not-a-host/feed')).toBe('bad http://[not-a-host/feed');
  });
});

describe('splitCredentials', () => {
  it('GIVEN user:pass in an address THEN the address is bare and the pair becomes a Basic header', () => {
    const { url, authorization } = splitCredentials('https://me%40corp:p%3Ass@feeds.example.org/a.xml');
    expect(url).toBe('https://feeds.example.org/a.xml');
    expect(Buffer.from((authorization ?? '').replace('Basic ', ''), 'base64').toString()).toBe(
      'me@corp:p:ss',
    );
  });
});
