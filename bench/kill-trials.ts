// SIGKILL trials: `newsbrief ingest` and the bot (`newsbrief start`, which ingests inside) are
// killed at random moments while they write, again and again, with feeds growing between kills.
// After every kill the database is opened and checked; at the end one clean `ingest --once`
// runs and every item the feeds list must be stored exactly once. Used by `npm run kill` (many
// kills) and by a quick test in `npm test` (a few).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { startNewsServer, type NewsServer } from '../test/fakes/news-server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repoRoot, 'bin/newsbrief.js');

export interface KillOptions {
  kills: number;
  feeds: number;
  /** Items each feed starts with; every kill adds a few to random feeds. */
  itemsPerFeed: number;
  /** Kills land at a random moment up to this long after the child's first write. */
  maxDelayMs: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface KillReport {
  kills: number;
  killedIngest: number;
  killedBot: number;
  /** Kills that cut a round short: fewer articles stored than the feeds listed at that moment. */
  midWrite: number;
  itemsListed: number;
  articlesStored: number;
  duplicates: number;
  lost: number;
  /** Problems found by the checks after a kill (integrity, broken rows, fewer articles than before). */
  problems: string[];
}

/** A small deterministic PRNG so a failing run can be repeated with its seed. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

function feedXml(feed: number, items: number): string {
  const entries: string[] = [];
  for (let i = items - 1; i >= 0; i--) {
    entries.push(
      `<item><title>Feed ${feed} story ${i} on the Japan defense budget</title><link>https://news.example/f${feed}/s${i}</link><guid>f${feed}-s${i}</guid><pubDate>${new Date(Date.UTC(2026, 10, 1) + i * 60_000).toUTCString()}</pubDate><description>Kishida said story ${i} of feed ${feed} concerns the defense budget and the alliance. Officials in Tokyo said the plan would raise spending over five years. The opposition said the plan needed a vote in parliament.</description></item>`,
    );
  }
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet ${feed}</title>${entries.join('')}</channel></rss>`;
}

function writeConfig(dir: string, server: NewsServer, feeds: number): string {
  const lines = ['sources:'];
  for (let f = 0; f < feeds; f++)
    lines.push(`  - id: f${f}`, '    type: feed', `    url: ${server.url(`/f${f}.xml`)}`, '    every: 30s');
  lines.push(
    'topics:',
    '  - slug: japan-defense',
    '    title: Japan defense',
    '    keywords: [japan, kishida, defense]',
  );
  const file = path.join(dir, 'kill.yaml');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

interface Run {
  exited: Promise<number | null>;
  kill(): void;
}

function launch(args: string[], db: string, config: string): Run {
  const child = spawn(process.execPath, [bin, ...args, '--config', config, '--db', db], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TZ: 'UTC', LOG_LEVEL: 'warn' },
    // stdin stays open: the bot's console adapter would end the bot at end of input.
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { exited, kill: () => child.kill('SIGKILL') };
}

/**
 * Resolves once the child writes to the database (the WAL file changes after the launch), so the
 * kill lands among writes, not during start-up; or when the child has ended.
 */
async function writing(db: string, run: Run, since: number): Promise<void> {
  let ended = false;
  void run.exited.then(() => (ended = true));
  const wal = `${db}-wal`;
  while (!ended && !(existsSync(wal) && statSync(wal).mtimeMs > since))
    await new Promise((resolve) => setTimeout(resolve, 10));
}

interface Snapshot {
  articles: number;
  problems: string[];
  duplicates: number;
  urls: Set<string>;
}

/** Opens the database as the next start would and checks it. */
function inspect(db: string): Snapshot {
  const problems: string[] = [];
  const conn = new Database(db, { fileMustExist: true, readonly: true });
  try {
    const integrity = conn.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const fk = conn.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) problems.push(`${fk.length} rows break a foreign key`);
    const rows = conn.prepare('SELECT id, url, points FROM articles').all() as {
      id: string;
      url: string | null;
      points: string;
    }[];
    const urls = new Set<string>();
    let duplicates = 0;
    for (const r of rows) {
      if (r.url && urls.has(r.url)) duplicates++;
      if (r.url) urls.add(r.url);
      try {
        if (!Array.isArray(JSON.parse(r.points))) problems.push(`article ${r.id}: points are not a list`);
      } catch {
        problems.push(`article ${r.id}: points are not JSON`);
      }
    }
    const orphans = conn
      .prepare('SELECT count(*) AS n FROM articles WHERE id NOT IN (SELECT article_id FROM article_sources)')
      .get() as { n: number };
    if (orphans.n > 0) problems.push(`${orphans.n} articles with no source row`);
    return { articles: rows.length, problems, duplicates, urls };
  } finally {
    conn.close();
  }
}

