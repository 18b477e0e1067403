// Page extraction and feed parsing under size: median and p90 ms per page over the dev pages in
// ../shared/eval/pages (when present), time and memory on a 5 MB page, and for feeds the parse of
// a 100,000-item feed and of XML nested 700,000 deep, with the longest event-loop stall meanwhile
// (the parse yields between slices, so commands keep being answered). Run with `npm run bench`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFeedAsync } from '../src/ingest/feed/parse.js';
import { extractPage } from '../src/ingest/page/extract.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pagesDir = resolve(root, '../shared/eval/pages');
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
}

/** A made-up article page of about `bytes`: a long story inside heavy site markup. */
function bigPage(bytes: number): string {
  const chrome = Array.from(
    { length: 40 },
    (_, i) => `<li class="menu-item"><a href="/section/${i}">Section ${i}</a></li>`,
  ).join('');
  const para = (i: number) =>
    `<p>Paragraph ${i} of the long report: the council met again on Tuesday, and the harbour plan, costing ${i * 3} million, was discussed at length by members.</p>`;
  const teaser = (i: number) =>
    `<div class="related-card"><a href="/s/${i}"><img src="/i/${i}.jpg" alt=""><span>Related story ${i}</span></a></div>`;
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const chunk = i % 4 === 3 ? teaser(i) : para(i);
    parts.push(chunk);
    size += chunk.length;
  }
  return `<!doctype html><html lang="en"><head><title>A very long report | Gazette</title></head><body><nav><ul>${chrome}</ul></nav><article>${parts.join('\n')}</article><footer>Gazette</footer></body></html>`;
}

/** Runs `work` while sampling the event loop; returns its duration and the longest stall. */
async function withLoopWatch<T>(work: () => Promise<T>): Promise<{ ms: number; stallMs: number; value: T }> {
  let stall = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 5);
  const t0 = performance.now();
  const value = await work();
  const ms = performance.now() - t0;
  clearInterval(timer);
  return { ms, stallMs: stall, value };
}

export async function run(): Promise<void> {
  if (existsSync(pagesDir)) {
    const ids = readdirSync(pagesDir).filter((d) => existsSync(join(pagesDir, d, 'source.html')));
    const pages = ids.map((id) => readFileSync(join(pagesDir, id, 'source.html'), 'utf8'));
    for (const html of pages.slice(0, 5)) extractPage(html, 'http://fakehost/test/page.html'); // warm up
    const ms: number[] = [];
    const cpu: number[] = [];
    for (const html of pages) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      extractPage(html, 'http://fakehost/test/page.html');
      const c = process.cpuUsage(c0);
      ms.push(performance.now() - t0);
      cpu.push((c.user + c.system) / 1000);
    }
    ms.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    // CPU time beside wall time: on a shared machine the wall clock also counts waiting for a core.
    console.log(
      `extract: ${pages.length} dev pages, median ${quantile(ms, 0.5).toFixed(1)} ms (CPU ${quantile(cpu, 0.5).toFixed(1)} ms), p90 ${quantile(ms, 0.9).toFixed(1)} ms, max ${ms[ms.length - 1]?.toFixed(0)} ms per page`,
    );
  } else console.log(`extract: no dev pages at ${pagesDir}; per-page figures skipped`);

  const big = bigPage(5 * 1024 * 1024);
  global.gc?.();
  const before = process.memoryUsage();
  let peak = before.rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t0 = performance.now();
  const r = extractPage(big, 'https://gazette.example/long');
  const took = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sampler);
  console.log(
    `extract: a ${mb(big.length)} page in ${took.toFixed(0)} ms, ${r.ok ? `${r.value.text.split('\n').length} paragraphs` : r.error.reason}; RSS ${mb(before.rss)} before, ${mb(peak)} peak`,
  );

  const items = `<rss><channel><title>Huge</title>${Array.from({ length: 100_000 }, (_, k) => `<item><title>Item ${k}</title><guid>g${k}</guid></item>`).join('')}</channel></rss>`;
  const feed = await withLoopWatch(() => parseFeedAsync(items, 'https://huge.example/feed.xml'));
  console.log(
    `feed: 100,000 items (${mb(items.length)}) parsed in ${feed.ms.toFixed(0)} ms, ${feed.value.ok ? `${feed.value.value.items.length} newest kept` : feed.value.error}; longest event-loop stall ${feed.stallMs.toFixed(0)} ms`,
  );
  const n = 700_000;
  const deep = `<rss><channel><item><description>${'<x>'.repeat(n)}${'</x>'.repeat(n)}</description></item></channel></rss>`;
  const nested = await withLoopWatch(() => parseFeedAsync(deep, 'https://deep.example/feed.xml'));
  console.log(
    `feed: XML nested ${n.toLocaleString('en')} deep (${mb(deep.length)}) answered in ${nested.ms.toFixed(0)} ms: ${nested.value.ok ? 'read' : nested.value.error}; longest stall ${nested.stallMs.toFixed(0)} ms`,
  );
}
