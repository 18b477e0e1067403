import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../../src/ingest/frontmatter.js';

describe('splitFrontMatter', () => {
  it('GIVEN a block with title, outlet, a bare date and a url THEN each is read and the body follows', () => {
    const { meta, body } = splitFrontMatter(
      '---\ntitle: A title\noutlet: AP\npublished: 2023-01-13\nurl: https://example.org/a\n---\n\nBody line.\n',
    );
    expect(meta).toEqual({
      ok: true,
      value: {
        title: 'A title',
        outlet: 'AP',
        publishedAt: '2023-01-13T00:00:00.000Z',
        url: 'https://example.org/a',
      },
    });
    expect(body.trim()).toBe('Body line.');
  });

  it('GIVEN a datetime with an offset THEN it becomes UTC', () => {
    expect(splitFrontMatter('---\npublished: 2025-01-07T04:30:00+09:00\n---\nx').meta).toMatchObject({
      value: { publishedAt: '2025-01-06T19:30:00.000Z' },
    });
  });

  it('GIVEN no block THEN the whole text is the body', () => {
    expect(splitFrontMatter('Just text\n---\nmore')).toEqual({
      meta: { ok: true, value: {} },
      body: 'Just text\n---\nmore',
    });
  });

  it('GIVEN an unreadable block THEN the body is kept and the problem named', () => {
    const result = splitFrontMatter('---\ntitle: [unclosed\n---\nBody');
    expect(result.body).toBe('Body');
    expect(result.meta).toMatchObject({ ok: false, error: expect.stringMatching(/not valid YAML/) });
  });

  it('GIVEN a block that never closes THEN nothing is lost', () => {
    const result = splitFrontMatter('---\ntitle: x\nBody');
    expect(result.body).toBe('---\ntitle: x\nBody');
    expect(result.meta).toMatchObject({ ok: false, error: expect.stringMatching(/never ends/) });
  });
});
