import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/ingest/page/extract.js';
import { fixtureText } from '../../fakes/news-server.js';

const URL_ = 'https://gazette.example/pages/destroyer.html';

describe('extractArticle', () => {
  it('GIVEN an article page with navigation, a sidebar, comments and a footer THEN only the story paragraphs are kept', () => {
    const a = extractArticle(
      fixtureText('destroyer.html').replaceAll('{{base}}', 'https://gazette.example'),
      URL_,
    );
    expect(a?.text.split('\n')).toHaveLength(4);
    expect(a?.text).toMatch(/^Japan will build eleven frigates/);
    expect(a?.text).not.toMatch(/Most read|Comment:|Copyright|Another story/);
  });

  it('GIVEN JSON-LD and meta tags THEN headline, author, publisher and date come from JSON-LD, the canonical link from <link>', () => {
    const a = extractArticle(
      fixtureText('destroyer.html').replaceAll('{{base}}', 'https://gazette.example'),
      URL_,
    );
    expect(a).toMatchObject({
      title: 'Japan and Australia agree on a frigate deal',
      byline: 'Kim Example',
      siteName: 'The Gazette',
      publishedAt: '2025-01-08T01:00:00.000Z',
      canonical: 'https://gazette.example/pages/destroyer.html?ref=canonical',
    });
  });

  it('GIVEN only Open Graph tags and broken JSON-LD THEN the meta tags serve', () => {
    const paragraphs = Array.from(
      { length: 4 },
      (_, i) =>
        `<p>Paragraph ${i} of the report, long enough to count as article text, with a comma, and more words.</p>`,
    ).join('');
    const html = `<html><head><script type="application/ld+json">{broken</script><meta property="og:title" content="OG title"><meta property="article:published_time" content="2025-02-01T10:00:00Z"></head><body><div class="content">${paragraphs}</div></body></html>`;
    expect(extractArticle(html, URL_)).toMatchObject({
      title: 'OG title',
      publishedAt: '2025-02-01T10:00:00.000Z',
    });
  });

  it('GIVEN a section front of links THEN there is no article', () => {
    expect(extractArticle(fixtureText('index.html'), URL_)).toBeUndefined();
  });
});
