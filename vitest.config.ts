import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests start real HTTP/WebSocket servers and child processes; give them room
    // on a loaded 2-core CI machine without hiding real hangs.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Probes PostgreSQL once per run for the Postgres tests (test/support/postgres-setup.ts).
    globalSetup: ['test/support/postgres-setup.ts'],
  },
});
