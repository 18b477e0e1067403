// NEWSBRIEF_DB=postgres://… runs the bot on PostgreSQL: the real bin, started as a user would,
// reads the config's sources into that database and answers from it; a server that cannot be
// reached is said in words, without the password.
import pg from 'pg';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runBin } from '../cli/run.js';
import { postgresTestDatabase } from '../../support/postgres.js';

const db = postgresTestDatabase();
const config = path.join(repoRoot, 'config/newsbrief.yaml');

describe.skipIf(!db.available)('the bot on PostgreSQL', () => {
  it(
    'GIVEN a postgres:// NEWSBRIEF_DB WHEN the console asks /brief topics THEN it answers from articles stored in that database',
    { timeout: 60_000 },
    async () => {
      const r = await runBin(['start', '--config', config], {
        input: '/brief topics\n',
        env: { NEWSBRIEF_DB: db.url() },
      });
      expect(r.stderr).not.toMatch(/runs only on SQLite/);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Topics:/);
      const client = new pg.Client({ connectionString: db.url() });
      await client.connect();
      try {
        const n = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM articles');
        expect(n.rows[0]?.n).toBeGreaterThan(0);
        // A clean stop leaves no instance registered and no lease held.
        expect((await client.query('SELECT * FROM instances')).rows).toEqual([]);
        expect((await client.query("SELECT * FROM leases WHERE name LIKE 'source:%'")).rows).toEqual([]);
      } finally {
        await client.end();
      }
      // The CLI's own commands open the same database.
      const topics = await runBin(['topics', '--config', config], { env: { NEWSBRIEF_DB: db.url() } });
      expect(topics.code).toBe(0);
      expect(topics.stdout).toMatch(/Topics:/);
    },
  );

  it('GIVEN a postgres:// NEWSBRIEF_DB with no server behind it THEN start says so in words, without the password', async () => {
    const r = await runBin(['start', '--config', config], {
      input: '/brief topics\n',
      env: { NEWSBRIEF_DB: 'postgres://nb:s3cretpw@127.0.0.1:1/newsbrief' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot reach PostgreSQL at 127\.0\.0\.1:1\/newsbrief/);
    expect(r.stderr).not.toContain('s3cretpw');
    expect(r.stdout).not.toMatch(/Topics:/);
  });
});
