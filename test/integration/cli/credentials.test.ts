// A feed address with credentials in it (`https://user:pass@host/feed.xml`): the credentials are
// used (sent as Basic authentication), and the password never appears in the ingest output, the
// logs, the stored last error or `/brief status`, which anyone in a channel can ask for.
import { writeFileSync } from 'node:fs';

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempWorkspace, type TempWorkspace } from '../../support/workspace.js';
import { startNewsServer, type NewsServer } from '../../fakes/news-server.js';
import { runBin } from './run.js';

let server: NewsServer;
let cfg: string;
let db: string;

let workspace: TempWorkspace | undefined;

beforeAll(async () => {
  server = await startNewsServer({
    '/private.xml': { fixture: 'rss2.xml', basicAuth: 'reader:s3cret-pass' },
  });
  workspace = tempWorkspace('nb-creds-');
  const dir = workspace.dir;
  cfg = path.join(dir, 'c.yaml');
  db = path.join(dir, 'db.sqlite');
  const withCredentials = (user: string, pass: string, p: string) =>
    server.base.replace('http://', `http://${user}:${pass}@`) + p;
  writeFileSync(
    cfg,
    `sources:
  - {id: private, type: feed, url: "${withCredentials('reader', 's3cret-pass', '/private.xml')}"}
  - {id: wrong, type: feed, url: "${withCredentials('reader', 'wr0ng-pass', '/private.xml?token=tok-777')}"}
topics:
  - {slug: japan-defense, title: Japan defense, keywords: [japan, defense, okinawa, missile]}
`,
  );
});

afterAll(async () => {
  workspace?.cleanup();
  await server?.close();
});

describe('GIVEN feeds whose addresses carry a user and password', () => {
  it('THEN the right password reads the feed, the wrong one fails with a plain reason, and no secret is printed or logged', async () => {
    const ingest = await runBin(['ingest', '--once', '--config', cfg, '--db', db], {
      env: { LOG_LEVEL: 'debug' },
    });
    const out = ingest.stdout + ingest.stderr;
    expect(out).toMatch(/^private\s+feed\s+3\s+3\s/m);
    expect(out).toMatch(/✗ wrong: HTTP 401 Unauthorized/);
    expect(out).not.toMatch(/s3cret-pass|wr0ng-pass|tok-777/);

    const status = await runBin(['start', '--config', cfg, '--db', db], {
      input: '/brief status\n',
      env: { LOG_LEVEL: 'debug' },
    });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/private \(feed\): \d+ articles?, last fetched/);
    expect(status.stdout).toMatch(/wrong \(feed\): 0 articles, never fetched; last error: HTTP 401/);
    expect(status.stdout + status.stderr).not.toMatch(/s3cret-pass|wr0ng-pass|tok-777/);
  });
});
