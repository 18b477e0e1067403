// Load on the Slack HTTP endpoint: the real bot (`newsbrief start`, a child process with the
// default config and its seed article) answers signed `/brief japan-defense` requests, sent over
// 1, 10 and 50 keep-alive connections by a bounded loop (undici Pool, one request in flight per
// connection). Figures per level: requests per second, p50/p99 latency, errors (anything but
// 200 with the briefing in the ack), and the bot's RSS before and after. The bot talks to the
// local fake Slack Web API, so nothing leaves the machine.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { startFakeSlackApi } from '../test/fakes/slack-api.js';
import { SIGNING_SECRET, sign, slashCommand } from '../test/fakes/slack-requests.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LEVELS = [1, 10, 50];
/** Requests per level: enough for a stable p99, bounded so the bench ends in seconds. */
const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 3_000);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) / 1024;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function waitForHealth(base: string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error('the bot did not answer /healthz in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface LevelResult {
  connections: number;
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
  rssBefore: number;
  rssAfter: number;
}

async function level(
  base: string,
  pid: number,
  api: string,
  connections: number,
  requests = REQUESTS,
): Promise<LevelResult> {
  const pool = new Pool(base, { connections, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const rssBefore = rssMb(pid);
  const started = performance.now();
  const worker = async () => {
    while (next < requests) {
      next++;
      // Signed now: Slack's signature carries the time, and stale ones are refused.
      const body = slashCommand('japan-defense', `${api}/respond/load`);
      const t = performance.now();
      try {
        const res = await pool.request({ path: '/slack/events', method: 'POST', headers: sign(body), body });
        const text = await res.body.text();
        if (res.statusCode !== 200 || !text.includes('Japan defense')) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  latencies.sort((a, b) => a - b);
  return {
    connections,
    requests: latencies.length,
    errors,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rssBefore,
    rssAfter: rssMb(pid),
  };
}

export async function run(): Promise<void> {
  const api = await startFakeSlackApi();
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-load-'));
  const port = await freePort();
  const bot = spawn(process.execPath, [path.join(repoRoot, 'bin/newsbrief.js'), 'start'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      TZ: 'UTC',
      LOG_LEVEL: 'warn',
      NEWSBRIEF_DB: path.join(dir, 'load.db'),
      SLACK_BOT_TOKEN: 'xoxb-load-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: api.apiUrl,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  bot.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(base, 30_000);
    // Warm up (JIT, SQLite page cache) before anything is measured.
    await level(base, bot.pid as number, api.url, 4, 500);
    console.log(`signed /brief japan-defense on POST /slack/events, ${REQUESTS} requests per level`);
    console.log('connections   req/s    p50 ms   p99 ms   errors   bot RSS before -> after');
    for (const connections of LEVELS) {
      const r = await level(base, bot.pid as number, api.url, connections);
      console.log(
        `${String(r.connections).padStart(11)}  ${r.perSecond.toFixed(0).padStart(6)}  ${r.p50.toFixed(1).padStart(8)}  ${r.p99.toFixed(1).padStart(7)}  ${String(r.errors).padStart(7)}   ${r.rssBefore.toFixed(0)} -> ${r.rssAfter.toFixed(0)} MB`,
      );
    }
  } catch (err) {
    console.log(`load bench failed: ${(err as Error).message}\n${stderr.slice(-2000)}`);
    process.exitCode = 1;
  } finally {
    bot.kill('SIGTERM');
    await new Promise((resolve) => bot.once('close', resolve));
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
