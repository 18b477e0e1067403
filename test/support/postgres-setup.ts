// vitest globalSetup: is a PostgreSQL server reachable for the Postgres tests? Probed once per
// run. Not reachable: one line says so and those tests skip, unless CI=true, where the run fails
// (CI must exercise the Postgres store). Also drops any database this run's tests left behind.
import pg from 'pg';
import type { TestProject } from 'vitest/node';

/** The server tests use: NEWSBRIEF_TEST_POSTGRES, else the local one (trust auth). */
const ADMIN_URL = process.env.NEWSBRIEF_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUN_ID = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of a reachable server, or null when none is (the Postgres tests skip). */
    postgresAdminUrl: string | null;
    /** Prefix of the databases this run creates. */
    postgresRunId: string;
  }
}

async function reachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const problem = await reachable();
  if (problem !== undefined) {
    if (process.env.CI === 'true')
      throw new Error(
        `CI=true but no PostgreSQL at ${ADMIN_URL} (${problem}): the Postgres tests must run in CI`,
      );
    process.stdout.write(`PostgreSQL tests skipped: no server at ${ADMIN_URL} (${problem})\n`);
  }
  project.provide('postgresAdminUrl', problem === undefined ? ADMIN_URL : null);
  project.provide('postgresRunId', RUN_ID);
  return async () => {
    if (problem !== undefined) return;
    const client = new pg.Client({ connectionString: ADMIN_URL });
    try {
      await client.connect();
      const left = await client.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname LIKE $1',
        [`nbt_${RUN_ID}_%`],
      );
      for (const { datname } of left.rows)
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
}
