// Cutting Slack mrkdwn to a length limit never splits a `<…>` token or an entity: a line of
// escaped text, links, dates and channel references, cut anywhere, keeps each token whole or
// leaves it out, stays within the limit, and still ends with the ellipsis.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packLines, truncate } from '../../src/adapters/slack/limits.js';
import { escape, link, slackDate } from '../../src/adapters/slack/markup.js';
import { runs } from './arbitraries.js';

const words = fc.string({ minLength: 0, maxLength: 40 });
const url = fc.webUrl({ withQueryParameters: true, withFragments: true });
const piece = fc.oneof(
  words.map(escape),
  fc.tuple(words, url).map(([label, u]) => link(label || 'article', u)),
  fc
    .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
    .map((d) => slackDate(d.toISOString())),
  fc.constantFrom('<#C0123ABCD>', '<mailto:desk@example.org|desk>', escape(' & '), escape(' < > ')),
);
const line = fc.array(piece, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(' '));

/** Every `<` closed by a `>` before the next `<`, and no `&amp` without its `;` at the end. */
function tokensWhole(text: string): boolean {
  let open = false;
  for (const ch of text) {
    if (ch === '<') {
      if (open) return false;
      open = true;
    } else if (ch === '>') open = false;
  }
  return !open && !/&(a|am|amp|l|lt|g|gt)?…?$/.test(text);
}

describe('GIVEN a mrkdwn line with links, dates and entities, cut to any length', () => {
  it('THEN truncate keeps every token whole, stays within the limit and ends with an ellipsis', () => {
    fc.assert(
      fc.property(line, fc.integer({ min: 1, max: 400 }), (text, max) => {
        const cut = truncate(text, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(tokensWhole(cut)).toBe(true);
        if (text.length > max) expect(cut.endsWith('…')).toBe(true);
        else expect(cut).toBe(text);
      }),
      runs(300),
    );
  });

  it('THEN packLines keeps every token whole in every section', () => {
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 60, max: 600 }),
        (lines, max) => {
          const packed = packLines(lines, 3, (n) => `…and ${n} more`, max);
          for (const text of packed.texts) {
            expect(text.length).toBeLessThanOrEqual(max);
            expect(tokensWhole(text)).toBe(true);
          }
        },
      ),
      runs(150),
    );
  });
});

describe('GIVEN a line whose cut falls inside a link', () => {
  it('THEN the link is left out whole rather than left open', () => {
    const text = `• ${link('Japan to buy Tomahawk missiles', 'https://example.org/news/tomahawk')}: AP`;
    const cut = truncate(text, 30);
    expect(cut).toBe('•…');
    expect(truncate(`Tom &amp; Jerry`, 9)).toBe('Tom…');
  });
});