export async function runKillTrials(options: KillOptions): Promise<KillReport> {
  const rnd = random(options.seed ?? Date.now());
  const log = options.log ?? (() => undefined);
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-kill-'));
  const db = path.join(dir, 'kill.db');
  const server = await startNewsServer();
  const items = Array.from({ length: options.feeds }, () => options.itemsPerFeed);
  const publish = (f: number) =>
    server.route(`/f${f}.xml`, { body: feedXml(f, items[f] ?? 0), contentType: 'application/rss+xml' });
  items.forEach((_, f) => publish(f));
  const config = writeConfig(dir, server, options.feeds);
  const report: KillReport = {
    kills: 0,
    killedIngest: 0,
    killedBot: 0,
    midWrite: 0,
    itemsListed: 0,
    articlesStored: 0,
    duplicates: 0,
    lost: 0,
    problems: [],
  };
  let before = 0;
  try {
    for (let k = 0; k < options.kills; k++) {
      const bot = k % 2 === 1;
      const since = Date.now();
      const run = launch(bot ? ['start'] : ['ingest'], db, config);
      await writing(db, run, since);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(rnd() * options.maxDelayMs)));
      run.kill();
      await run.exited;
      report.kills++;
      if (bot) report.killedBot++;
      else report.killedIngest++;
      const listed = items.reduce((n, c) => n + c, 0);
      // New stories appear on some feeds before the next start.
      for (let n = 0; n < 3; n++) {
        const f = Math.floor(rnd() * options.feeds);
        items[f] = (items[f] ?? 0) + 1 + Math.floor(rnd() * 3);
        publish(f);
      }
      try {
        const snap = inspect(db);
        if (snap.articles < listed) report.midWrite++;
        for (const p of snap.problems) report.problems.push(`after kill ${k + 1}: ${p}`);
        if (snap.duplicates > 0) report.problems.push(`after kill ${k + 1}: ${snap.duplicates} duplicates`);
        if (snap.articles < before)
          report.problems.push(`after kill ${k + 1}: ${before - snap.articles} stored articles lost`);
        before = Math.max(before, snap.articles);
        log(
          `kill ${k + 1}/${options.kills} (${bot ? 'bot' : 'ingest'}): ${snap.articles} articles, ${snap.problems.length} problems`,
        );
      } catch (err) {
        // Killed before the database was first created: nothing to check yet.
        if (!/does not exist|unable to open|no such table/i.test(String(err)))
          report.problems.push(`after kill ${k + 1}: ${String(err)}`);
      }
    }
    // One clean run: everything the feeds list now must be stored, once.
    const last = launch(['ingest', '--once'], db, config);
    await last.exited;
    const final = inspect(db);
    report.problems.push(...final.problems.map((p) => `final: ${p}`));
    report.itemsListed = items.reduce((n, c) => n + c, 0);
    report.articlesStored = final.articles;
    report.duplicates = final.duplicates;
    for (let f = 0; f < options.feeds; f++)
      for (let i = 0; i < (items[f] ?? 0); i++)
        if (!final.urls.has(`https://news.example/f${f}/s${i}`)) report.lost++;
    return report;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
