// The briefing engine across several articles, through briefCluster: exactly what the
// multi-article `newsbrief summarize` line and /brief run. Fixtures are short invented reports
// (test/fixtures/briefing/), each written to hold one property the engine must respect.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { briefCluster, type ClusterArticle } from '../../../src/core/cluster.js';
import { tokenize } from '../../../src/core/text/tokens.js';

const fixture = (name: string): ClusterArticle[] =>
  (
    JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/briefing', `${name}.json`), 'utf8')) as {
      articles: ClusterArticle[];
    }
  ).articles;

const storm = fixture('storm');
const events = fixture('events');
const options = { maxPoints: 6 };

describe('briefCluster', () => {
  it('GIVEN a fact three of five outlets report THEN it outranks a detail only one reports, citing all three', () => {
    const b = briefCluster(storm, options);
    const power = b.points.findIndex((p) => /200,000 homes/.test(p));
    expect(power).toBeGreaterThanOrEqual(0);
    // The bakery leads its own article, yet one outlet's colour is not the news.
    const bakery = b.points.findIndex((p) => /bakery|loaves/i.test(p));
    if (bakery >= 0) expect(power).toBeLessThan(bakery);
    expect(b.cites[power]).toEqual([1, 2, 3]);
  });

  it('GIVEN the same fact in two wordings THEN one point, citing both articles', () => {
    const b = briefCluster(storm, options);
    expect(b.points.filter((p) => /200,000 homes/.test(p))).toHaveLength(1);
    const strike = briefCluster(events, options);
    const walkouts = strike.points.filter((p) => /strike|walked out/.test(p));
    expect(walkouts).toHaveLength(1);
    expect(strike.cites[strike.points.indexOf(walkouts[0] as string)]).toEqual([3, 4]);
  });

  it('GIVEN three events THEN points from each, the most covered first, and no story takes more than its share', () => {
    const b = briefCluster(events, options);
    const of = (re: RegExp) => b.points.filter((p) => re.test(p)).length;
    const bridge = of(/bridge|cables|detours|commuters/i);
    const port = of(/port|dock|strike|raise/i);
    const museum = of(/museum|figurehead|customs house/i);
    expect(bridge).toBeGreaterThanOrEqual(1);
    expect(port).toBeGreaterThanOrEqual(1);
    expect(museum).toBeGreaterThanOrEqual(1);
    expect(b.points[0]).toMatch(/Harbour Bridge/);
    // One outlet's museum opening gets no more than the bridge three outlets covered.
    expect(museum).toBeLessThanOrEqual(bridge);
    expect(b.points.length).toBeGreaterThanOrEqual(3);
    expect(b.points.length).toBeLessThanOrEqual(6);
  });

  it('GIVEN a topic THEN an off-topic article in the cluster does not lead the briefing', () => {
    // The museum report is the odd one out for a topic about the port dispute.
    const b = briefCluster(events, {
      maxPoints: 4,
      topic: { title: 'Lanmouth port strike', keywords: ['dock', 'port'] },
    });
    expect(b.points[0]).toMatch(/port|dock/i);
    const bridgeFirst = briefCluster(events, { maxPoints: 4, topic: { title: 'Harbour Bridge repairs' } });
    expect(bridgeFirst.points[0]).toMatch(/Harbour Bridge/);
  });

  it('GIVEN any cluster THEN every cite points at a real article and every word of a point is in its articles', () => {
    for (const cluster of [storm, events]) {
      const b = briefCluster(cluster, options);
      expect(b.cites).toHaveLength(b.points.length);
      b.points.forEach((p, k) => {
        const cites = b.cites[k] as number[];
        expect(cites.length).toBeGreaterThan(0);
        for (const i of cites) expect(Number.isInteger(i) && i >= 0 && i < cluster.length).toBe(true);
        // Only the articles' own words: some cited article holds every word of the point.
        const inArticle = (i: number) => {
          const words = new Set(tokenize((cluster[i] as ClusterArticle).text));
          return tokenize(p).every((w) => words.has(w));
        };
        expect(cites.some(inArticle), p).toBe(true);
      });
    }
  });

  it('GIVEN the same cluster twice THEN the same briefing', () => {
    expect(briefCluster(events, options)).toEqual(briefCluster(events, options));
  });

  it('GIVEN copies of one wire text from several outlets THEN they count as one voice, not as corroboration', () => {
    const wire = storm[0] as ClusterArticle;
    const copies = [wire, { ...wire, outlet: 'Reprint One' }, { ...wire, outlet: 'Reprint Two' }];
    const b = briefCluster([...copies, ...storm.slice(1)], options);
    // Three copies of the bakery story are still one outlet's colour.
    const bakery = b.points.findIndex((p) => /bakery|loaves/i.test(p));
    const power = b.points.findIndex((p) => /200,000 homes/.test(p));
    expect(power).toBeGreaterThanOrEqual(0);
    if (bakery >= 0) expect(power).toBeLessThan(bakery);
  });
});
