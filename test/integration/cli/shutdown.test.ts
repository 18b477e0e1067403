// Stopping the bot: SIGTERM while the first fetch is still waiting on a slow feed ends the
// process cleanly (exit 0 after a bounded grace period, store closed, no write after closing),
// not killed by the signal halfway through start-up.
import { writeFileSync } from 'node:fs';

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNewsServer, type NewsServer } from '../../fakes/news-server.js';
import { repoRoot, startBot } from './run.js';
import { tempWorkspaceForTest } from '../../support/workspace.js';

let server: NewsServer;

beforeAll(async () => {
  server = await startNewsServer({ '/slow.xml': { hang: true } });
});
afterAll(async () => {
  await server?.close();
});

describe('GIVEN a feed that never answers during start-up', () => {
  it('WHEN SIGTERM arrives THEN the bot exits 0 promptly and the database opens again', async () => {
    const dir = tempWorkspaceForTest('nb-stop-').dir;
    const cfg = path.join(dir, 'c.yaml');
    writeFileSync(
      cfg,
      `sources:
  - {id: seed, type: file, path: ${path.join(repoRoot, 'config/articles/ap-biden-kishida-2023-01-13.txt')}}
  - {id: slow, type: feed, url: "${server.url('/slow.xml')}"}
topics:
  - {slug: japan-defense, title: Japan defense, keywords: [japan]}
`,
    );
    const db = path.join(dir, 'db.sqlite');
    const bot = startBot({ NEWSBRIEF_CONFIG: cfg, NEWSBRIEF_DB: db, LOG_LEVEL: 'info' });
    // Wait until the bot is inside its first fetch (the slow feed has been asked).
    while (!server.requests.some((r) => r.path === '/slow.xml')) await new Promise((r) => setTimeout(r, 50));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      bot.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    bot.child.kill('SIGTERM');
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(bot.stderr()).toContain('"msg":"stopping"');
    // Nothing tried to write after the store was closed, and the store opens again intact.
    expect(bot.stderr()).not.toContain('not open');
    const { openDatabase } = await import('../../../src/store/db.js');
    const reopened = openDatabase(db);
    const { n } = reopened.prepare('SELECT count(*) AS n FROM articles').get() as { n: number };
    reopened.close();
    expect(n).toBe(1);
  });
});
