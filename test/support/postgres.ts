// For Postgres test files: each file gets its own fresh database (created in beforeAll, dropped
// with FORCE in afterAll), so files run in parallel without seeing each other's rows.
//   const pgTest = postgresTestDatabase();
//   describe.skipIf(!pgTest.available)('...', () => { ... pgTest.url() ... });
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';

export interface TestDatabase {
  /** False when no server is reachable (globalSetup printed why); the file's tests skip. */
  available: boolean;
  /** postgres:// URL of this file's database (after beforeAll). */
  url(): string;
  /** A further fresh database (dropped with the file's), e.g. for a second deployment. */
  another(): Promise<string>;
}

function withDatabase(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function postgresTestDatabase(): TestDatabase {
  const adminUrl = inject('postgresAdminUrl');
  const runId = inject('postgresRunId');
  const created: string[] = [];
  let main: string | undefined;
  const create = async () => {
    const name = `nbt_${runId}_${randomBytes(4).toString('hex')}`;
    await admin(adminUrl as string, (c) => c.query(`CREATE DATABASE "${name}"`));
    created.push(name);
    return withDatabase(adminUrl as string, name);
  };
  if (adminUrl) {
    beforeAll(async () => {
      main = await create();
    });
    afterAll(async () => {
      await admin(adminUrl, async (c) => {
        for (const name of created) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      });
    });
  }
  return {
    available: adminUrl !== null,
    url() {
      if (!main) throw new Error('the test database is made in beforeAll');
      return main;
    },
    another: create,
  };
}
