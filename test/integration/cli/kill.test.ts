// A few SIGKILLs of `newsbrief ingest` and the bot in the middle of their writes (the quick part of
// `npm run kill`): after each, the database passes SQLite's integrity check, no article is doubled
// or broken and none stored before is gone; a clean run then has every listed item exactly once.
import { describe, expect, it } from 'vitest';
import { runKillTrials } from '../../../bench/kill-trials.js';

describe('GIVEN ingest and the bot killed with SIGKILL at random moments while writing', () => {
  it('THEN nothing is duplicated, lost or corrupt', async () => {
    const report = await runKillTrials({
      kills: 3,
      feeds: 4,
      itemsPerFeed: 30,
      maxDelayMs: 1_500,
      seed: 20261202,
    });
    expect(report.problems).toEqual([]);
    expect(report.kills).toBe(3);
    expect(report.killedBot).toBeGreaterThan(0);
    expect(report.duplicates).toBe(0);
    expect(report.lost).toBe(0);
    expect(report.articlesStored).toBe(report.itemsListed);
  }, 120_000);
});
