// How long-running commands end: `npm start` stops when npm is told to stop (the shell between
// npm and node would otherwise leave the bot running as an orphan holding the database), and
// `newsbrief ingest` without --once keeps polling until it is told to stop.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './run.js';
import { tempWorkspaceForTest } from '../../support/workspace.js';

const seed = path.join(repoRoot, 'config/articles/ap-biden-kishida-2023-01-13.txt');

function tempConfig(): { cfg: string; db: string; dir: string } {
  const dir = tempWorkspaceForTest('nb-life-').dir;
  const cfg = path.join(dir, 'c.yaml');
  writeFileSync(
    cfg,
    `sources:\n  - {id: seed, type: file, path: ${seed}}\ntopics:\n  - {slug: japan-defense, title: Japan defense, keywords: [japan]}\n`,
  );
  return { cfg, db: path.join(dir, 'db.sqlite'), dir };
}

/** Processes whose environment names this database: the test's own bots, found to clean up. */
function processesUsing(db: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'utf8').split('\0').includes(`NEWSBRIEF_DB=${db}`))
        pids.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/**
 * A console input that stays open whatever happens to the bot's parent: a named pipe this test
 * holds. (A child's stdin pipe is closed by Node when that child exits, which would end the
 * console session by end of input and hide whether the bot noticed its parent going.)
 */
function heldOpenInput(dir: string): number {
  const fifo = path.join(dir, 'stdin');
  execFileSync('mkfifo', [fifo]);
  return openSync(fifo, 'r+');
}

const waitFor = async (check: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  return check();
};

/** `npm start` with a console session waiting on stdin; resolves once the bot is up. */
async function npmStart(cfg: string, db: string, input: number) {
  const npm = spawn('npm', ['start', '--silent'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NEWSBRIEF_CONFIG: cfg,
      NEWSBRIEF_DB: db,
      LOG_LEVEL: 'info',
    },
    // stderr is shared by npm and the bot, so it closes only once both have exited.
    stdio: [input, 'ignore', 'pipe'],
  });
  let stderr = '';
  npm.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  let allClosed = false;
  npm.stderr?.once('close', () => (allClosed = true));
  expect(await waitFor(() => stderr.includes('digests started'), 25_000)).toBe(true);
  return { npm, stderr: () => stderr, allClosed: () => allClosed };
}

describe('GIVEN the bot started with npm start', () => {
  it('WHEN npm gets SIGTERM THEN the bot receives it, stops and lets go of the database', async () => {
    const { cfg, db, dir } = tempConfig();
    const input = heldOpenInput(dir);
    try {
      const run = await npmStart(cfg, db, input);
      run.npm.kill('SIGTERM');
      expect(await waitFor(run.allClosed, 20_000)).toBe(true);
      expect(processesUsing(db)).toEqual([]);
      expect(run.stderr()).toContain('"signal":"SIGTERM"');
    } finally {
      for (const pid of processesUsing(db)) process.kill(pid, 'SIGKILL');
      closeSync(input);
    }
  });
});

describe('GIVEN the bot launched by a package-manager script', () => {
  it('WHEN that parent dies without passing anything on THEN the bot notices and stops', async () => {
    const { cfg, db, dir } = tempConfig();
    const input = heldOpenInput(dir);
    // A stand-in for npm killed with SIGKILL: the parent hands its stdin (a pipe this test
    // holds open) to the bot, so only the parent's death can tell the bot to stop.
    const launcher = `require('node:child_process').spawn(process.execPath, [${JSON.stringify(
      path.join(repoRoot, 'bin/newsbrief.js'),
    )}, 'start'], { stdio: 'inherit' }); setInterval(() => {}, 1000);`;
    const parent = spawn(process.execPath, ['-e', launcher], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        NEWSBRIEF_CONFIG: cfg,
        NEWSBRIEF_DB: db,
        LOG_LEVEL: 'info',
        npm_lifecycle_event: 'start',
      },
      stdio: [input, 'ignore', 'pipe'],
    });
    let stderr = '';
    parent.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    let allClosed = false;
    parent.stderr?.once('close', () => (allClosed = true));
    try {
      expect(await waitFor(() => stderr.includes('digests started'), 25_000)).toBe(true);
      parent.kill('SIGKILL');
      expect(await waitFor(() => allClosed, 20_000)).toBe(true);
      expect(processesUsing(db)).toEqual([]);
      expect(stderr).toContain('parent exited');
    } finally {
      for (const pid of processesUsing(db)) process.kill(pid, 'SIGKILL');
      closeSync(input);
    }
  });
});

describe('GIVEN newsbrief ingest without --once', () => {
  it('THEN after the first round it keeps polling until SIGTERM, then exits 0', async () => {
    const { cfg, db } = tempConfig();
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin/newsbrief.js'), 'ingest'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', NEWSBRIEF_CONFIG: cfg, NEWSBRIEF_DB: db, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      expect(await waitFor(() => output.includes('Polling every source'), 25_000)).toBe(true);
      // The bug this guards against ended the process right here, with exit code 13.
      await new Promise((r) => setTimeout(r, 2_000));
      expect(child.exitCode).toBeNull();
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
      expect(output).toMatch(/seed\s+file\s+1\s+1\s/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
