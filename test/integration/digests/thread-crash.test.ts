// A real process killed with SIGKILL between a threaded digest's parent and its replies, then
// restarted: the replies are finished without a second parent, the reply whose call was in
// flight is not posted again (it may have arrived: at most once, as for the parent) but recorded
// uncertain and reported, and digest_replies says which replies went out. The child posts
// through the real Slack poster to the fake Web API here.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';

const CHILD = path.resolve('test/fixtures/digests/thread-crash-child.ts');
const SLOT = '2026-11-28T08:00:00.000Z';
let dir: string;
let api: FakeSlackApi | undefined;

afterEach(async () => {
  await api?.close();
  rmSync(dir, { recursive: true, force: true });
});

function child(mode: 'crash' | 'restart', db: string, apiUrl: string) {
  return spawn(process.execPath, ['--import', 'tsx', CHILD, db, apiUrl, mode, SLOT], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves once reply 2 is being posted (its call held by the fake) and reply 1 is recorded. */
async function waitForReplyInFlight(dbFile: string): Promise<void> {
  for (;;) {
    if (existsSync(dbFile)) {
      const db = new Database(dbFile, { readonly: true, timeout: 5000 });
      try {
        const rows = db.prepare('SELECT position, state FROM digest_replies ORDER BY position').all() as {
          state: string;
        }[];
        if (rows[0]?.state === 'posted' && rows[1]?.state === 'posting') return;
      } catch {
        // Tables not created yet.
      } finally {
        db.close();
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a threaded digest killed between its parent and its replies', () => {
  // Two child processes start here (tsx compiles each): room for a loaded machine.
  it('GIVEN SIGKILL while reply 2 of 3 is in flight WHEN the bot restarts THEN reply 3 goes out under the one parent, reply 2 is reported uncertain and never posted twice', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-thread-crash-'));
    const db = path.join(dir, 'digests.db');
    api = await startFakeSlackApi();
    // Calls: 1 the parent, 2 reply 1, 3 reply 2 (held: the process dies waiting for it).
    const release = api.holdNth('chat.postMessage', 3);

    const first = child('crash', db, api.apiUrl);
    let stderr = '';
    first.stderr.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      first.on('exit', (_c, signal) => resolve(signal)),
    );
    await Promise.race([
      waitForReplyInFlight(db),
      exited.then(() => Promise.reject(new Error(`child exited early: ${stderr}`))),
    ]);
    first.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // The held call stays unanswered until the end: answered after the kill (the fake may not
    // have seen the socket close yet under load) it would count as delivered.
    onTestFinished(release);

    const second = child('restart', db, api.apiUrl);
    let stdout = '';
    second.stdout.on('data', (d) => (stdout += String(d)));
    second.stderr.on('data', (d) => (stderr += String(d)));
    const code = await new Promise<number | null>((resolve) => second.on('exit', (c) => resolve(c)));
    expect(code, stderr).toBe(0);

    const delivered = api.callsOf('chat.postMessage').filter((c) => c.answered);
    const parents = delivered.filter((c) => c.params.thread_ts === undefined);
    expect(parents).toHaveLength(1);
    const parentTs = new Database(db, { readonly: true })
      .prepare('SELECT message_id FROM digest_runs')
      .pluck()
      .get() as string;
    const replies = delivered.filter((c) => c.params.thread_ts !== undefined);
    expect(replies.every((r) => r.params.thread_ts === parentTs)).toBe(true);
    const header = (c: { params: Record<string, unknown> }) =>
      JSON.stringify(c.params.blocks).match(/"text":"(\d)\. /)?.[1];
    expect(replies.map(header).sort()).toEqual(['1', '3']);
    // Reply 2 reached Slack once (the call the kill interrupted, which Slack may have taken) and
    // was not sent again: every call to the fake counts here, answered or not.
    const calls = api.callsOf('chat.postMessage').filter((c) => c.params.thread_ts !== undefined);
    expect(calls.map(header).sort()).toEqual(['1', '2', '3']);
    const result = JSON.parse(stdout.trim().split('\n').at(-1) as string) as {
      replies: unknown[];
      state: string;
      lastError: string;
    };
    expect(result.replies).toEqual([
      { position: 1, state: 'posted' },
      { position: 2, state: 'uncertain' },
      { position: 3, state: 'posted' },
    ]);
    // /brief subscriptions and /brief status show it until the next good digest.
    expect(result.state).toBe('failing');
    expect(result.lastError).toContain('may lack reply 2');
  }, 90_000);
});
