import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';

import path from 'node:path';
import { runBin } from '../cli/run.js';
import { tempWorkspaceForTest } from '../../support/workspace.js';

const tempDb = () => path.join(tempWorkspaceForTest('nb-console-').dir, 'newsbrief.db');

describe('console adapter (npm start with no credentials)', () => {
  it('GIVEN "/brief japan-defense" piped in on a fresh machine THEN the seed briefing is printed with its source and the process exits 0', async () => {
    const r = await runBin(['start'], { input: '/brief japan-defense\n', env: { NEWSBRIEF_DB: tempDb() } });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Japan defense and the US–Japan alliance');
    const points = r.stdout.split('\n').filter((l) => l.startsWith('  • '));
    expect(points.length).toBeGreaterThanOrEqual(3);
    expect(points.length).toBeLessThanOrEqual(6);
    for (const p of points) expect(p).toMatch(/\[1\]$/);
    expect(r.stdout).toMatch(/\[1\] Biden and Kishida .* \(AP, 13 Jan 2023\)/);
    // None of the seed's boilerplate becomes a point.
    expect(r.stdout).not.toMatch(
      /Citrus County|contributed to this report|Copyright|preparation area|WASHINGTON \(AP\)/,
    );
  });

  it('GIVEN no LOG_LEVEL THEN the console keeps info logs out of the terminal it shares with the replies', async () => {
    const r = await runBin(['start'], {
      input: '/brief topics\n',
      env: { NEWSBRIEF_DB: tempDb(), LOG_LEVEL: '' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Topics:');
    expect(r.stderr).toBe('');
  });

  it('GIVEN several commands, a typo and a blank line THEN each is answered in order', async () => {
    const r = await runBin(['start'], {
      input: '/brief topics\n\n/brief japan-defence\nbrief help\n',
      env: { NEWSBRIEF_DB: tempDb() },
    });
    expect(r.code).toBe(0);
    const topicsAt = r.stdout.indexOf('Topics:');
    const typoAt = r.stdout.indexOf('There is no topic "japan-defence". Did you mean `japan-defense`?');
    const helpAt = r.stdout.indexOf('/brief subscribe');
    expect(topicsAt).toBeGreaterThanOrEqual(0);
    expect(typoAt).toBeGreaterThan(topicsAt);
    expect(helpAt).toBeGreaterThan(typoAt);
    expect(r.stdout).toMatch(/japan-defense: .*\(1 article/);
  });

  it('GIVEN a malformed config THEN every problem is listed, the exit code is non-zero and no database is created', async () => {
    const dir = tempWorkspaceForTest('nb-badcfg-').dir;
    const cfg = path.join(dir, 'bad.yaml');
    writeFileSync(
      cfg,
      'sources:\n  - id: a\n    type: feed\n    url: nope\ntopics:\n  - slug: Bad Slug\n    title: x\n    keywords: []\n',
    );
    const db = path.join(dir, 'never.db');
    const r = await runBin(['start', '--config', cfg, '--db', db], { input: '/brief x\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has 3 problems');
    expect(r.stderr).toContain('sources[0].url');
    expect(r.stderr).toContain('topics[0].slug');
    expect(r.stderr).toContain('topics[0].keywords');
    expect(existsSync(db)).toBe(false);
  });

  it('GIVEN a malformed environment THEN one message names every bad variable and no secret value', async () => {
    const r = await runBin(['start'], {
      env: { PORT: 'abc', SLACK_BOT_TOKEN: 'not-a-bot-token-secret', NEWSBRIEF_DB: tempDb() },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('SLACK_BOT_TOKEN');
    expect(r.stderr).not.toContain('not-a-bot-token-secret');
  });

  it('GIVEN brief --format json THEN the briefing is machine-readable with cited points', async () => {
    const r = await runBin(['brief', 'japan-defense', '--format', 'json'], {
      env: { NEWSBRIEF_DB: tempDb() },
    });
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout);
    expect(b.topic).toBe('japan-defense');
    expect(b.articles).toHaveLength(1);
    expect(b.articles[0]).toMatchObject({ outlet: 'AP' });
    for (const p of b.points) expect(p.articleIds).toEqual([b.articles[0].id]);
  });

  it('GIVEN brief of an unknown topic THEN the suggestion goes to stderr and the exit code is 1', async () => {
    const r = await runBin(['brief', 'japan-defence'], { env: { NEWSBRIEF_DB: tempDb() } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('japan-defense');
  });
});

describe('console digests', () => {
  it('GIVEN a console digest in the config THEN it prints as it fires, once per slot, while the console runs', async () => {
    const { spawn } = await import('node:child_process');
    const { repoRoot } = await import('../cli/run.js');
    const dir = tempWorkspaceForTest('nb-digest-').dir;
    const cfg = path.join(dir, 'c.yaml');
    writeFileSync(
      cfg,
      `sources:
  - {id: seed, type: file, path: ${path.join(repoRoot, 'config/articles/ap-biden-kishida-2023-01-13.txt')}}
topics:
  - {slug: japan-defense, title: Japan defense, keywords: [japan]}
digests:
  - {topic: japan-defense, platform: console, channel: console, schedule: "*/2 * * * * *", timezone: UTC}
`,
    );
    const child = spawn(
      process.execPath,
      [
        path.join(repoRoot, 'bin/newsbrief.js'),
        'start',
        '--config',
        cfg,
        '--db',
        path.join(dir, 'db.sqlite'),
      ],
      {
        env: { PATH: process.env.PATH ?? '', TZ: 'UTC', LOG_LEVEL: 'warn' },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    // The first digest carries the topic's current briefing; with nothing new afterwards, later
    // slots post nothing (no "all quiet" note was asked for).
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (out.includes('First digest: Japan defense')) {
          clearInterval(check);
          resolve();
        }
      }, 50);
    });
    await new Promise((r) => setTimeout(r, 4500));
    child.stdin.end('/brief subscriptions\n');
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(out.match(/First digest: Japan defense/g)).toHaveLength(1);
    expect(out.match(/What's new/g)).toBeNull();
    expect(out).toContain('japan-defense: ');
    expect(out).toContain('(from config)');
  });
});
