// A real process killed with SIGKILL in the middle of a digest run, then restarted: no channel
// gets the slot twice, and none loses it silently (see the crash rules at the top of run.ts).
import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempWorkspaceForTest } from '../../support/workspace.js';
import { killedChild } from './killed-child.js';

const SLOT = '2026-11-28T08:00:00.000Z';

/** The states the test kills the child in: c1 posting, c2 claimed after one 429, c3 posted. */
function runsToKillIn(db: Database.Database): boolean {
  const rows = db
    .prepare(
      'SELECT s.channel_id AS channel, r.state, r.attempts FROM digest_runs r JOIN subscriptions s ON s.id = r.subscription_id',
    )
    .all() as { channel: string; state: string; attempts: number }[];
  const by = Object.fromEntries(rows.map((r) => [r.channel, r]));
  return (
    by.c1?.state === 'posting' &&
    by.c2?.state === 'claimed' &&
    by.c2.attempts === 1 &&
    by.c3?.state === 'posted'
  );
}

describe('a digest run killed mid-way', () => {
  it('GIVEN a process killed with SIGKILL between claiming and recording posts WHEN it restarts THEN every channel has the slot exactly once or a visible reason', async () => {
    const workspace = tempWorkspaceForTest('newsbrief-crash-');
    const out = workspace.path('posts.txt');
    const child = killedChild('crash-child.ts', workspace.path('digests.db'), out, SLOT);

    expect(await child.crashWhen(runsToKillIn)).toBe('SIGKILL');
    const before = readFileSync(out, 'utf8').trim().split('\n').sort();
    expect(before.map((l) => l.split(' ')[0])).toEqual(['c1', 'c3']);

    const { code, result: failing } =
      await child.restart<{ channelId: string; state: string; lastError?: string }[]>();
    expect(code, child.stderr()).toBe(0);

    const lines = readFileSync(out, 'utf8').trim().split('\n');
    const perChannel = lines.reduce<Record<string, number>>(
      (acc, l) => ({ ...acc, [l.split(' ')[0] as string]: (acc[l.split(' ')[0] as string] ?? 0) + 1 }),
      {},
    );
    // c1 arrived before the kill and is not re-posted; c2 (claimed, waiting on a 429) is resumed;
    // c3 was recorded; c4 was never claimed and is caught up (3 minutes late).
    expect(perChannel).toEqual({ c1: 1, c2: 1, c3: 1, c4: 1 });
    expect(lines.every((l) => l.endsWith(`:${SLOT}`))).toBe(true);

    expect(failing.map((f) => f.channelId)).toEqual(['c1']);
    expect(failing[0]?.lastError).toMatch(/may not have arrived/);
  }, 90_000);
});
