// The store contract (store-contract.ts) on PostgreSQL: a fresh database per test, from the
// harness (skipped with one line when no server is reachable; required under CI=true).
import { describe } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { postgresTestDatabase } from '../support/postgres.js';
import { storeContract } from './store-contract.js';

const db = postgresTestDatabase();

describe.skipIf(!db.available)('PostgreSQL', () => {
  storeContract('PostgreSQL', async () => {
    const url = await db.another();
    return { open: async () => openPostgresStore(url, { max: 3 }) };
  });
});
