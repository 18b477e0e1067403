// Moving house, end to end with the real bin: a SQLite deployment (articles read by the bot, a
// digest subscribed in chat), `newsbrief migrate` to PostgreSQL, and then `/brief <topic>` and
// `/brief subscriptions` answer the same on PostgreSQL as they did on SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runBin } from '../cli/run.js';
import { postgresTestDatabase } from '../../support/postgres.js';

const db = postgresTestDatabase();
const config = path.join(repoRoot, 'config/newsbrief.yaml');
const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-move-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ask = (NEWSBRIEF_DB: string, input: string) =>
  runBin(['start', '--config', config], { input, env: { NEWSBRIEF_DB } });

// The console says when each briefing was made ("Briefing made 2 Dec 2026, 06:05 UTC"), from
// the clock of the run: the two runs are seconds apart and may fall either side of a minute.
// That time is the one part of the answers not read from the store, so it is compared for
// presence only; the rest of its line (sources, articles, freshness) is compared as it is.
const MADE_AT = /Briefing made [^·\n]*?\d{2}:\d{2} [^·\n]*?(?= · |$)/m;
const withoutMadeAt = (stdout: string) =>
  stdout.replace(new RegExp(MADE_AT.source, 'gm'), 'Briefing made <time>');

describe.skipIf(!db.available)('migrate, then the same answers on PostgreSQL', () => {
  it(
    'GIVEN a SQLite deployment with articles and a subscription WHEN migrated THEN /brief and /brief subscriptions answer the same',
    { timeout: 90_000 },
    async () => {
      const file = path.join(dir, 'newsbrief.db');
      const made = await ask(file, '/brief subscribe japan-defense daily 08:00 Asia/Tokyo\n');
      expect(made.code).toBe(0);
      const questions = '/brief japan-defense\n/brief subscriptions\n';
      const onSqlite = await ask(file, questions);
      expect(onSqlite.code).toBe(0);
      expect(onSqlite.stdout).toMatch(/Kishida/);
      expect(onSqlite.stdout).toMatch(/Asia\/Tokyo/);

      const moved = await runBin(['migrate', '--from', file, '--to', db.url()]);
      expect(moved.code).toBe(0);
      expect(moved.stderr).toMatch(/articles: 1 copied/);

      const onPostgres = await ask(db.url(), questions);
      expect(onPostgres.code).toBe(0);
      expect(onSqlite.stdout).toMatch(MADE_AT);
      expect(withoutMadeAt(onPostgres.stdout)).toBe(withoutMadeAt(onSqlite.stdout));
    },
  );
});
