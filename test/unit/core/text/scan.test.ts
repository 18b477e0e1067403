import { describe, expect, it } from 'vitest';
import { scanContentStems, scanStemIds, StemIds } from '../../../../src/core/text/scan.js';

const TEXT =
  "WASHINGTON (AP) \u2014 Japan's Prime Minister met Biden; Japan plans planned PLANS. GDP rose 2.5% in Japan. Rubén García's café didn't open.";

describe('scanStemIds', () => {
  it('GIVEN a text THEN its ids name exactly the stems scanContentStems yields, in order', () => {
    const stems: string[] = [];
    const count = scanContentStems(TEXT, (s) => stems.push(s));
    const vocabulary = new StemIds();
    const ids: number[] = [];
    expect(scanStemIds(TEXT, vocabulary, ids)).toBe(count);
    expect(ids).toHaveLength(stems.length);
    // Same stem, same id; different stems, different ids; ids counted from 0 in order of first use.
    const firstId = new Map<string, number>();
    stems.forEach((stem, k) => {
      if (!firstId.has(stem)) firstId.set(stem, firstId.size);
      expect(ids[k]).toBe(firstId.get(stem));
      expect(vocabulary.get(stem)).toBe(firstId.get(stem));
    });
    expect(vocabulary.size).toBe(firstId.size);
  });

  it('GIVEN two vocabularies THEN each numbers its stems from 0, whatever the other saw', () => {
    const a = new StemIds();
    const b = new StemIds();
    const idsA: number[] = [];
    const idsB: number[] = [];
    scanStemIds('budget council transit', a, idsA);
    scanStemIds('transit budget', b, idsB);
    expect(idsA).toEqual([0, 1, 2]);
    expect(idsB).toEqual([0, 1]);
    expect(b.get('transit')).toBe(0);
    expect(a.get('transit')).toBe(2);
  });

  it('GIVEN a range of a joined text THEN its ids are those of that piece scanned on its own', () => {
    const pieces = ["Japan's defense budget rises.", 'Planners planned PLANS for Rubén.', 'Budget talks end'];
    const joined = pieces.join('\n');
    const whole = new StemIds();
    const alone = new StemIds();
    let start = 0;
    for (const piece of pieces) {
      const fromRange: number[] = [];
      const fromPiece: number[] = [];
      const count = scanStemIds(joined, whole, fromRange, start, start + piece.length);
      expect(count).toBe(scanStemIds(piece, alone, fromPiece));
      expect(fromRange).toEqual(fromPiece);
      start += piece.length + 1;
    }
  });
});
