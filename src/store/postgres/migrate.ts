// Applies the PostgreSQL migrations at start, under a transaction-level advisory lock: two
// instances starting at once take turns, the second finds the schema current and does nothing.
import type { Pg } from './connection.js';
import { postgresMigrations } from './schema.js';

/** Advisory lock key pair of newsbrief's migrations ('nb' and 1); other apps' locks differ. */
const LOCK = [0x6e62, 1] as const;

export class SchemaTooNewError extends Error {
  constructor(current: number, latest: number) {
    super(
      `The database was written by a newer newsbrief (schema ${current}, this one knows ${latest}); upgrade newsbrief.`,
    );
    this.name = 'SchemaTooNewError';
  }
}

/** Brings the schema up to date; returns the versions applied (none when already current). */
export async function migratePostgres(pg: Pg, migrations = postgresMigrations): Promise<number[]> {
  return pg.withTransaction(async (tx) => {
    // Held until this transaction ends; every DDL step below commits with the version bump.
    await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [...LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = await tx.query<{ version: number }>('SELECT version FROM schema_version');
    let current = row.rows[0]?.version ?? 0;
    if (row.rows.length === 0) await tx.query('INSERT INTO schema_version (version) VALUES (0)');
    if (current > migrations.length) throw new SchemaTooNewError(current, migrations.length);
    const applied: number[] = [];
    while (current < migrations.length) {
      await tx.query(migrations[current] as string);
      current += 1;
      await tx.query('UPDATE schema_version SET version = $1', [current]);
      applied.push(current);
    }
    return applied;
  });
}
