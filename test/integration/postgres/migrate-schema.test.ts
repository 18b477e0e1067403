// The Postgres store's schema: migrations run once under an advisory lock, so instances starting
// together do not race, and a database from a newer newsbrief is refused, not damaged.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPg } from '../../../src/store/postgres/connection.js';
import { migratePostgres } from '../../../src/store/postgres/migrate.js';
import { openPostgresStore } from '../../../src/store/postgres/index.js';
import { postgresMigrations } from '../../../src/store/postgres/schema.js';
import { postgresTestDatabase } from '../../support/postgres.js';

const db = postgresTestDatabase();

describe.skipIf(!db.available)('postgres schema migrations', () => {
  it('GIVEN four instances migrating a fresh database at once THEN each step runs once and all end current', async () => {
    const url = await db.another();
    const pools = Array.from({ length: 4 }, () => createPg(url, { max: 2 }));
    try {
      const applied = await Promise.all(pools.map((p) => migratePostgres(p)));
      // Exactly one of them applied the migrations; the others found the schema current.
      expect(applied.flat()).toEqual(postgresMigrations.map((_, i) => i + 1));
      const version = await pools[0]!.query<{ version: number }>('SELECT version FROM schema_version');
      expect(version.rows).toEqual([{ version: postgresMigrations.length }]);
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  });

  it('GIVEN a database written by a newer newsbrief THEN opening it is refused with what to do', async () => {
    const url = await db.another();
    const store = await openPostgresStore(url);
    await store.pg.query('UPDATE schema_version SET version = version + 5');
    await store.close();
    await expect(openPostgresStore(url)).rejects.toThrow(/newer newsbrief.*upgrade newsbrief/);
  });

  it('GIVEN no server at the URL THEN opening says PostgreSQL cannot be reached, without the password', async () => {
    const err = await openPostgresStore('postgres://nb:s3cretpw@127.0.0.1:1/nowhere', {
      connectTimeoutMs: 2000,
    }).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/Cannot reach PostgreSQL at 127\.0\.0\.1:1\/nowhere/);
    expect((err as Error).message).not.toContain('s3cretpw');
  });

  it('GIVEN a statement longer than the statement timeout THEN the server cancels it', async () => {
    const p = createPg(db.url(), { statementTimeoutMs: 200 });
    try {
      await expect(p.query('SELECT pg_sleep(2)')).rejects.toThrow(/statement timeout/);
    } finally {
      await p.close();
    }
  });

  it('GIVEN a pool size THEN no more connections than that are opened', async () => {
    const p = createPg(db.url(), { max: 3 });
    try {
      await Promise.all(Array.from({ length: 12 }, () => p.query('SELECT pg_sleep(0.05)')));
      const probe = new pg.Client({ connectionString: db.url() });
      await probe.connect();
      const r = await probe.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'newsbrief'",
      );
      await probe.end();
      expect(r.rows[0]!.n).toBeLessThanOrEqual(3);
      expect(p.pool.totalCount).toBe(3);
    } finally {
      await p.close();
    }
  });
});
