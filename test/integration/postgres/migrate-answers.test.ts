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
      expect(onPostgres.stdout).toBe(onSqlite.stdout);
    },
  );
});
