// Store fault injection through the real bin (a child process, as a user runs it) on a real
// SQLite file: another process holding the write lock, the file read-only, pages damaged. Each
// gives one clear sentence (no stack trace), nothing already stored is lost, and what can still
// be answered is (a briefing reads while writes fail).
//
// Read-only, honestly, also as root: root ignores file modes, so under root the bin runs as
// `nobody` with the file root's and mode 0644 (test/support/store-faults.ts); otherwise the file
// is chmod 0444. Either way the process opening it cannot write it, which is the fault a user
// meets (a file copied with the wrong owner). Opening it with SQLite's read-only flag or
// `PRAGMA query_only` would be newsbrief choosing not to write, a different thing.
import { describe, expect, it } from 'vitest';
import { message } from '../../src/core/messages.js';
import { runBin } from '../integration/cli/run.js';
import { childUser, corruptPages, holdWriteLock, makeReadOnly } from '../support/store-faults.js';
import { faultDeployment, readable, rootPage, storedCounts, type FaultDeployment } from './workspace.js';

const SUBSCRIBE = '/brief subscribe japan-defense daily 08:00';

/** A deployment whose database holds the four articles (and, with `subscribed`, one digest). */
async function stocked(subscribed = false): Promise<FaultDeployment> {
  const d = faultDeployment();
  const first = await runBin(['ingest', '--once'], { env: d.env });
  expect(first.code, first.stderr).toBe(0);
  if (subscribed) {
    const r = await runBin(['start'], { env: d.env, input: `${SUBSCRIBE}\n` });
    expect(r.stdout).toMatch(/next/i);
  }
  expect(storedCounts(d.db)).toEqual({ articles: 4, subscriptions: subscribed ? 1 : 0 });
  return d;
}

describe('another process holds the write lock', () => {
  it('GIVEN a second connection in BEGIN IMMEDIATE THEN ingest says it per source, the console answers a briefing and says it for a subscribe and in status, and nothing is lost', async () => {
    const d = await stocked();
    const holder = await holdWriteLock(d.db);
    try {
      const ingest = await runBin(['ingest', '--once'], { env: d.env });
      expect(ingest.code).toBe(1);
      expect(ingest.stderr).toContain(`✗ desk: ${message('STORE_FAULT_LOCKED')}`);
      expect(ingest.stdout).toContain(`source failed: ${message('STORE_FAULT_LOCKED')}`);
      expect(readable(ingest.stderr + ingest.stdout)).toBe(true);

      const chat = await runBin(['start'], {
        env: d.env,
        input: `${SUBSCRIBE}\n/brief japan-defense\n/brief status\n`,
      });
      expect(chat.code).toBe(0);
      expect(chat.stdout).toContain(message('STORE_LOCKED'));
      expect(chat.stdout).toContain('Japan defense\n=============');
      expect(chat.stdout).toMatch(/Tomahawk missiles|marines on Okinawa/);
      expect(chat.stdout).toContain('The database is locked by another process');
      expect(readable(chat.stdout + chat.stderr)).toBe(true);

      const status = await runBin(['status'], { env: d.env });
      expect(status.code).toBe(0);
      expect(status.stdout).toContain('The database is locked by another process');
    } finally {
      await holder.release();
    }
    expect(storedCounts(d.db)).toEqual({ articles: 4, subscriptions: 0 });

    // Let go: the same commands work again, in the same words as ever.
    const again = await runBin(['start'], { env: d.env, input: `${SUBSCRIBE}\n/brief status\n` });
    expect(again.stdout).not.toContain('locked');
    expect(storedCounts(d.db)).toEqual({ articles: 4, subscriptions: 1 });
  });
});

describe('the database file is read-only', () => {
  it('GIVEN a file the process cannot write THEN start-up says so in one line, briefings answer, writes say read-only everywhere, and nothing is lost', async () => {
    const d = await stocked(true);
    makeReadOnly(d.db);
    const user = childUser();
    const line = `newsbrief: warning: ${message('STORE_START_READ_ONLY', { file: d.db })}`;

    const brief = await runBin(['brief', 'japan-defense'], { env: d.env, user });
    expect(brief.code).toBe(0);
    expect(brief.stdout).toContain('Japan defense');
    expect(brief.stderr.split('\n').filter((l) => l.startsWith('newsbrief:'))).toEqual([line]);
    expect(readable(brief.stderr)).toBe(true);

    const ingest = await runBin(['ingest', '--once'], { env: d.env, user });
    expect(ingest.code).toBe(1);
    expect(ingest.stderr).toContain(line);
    expect(ingest.stdout).toContain(`source failed: ${message('STORE_FAULT_READ_ONLY')}`);
    expect(readable(ingest.stderr + ingest.stdout)).toBe(true);

    const chat = await runBin(['start'], {
      env: d.env,
      user,
      input: '/brief unsubscribe japan-defense\n/brief japan-defense\n/brief status\n',
    });
    expect(chat.code).toBe(0);
    expect(chat.stderr).toContain(line);
    expect(chat.stdout).toContain(message('STORE_READ_ONLY'));
    expect(chat.stdout).toContain('Japan defense\n=============');
    expect(chat.stdout).toContain('The database is read-only');
    expect(readable(chat.stdout + chat.stderr)).toBe(true);

    expect(storedCounts(d.db)).toEqual({ articles: 4, subscriptions: 1 });
  });
});

describe('the database file is damaged', () => {
  it('GIVEN garbage over the subscriptions table THEN the start-up check says what it found, status says damaged, briefings still answer, and the articles are all there', async () => {
    const d = await stocked(true);
    const articlesOf = async () => {
      const r = await runBin(['brief', 'japan-defense', '--format', 'json'], { env: d.env });
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as { articles: { title: string }[] }).articles.map((a) => a.title);
    };
    const before = await articlesOf();
    corruptPages(d.db, rootPage(d.db, 'subscriptions'));

    const status = await runBin(['status'], { env: d.env });
    expect(status.code).toBe(0);
    expect(status.stderr).toMatch(/^newsbrief: warning: the database .* is damaged \(integrity check: .+\)/m);
    expect(status.stdout).toContain('The database file is damaged; the integrity check at start found:');
    expect(readable(status.stdout + status.stderr)).toBe(true);

    const chat = await runBin(['start'], { env: d.env, input: '/brief japan-defense\n/brief status\n' });
    expect(chat.code).toBe(0);
    expect(chat.stderr).toMatch(/newsbrief: warning: the database .* is damaged/);
    expect(chat.stdout).toContain('Japan defense\n=============');
    expect(chat.stdout).toContain('The database file is damaged');
    expect(readable(chat.stdout)).toBe(true);
    expect(chat.stderr).not.toMatch(/\n\s+at /);

    // The articles live in pages the garbage did not touch: the briefing is the one from before.
    expect(await articlesOf()).toEqual(before);
    expect(before.length).toBeGreaterThanOrEqual(3);
  });

  it('GIVEN garbage over the first page THEN every command says in one line that it is no newsbrief database and exits 2', async () => {
    const d = await stocked();
    corruptPages(d.db, 1);
    for (const args of [['topics'], ['ingest', '--once'], ['start']]) {
      const r = await runBin(args, { env: d.env });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`newsbrief: ${message('STORE_OPEN_DAMAGED', { file: d.db })}\n`);
    }
  });
});
