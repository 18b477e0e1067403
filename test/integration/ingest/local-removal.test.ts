// Local files come and go: a deleted file's article leaves the store and the briefing, and a
// `file` source pointed at something that is not a file (a device like /dev/zero) is refused
// at once instead of being read forever.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/config/schema.js';
import { createBriefingService } from '../../../src/services/briefings.js';
import { createHarness, JAPAN_DEFENSE, makeConfig, type Harness } from './harness.js';

let h: Harness;
beforeEach(() => {
  h = createHarness(new Date('2025-01-08T06:00:00Z'));
});
afterEach(() => h.cleanup());

const article = (title: string, line: string) =>
  `---\ntitle: ${title}\noutlet: Test Wire\npublished: 2025-01-07\n---\n${line} Japan said its defense plans would change. Officials gave no date for the missile purchase.\n`;

async function briefingTitles(): Promise<string[]> {
  const briefings = createBriefingService({
    topics: [JAPAN_DEFENSE],
    articles: h.articles,
    windowDays: 7,
    maxPoints: 6,
  });
  return ((await briefings.brief('japan-defense', h.clock.now))?.articles ?? []).map((a) => a.title).sort();
}

describe('GIVEN a dir source with two articles, read once', () => {
  it('WHEN one file is deleted THEN the next read removes its article from the store and the briefing, and keeps the other', async () => {
    const dir = path.join(h.dir, 'articles');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'a.md'),
      article('Japan orders missiles', 'Tokyo ordered missiles on Monday.'),
    );
    writeFileSync(
      path.join(dir, 'b.md'),
      article('Japan opens a base', 'A base opened on Okinawa on Tuesday.'),
    );
    const source: SourceConfig = { id: 'notes', type: 'dir', path: dir };
    const ingestor = h.ingestor(makeConfig([source]));
    await ingestor.runOnce();
    expect(await briefingTitles()).toEqual(['Japan opens a base', 'Japan orders missiles']);

    rmSync(path.join(dir, 'a.md'));
    const second = await ingestor.runOnce();
    expect(second.rows[0]).toMatchObject({ removed: 1, unchanged: 1 });
    expect((await h.articles.countBySource()).get('notes')).toBe(1);
    expect(await briefingTitles()).toEqual(['Japan opens a base']);

    // Put back, it is read again like any new file.
    writeFileSync(
      path.join(dir, 'a.md'),
      article('Japan orders missiles', 'Tokyo ordered missiles on Monday.'),
    );
    const third = await ingestor.runOnce();
    expect(third.rows[0]).toMatchObject({ new: 1 });
    expect(await briefingTitles()).toEqual(['Japan opens a base', 'Japan orders missiles']);
  });
});

describe('GIVEN a file source, read once', () => {
  it('WHEN the file is deleted THEN its article leaves the store and the source says the file is missing', async () => {
    const file = path.join(h.dir, 'one.md');
    writeFileSync(file, article('Japan orders missiles', 'Tokyo ordered missiles on Monday.'));
    const ingestor = h.ingestor(makeConfig([{ id: 'one', type: 'file', path: file }]));
    await ingestor.runOnce();
    expect((await h.articles.countBySource()).get('one')).toBe(1);

    rmSync(file);
    const second = await ingestor.runOnce();
    expect(second.rows[0]).toMatchObject({ removed: 1, error: `${file}: no such file or folder` });
    expect((await h.articles.countBySource()).get('one') ?? 0).toBe(0);
    expect(await briefingTitles()).toEqual([]);
  });
});

describe('GIVEN a file source at /dev/zero', () => {
  it('THEN it fails at once as not a regular file, instead of reading without end', async () => {
    const ingestor = h.ingestor(makeConfig([{ id: 'zero', type: 'file', path: '/dev/zero' }]));
    const run = await ingestor.runOnce();
    expect(run.rows[0]?.error).toBe('/dev/zero: not a regular file (a device, pipe or socket)');
  });
});
