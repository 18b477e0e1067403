import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runBin } from './run.js';

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
    const dir = mkdtempSync(path.join(tmpdir(), 'nb-sum-'));
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
});
