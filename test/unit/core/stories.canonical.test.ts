import { describe, expect, it } from 'vitest';
import { canonicalUrl, hostOf, httpUrl } from '../../../src/core/canonical.js';

describe('canonicalUrl', () => {
  it.each([
    ['HTTPS://News.Example.ORG/world/story-1/', 'https://news.example.org/world/story-1'],
    ['https://news.example.org/world/story-1#comments', 'https://news.example.org/world/story-1'],
    [
      'https://news.example.org/world/story-1?utm_source=rss&utm_medium=feed&fbclid=x&gclid=y',
      'https://news.example.org/world/story-1',
    ],
    ['https://news.example.org/a?page=2&id=7&utm_campaign=z', 'https://news.example.org/a?id=7&page=2'],
    ['https://news.example.org:443/a', 'https://news.example.org/a'],
    ['https://news.example.org/', 'https://news.example.org'],
  ])('GIVEN %s THEN the canonical form is %s', (input, expected) => {
    expect(canonicalUrl(input)).toBe(expected);
  });

  it('GIVEN a relative link and the feed address THEN it resolves against the feed', () => {
    expect(canonicalUrl('../b/c?utm_source=x', 'https://example.org/feeds/world.xml')).toBe(
      'https://example.org/b/c',
    );
  });

  it('GIVEN something that is not a web link THEN there is no canonical URL', () => {
    expect(canonicalUrl('mailto:desk@example.org')).toBeUndefined();
    expect(canonicalUrl('not a url')).toBeUndefined();
  });

  it('GIVEN a link THEN its host drops a leading www', () => {
    expect(hostOf('https://www.example.org/x')).toBe('example.org');
  });
});

describe('httpUrl', () => {
  it('GIVEN a relative link with spaces around it THEN it resolves against the base and is otherwise kept as written', () => {
    expect(httpUrl('  ../b/c?utm_source=x#top ', 'https://example.org/feeds/world.xml')).toBe(
      'https://example.org/b/c?utm_source=x#top',
    );
  });

  it('GIVEN a blank link, another scheme or a relative link without a base THEN there is no address', () => {
    expect(httpUrl(' ', 'https://example.org/')).toBeUndefined();
    expect(httpUrl(null)).toBeUndefined();
    expect(httpUrl('javascript:alert(1)', 'https://example.org/')).toBeUndefined();
    expect(httpUrl('/a')).toBeUndefined();
  });
});
