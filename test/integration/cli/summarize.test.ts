import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';

import path from 'node:path';
import { runBin } from './run.js';
import { tempWorkspaceForTest } from '../../support/workspace.js';

const article = (id: string) => ({
  id,
  title: 'Harbour bridge reopens after repairs',
  text:
    'CITYVILLE (Wire) — The Harbour Bridge reopened to traffic on Monday after eight months of repairs costing $40 million. ' +
    'Engineers replaced 120 steel cables and resurfaced the deck, the transport department said. ' +
    'Commuters had faced detours of up to an hour while the bridge was closed. ' +
    'The mayor said the work would extend the life of the bridge by 50 years. ' +
    'Copyright 2026 Wire Service. All rights reserved.',
});

describe('newsbrief summarize', () => {
  it('GIVEN good and bad JSONL lines THEN one output line per input line, in order, errors naming the line, exit 1', async () => {
    const input = [
      JSON.stringify(article('a')),
      '{not json',
      JSON.stringify({ id: 'c' }),
      JSON.stringify(article('d')),
      JSON.stringify([1, 2]),
      '',
    ].join('\n');
    const r = await runBin(['summarize'], { input });
    expect(r.code).toBe(1);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0].id).toBe('a');
    expect(lines[0].points.length).toBeGreaterThanOrEqual(1);
    expect(lines[0].points.join(' ')).not.toMatch(/Copyright|\(Wire\)/);
    expect(lines[1]).toEqual({ line: 2, error: 'not valid JSON' });
    expect(lines[2]).toMatchObject({ line: 3 });
    expect(lines[2].error).toContain('text');
    expect(lines[3].id).toBe('d');
    expect(lines[4]).toMatchObject({ line: 5 });
  });

  it('GIVEN only good lines from a file and --max-points 1 THEN exit 0 and one point each', async () => {
    const dir = tempWorkspaceForTest('nb-sum-').dir;
    const file = path.join(dir, 'in.jsonl');
    writeFileSync(file, `${JSON.stringify(article('x'))}\n${JSON.stringify({ ...article('y'), id: 7 })}\n`);
    const r = await runBin(['summarize', '--input', file, '--max-points', '1']);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['x', 7]);
    expect(lines.every((l) => l.points.length === 1)).toBe(true);
  });

  it('GIVEN a missing input file or a bad --max-points THEN a clear message and a usage exit code', async () => {
    const missing = await runBin(['summarize', '--input', '/nonexistent/x.jsonl']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const bad = await runBin(['summarize', '--max-points', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-points');
  });

  it('GIVEN multi-article lines beside single ones and bad ones THEN briefings with cites into each line, errors by line, twice the same', async () => {
    const storm = JSON.parse(
      readFileSync(path.join(__dirname, '../../fixtures/briefing/storm.json'), 'utf8'),
    ) as { articles: { title: string; text: string; outlet: string }[] };
    const input = [
      JSON.stringify({
        id: 'storm',
        topic: { title: 'Storm Elsa', keywords: ['storm', 'power'] },
        articles: storm.articles,
      }),
      JSON.stringify(article('single')),
      JSON.stringify({ id: 'empty', articles: [] }),
      JSON.stringify({
        id: 'blank',
        articles: [{ text: 'A real sentence about the storm and the harbour.' }, { text: '  ' }],
      }),
      JSON.stringify({ id: 'untitled', articles: storm.articles.slice(0, 2).map((a) => ({ text: a.text })) }),
      JSON.stringify({ id: 'badtopic', topic: { keywords: ['storm'] }, articles: storm.articles }),
    ].join('\n');
    const first = await runBin(['summarize'], { input });
    const again = await runBin(['summarize'], { input });
    expect(first.code).toBe(1);
    expect(again.stdout).toBe(first.stdout);
    const lines = first.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(6);
    const [brief, single, empty, blank, untitled, badTopic] = lines;
    expect(Object.keys(brief).sort()).toEqual(['cites', 'id', 'points']);
    expect(brief.points.length).toBeGreaterThanOrEqual(3);
    expect(brief.points.length).toBeLessThanOrEqual(6);
    expect(brief.cites).toHaveLength(brief.points.length);
    for (const cites of brief.cites as number[][]) {
      expect(cites.length).toBeGreaterThan(0);
      for (const i of cites) expect(i >= 0 && i < storm.articles.length && Number.isInteger(i)).toBe(true);
    }
    // The power cut three of the five outlets report is a point citing those three.
    const power = (brief.points as string[]).findIndex((p) => p.includes('200,000 homes'));
    expect(brief.cites[power]).toEqual([1, 2, 3]);
    expect(single.id).toBe('single');
    expect(single.cites).toBeUndefined();
    expect(empty).toEqual({ line: 3, error: '"articles": needs at least one article' });
    expect(blank).toEqual({ line: 4, error: '"articles.1.text" is empty' });
    expect(untitled.points.length).toBeGreaterThan(0);
    expect(badTopic.line).toBe(6);
    expect(badTopic.error).toContain('topic.title');
    expect(first.stderr).toContain('3 summarized, 3 failed');
  });
});
