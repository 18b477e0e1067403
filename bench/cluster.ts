// Multi-article briefing speed: 25-article clusters (made by concatenating the clusters of
// ../shared/eval/mds-dev.jsonl) briefed from raw text through briefCluster, the engine of
// `newsbrief summarize` and `/brief`: summarizing every article, then selecting across them.
// Target (issue 10): a 25-article cluster briefed in under 100 ms. Run with `npm run bench`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { briefArticles } from '../src/core/briefing.js';
import { briefCluster, type ClusterArticle } from '../src/core/cluster.js';
import { summarizeArticle } from '../src/core/summarize/candidates.js';

const CLUSTER_SIZE = 25;
const RUNS = 5;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export async function run(): Promise<void> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const file = resolve(root, '../shared/eval/mds-dev.jsonl');
  if (!existsSync(file)) {
    console.log(`no ${file}; skipped`);
    return;
  }
  const articles: ClusterArticle[] = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => (JSON.parse(l) as { articles: ClusterArticle[] }).articles);
  const clusters: ClusterArticle[][] = [];
  for (let i = 0; i + CLUSTER_SIZE <= articles.length; i += CLUSTER_SIZE)
    clusters.push(articles.slice(i, i + CLUSTER_SIZE));
  const words = articles.reduce((n, a) => n + a.text.split(/\s+/).length, 0) / articles.length;
  const topic = { title: 'What happened and why it matters', keywords: ['court', 'president', 'police'] };

  let sink = 0;
  for (const c of clusters) sink += briefCluster(c, { maxPoints: 6, topic }).points.length; // warm-up
  const whole: number[] = [];
  const engine: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    for (const c of clusters) {
      const t0 = performance.now();
      sink += briefCluster(c, { maxPoints: 6, topic }).points.length;
      whole.push(performance.now() - t0);
    }
  }
  // The engine alone, on what ingest stores (as /brief sees it).
  const prepared = clusters.map((c) => c.map((a) => ({ ...summarizeArticle(a.text), text: a.text })));
  for (let r = 0; r < RUNS; r++) {
    for (const c of prepared) {
      const t0 = performance.now();
      sink += briefArticles(c, { maxPoints: 6, query: topic }).points.length;
      engine.push(performance.now() - t0);
    }
  }
  whole.sort((a, b) => a - b);
  engine.sort((a, b) => a - b);
  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    `briefing a ${CLUSTER_SIZE}-article cluster: ${clusters.length} clusters (mean ${words.toFixed(0)} words per article) x ${RUNS} runs`,
  );
  console.log(
    `  from raw text: p50 ${f(percentile(whole, 50))}, p99 ${f(percentile(whole, 99))}, max ${f(whole[whole.length - 1] as number)}  (target: under 100 ms)`,
  );
  console.log(
    `  selection alone (candidates stored at ingest): p50 ${f(percentile(engine, 50))}, p99 ${f(percentile(engine, 99))}`,
  );
  if (sink < 0) console.log(sink);
}
