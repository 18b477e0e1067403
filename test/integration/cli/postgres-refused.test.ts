// A postgres:// NEWSBRIEF_DB must not be mistaken for a SQLite file name: until the bot runs on the
// PostgreSQL store, it says so and touches nothing.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot, runBin } from './run.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('NEWSBRIEF_DB as a postgres:// URL', () => {
  it('GIVEN the bot started with a postgres URL THEN it says the bot runs on SQLite only and creates no file', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-pgref-'));
    const r = await runBin(['start', '--config', path.join(repoRoot, 'config/newsbrief.yaml')], {
      cwd: dir,
      input: '/brief topics\n',
      env: { NEWSBRIEF_DB: 'postgres://postgres@127.0.0.1:5432/test' },
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/runs only on SQLite/);
    expect(r.stdout).not.toMatch(/Topics:/);
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(path.join(dir, 'postgres:'))).toBe(false);
  });
});
