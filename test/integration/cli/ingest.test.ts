// The "done when" of the ingestion issue, through the real bin: `newsbrief ingest --once` with a
// config of feeds served locally fills the store, shows progress and a table, keeps going past a
// broken feed, and `newsbrief brief --format json` then briefs across what it read.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNewsServer, type NewsServer } from '../../fakes/news-server.js';
import { tempWorkspace, type TempWorkspace } from '../../support/workspace.js';
import { runBin } from './run.js';

let server: NewsServer;
let workspace: TempWorkspace | undefined;
let dir: string;
let cfg: string;
let db: string;

beforeAll(async () => {
  server = await startNewsServer({
    '/rss.xml': { fixture: 'rss2.xml' },
    '/atom.xml': { fixture: 'atom.atom' },
    '/broken.xml': { status: 500, body: 'oops' },
  });
  workspace = tempWorkspace('nb-ingest-cli-');
  dir = workspace.dir;
  cfg = path.join(dir, 'newsbrief.yaml');
  db = path.join(dir, 'newsbrief.db');
  writeFileSync(
    cfg,
    `sources:
  - {id: harbor, type: feed, url: "${server.url('/rss.xml')}"}
  - {id: northern, type: feed, url: "${server.url('/atom.xml')}"}
  - {id: broken, type: feed, url: "${server.url('/broken.xml')}"}
topics:
  - {slug: japan-defense, title: Japan defense, keywords: [japan, defense, okinawa, missile]}
`,
  );
});

afterAll(async () => {
  await server?.close();
  workspace?.cleanup();
});

describe('newsbrief ingest --once', () => {
  it('GIVEN two good feeds and a broken one THEN the good ones fill the store, the broken one is named, exit 1', async () => {
    const r = await runBin(['ingest', '--once', '--config', cfg, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/✓ harbor/);
    expect(r.stderr).toMatch(/✓ northern/);
    expect(r.stderr).toMatch(/✗ broken: .*500/);
    // The table is the result, on stdout; the progress lines above stay on stderr.
    const table = r.stdout.split('\n').filter((l) => /^(harbor|northern|broken)\s/.test(l));
    expect(table).toHaveLength(3);
    expect(table.find((l) => l.startsWith('harbor'))).toMatch(/^harbor\s+feed\s+3\s+3\s/);
  });

  it('GIVEN the store it filled THEN brief --format json cites articles from the feeds with their links', async () => {
    const r = await runBin(['brief', 'japan-defense', '--format', 'json', '--config', cfg, '--db', db]);
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout);
    expect(b.points.length).toBeGreaterThanOrEqual(2);
    expect(b.articles.some((a: { url?: string }) => a.url?.startsWith(server.base))).toBe(true);
    expect(b.articles.some((a: { outlet: string }) => a.outlet === 'Harbor Times World')).toBe(true);
    // Tracking parameters never reach a citation.
    expect(JSON.stringify(b.articles)).not.toContain('utm_');
  });

  it('GIVEN a second run THEN unchanged feeds cost nothing new and nothing is duplicated', async () => {
    const r = await runBin(['ingest', '--once', '--config', cfg, '--db', db]);
    const harbor = r.stdout.split('\n').find((l) => l.startsWith('harbor'));
    expect(harbor).toMatch(/^harbor\s+feed\s+\d+\s+0\s+0\s/);
  });
});
