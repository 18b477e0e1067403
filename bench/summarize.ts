// Summarizer throughput: keyPoints over the dev articles in this process, on one core. Prints the
// median rate over several runs (articles/second), per-article latency percentiles and peak
// memory. Target: at least 2,000 articles/second for CNN-length (~640-word) articles.

import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { resourceUsage } from 'node:process';
import { keyPoints } from '../src/core/summarize/index.js';
import { readGold } from './eval.js';

const RUNS = 7;
const WARMUP_RUNS = 2;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** Runs the benchmark and prints its figures. */
export async function run(): Promise<void> {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const texts = readGold(resolve(root, '../shared/eval/dev.jsonl')).map((a) => a.text);
  const words = texts.reduce((n, t) => n + t.split(/\s+/).length, 0) / texts.length;

  let sink = 0; // keeps the results alive so the work cannot be optimized away
  for (let r = 0; r < WARMUP_RUNS; r++) for (const t of texts) sink += keyPoints(t).length;

  const rates: number[] = [];
  const latencies: number[] = [];
  let heapPeak = 0;
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    for (const t of texts) {
      const t0 = performance.now();
      sink += keyPoints(t).length;
      latencies.push(performance.now() - t0);
    }
    rates.push(texts.length / ((performance.now() - start) / 1000));
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  rates.sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

  console.log(
    `summarize: ${texts.length} articles (mean ${words.toFixed(0)} words), ${RUNS} runs after ${WARMUP_RUNS} warm-up`,
  );
  console.log(
    `  median ${rates[Math.floor(rates.length / 2)]?.toFixed(0)} articles/s (min ${rates[0]?.toFixed(0)}, max ${rates[rates.length - 1]?.toFixed(0)})`,
  );
  console.log(
    `  per article: p50 ${percentile(latencies, 50).toFixed(3)} ms, p99 ${percentile(latencies, 99).toFixed(3)} ms, max ${latencies[latencies.length - 1]?.toFixed(3)} ms`,
  );
  console.log(
    `  memory: peak RSS ${mb(resourceUsage().maxRSS * 1024)} MB, heap used ${mb(heapPeak)} MB (points produced: ${sink})`,
  );
}
