// Soak: the bot (`newsbrief start`, console adapter, /healthz on PORT) polls 50 local feeds every
// 30 s for 10 minutes (`--minutes N` to shorten) while the feeds gain stories; the bot's RSS is
// sampled every 10 s and /healthz is timed at each sample. The figures say whether memory grows
// with time (a leak) or settles, and whether polling ever keeps the bot from answering.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startNewsServer } from '../test/fakes/news-server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FEEDS = 50;
const SAMPLE_MS = 10_000;

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' } } });
const minutes = Number(values.minutes);
if (!Number.isFinite(minutes) || minutes <= 0) {
  console.error('soak: --minutes must be a positive number');
  process.exit(2);
}

function feedXml(feed: number, items: number): string {
  const entries: string[] = [];
  for (let i = items - 1; i >= Math.max(0, items - 60); i--)
    entries.push(
      `<item><title>Outlet ${feed}: Japan defense story ${i}</title><link>https://news.example/f${feed}/s${i}</link><pubDate>${new Date(Date.UTC(2026, 10, 1) + i * 60_000).toUTCString()}</pubDate><description>Kishida said story ${i} concerns the defense budget. Officials said spending would rise over five years, and the opposition asked for a vote.</description></item>`,
    );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet ${feed}</title>${entries.join('')}</channel></rss>`;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

const server = await startNewsServer();
const items = Array.from({ length: FEEDS }, () => 20);
const publish = (f: number) =>
  server.route(`/f${f}.xml`, { body: feedXml(f, items[f] ?? 0), contentType: 'application/rss+xml' });
items.forEach((_, f) => publish(f));

const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-soak-'));
const config = path.join(dir, 'soak.yaml');
const lines = ['sources:'];
for (let f = 0; f < FEEDS; f++)
  lines.push(`  - id: f${f}`, '    type: feed', `    url: ${server.url(`/f${f}.xml`)}`, '    every: 30s');
lines.push(
  'topics:',
  '  - slug: japan-defense',
  '    title: Japan defense',
  '    keywords: [japan, kishida, defense]',
);
writeFileSync(config, `${lines.join('\n')}\n`);

const port = await freePort();
const bot = spawn(
  process.execPath,
  [path.join(repoRoot, 'bin/newsbrief.js'), 'start', '--config', config, '--db', path.join(dir, 'soak.db')],
  {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      TZ: 'UTC',
      LOG_LEVEL: 'warn',
      PORT: String(port),
    },
    // stdin stays open: at end of input the console would end the bot.
    stdio: ['pipe', 'ignore', 'pipe'],
  },
);
let errors = '';
bot.stderr.on('data', (d: Buffer) => (errors += d.toString()));

const health = async () =>
  fetch(`http://127.0.0.1:${port}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
// The clock starts once the bot answers: start-up is not what a soak measures.
for (let waited = 0; !(await health()) && waited < 30_000; waited += 200)
  await new Promise((resolve) => setTimeout(resolve, 200));

const samples: { at: number; rss: number; healthMs: number }[] = [];
const started = Date.now();
const end = started + minutes * 60_000;
let grown = 0;
try {
  while (Date.now() < end) {
    const t = performance.now();
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    const healthMs = performance.now() - t;
    samples.push({
      at: (Date.now() - started) / 1000,
      rss: rssMb(bot.pid as number),
      healthMs: ok ? healthMs : NaN,
    });
    const s = samples[samples.length - 1];
    if (s)
      console.log(
        `t=${s.at.toFixed(0)}s rss=${s.rss.toFixed(1)} MB /healthz ${ok ? `${healthMs.toFixed(0)} ms` : 'FAILED'}`,
      );
    // A few feeds gain stories between samples, as real ones do.
    for (let n = 0; n < 5; n++) {
      const f = Math.floor(Math.random() * FEEDS);
      items[f] = (items[f] ?? 0) + 1;
      grown++;
      publish(f);
    }
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
  }
} finally {
  bot.kill('SIGTERM');
  await new Promise((resolve) => bot.once('close', resolve));
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

const feedFetches = server.requests.filter((r) => /^\/f\d+\.xml$/.test(r.path)).length;
const rss = samples.map((s) => s.rss);
const answered = samples.map((s) => s.healthMs).filter((n) => !Number.isNaN(n));
const firstMinute = samples.filter((s) => s.at <= 60).map((s) => s.rss);
const lastMinute = samples.filter((s) => s.at >= minutes * 60 - 60).map((s) => s.rss);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
console.log(
  `\nsoak: ${FEEDS} feeds every 30 s for ${minutes} min; ${feedFetches} feed fetches, ${grown} stories added`,
);
console.log(
  `RSS MB: first ${rss[0]?.toFixed(1)}, min ${Math.min(...rss).toFixed(1)}, max ${Math.max(...rss).toFixed(1)}, last ${rss.at(-1)?.toFixed(1)}; mean first minute ${mean(firstMinute).toFixed(1)}, mean last minute ${mean(lastMinute).toFixed(1)}`,
);
console.log(
  `/healthz: ${answered.length}/${samples.length} answered, slowest ${Math.max(...answered).toFixed(0)} ms; bot errors logged: ${errors.split('\n').filter((l) => /"level":(50|60)/.test(l)).length}`,
);
