// Multi-article quality: briefs every cluster of ../shared/eval/mds-dev.jsonl through the engine
// `newsbrief summarize` and `/brief` run (core/cluster.ts) and prints the shared scorer's table
// (ROUGE beside the same-length baselines). `npm run eval` runs it after the single-article table.
//
//   npm run eval -- --mds FILE        # another cluster file of the same shape
//   npm run eval -- --halves          # also score each half separately (a stability check)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { briefCluster, type ClusterArticle } from '../src/core/cluster.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scorer = resolve(root, '../shared/eval/score-mds.mjs');

/** One evaluation cluster, as in mds-dev.jsonl (a topic when the data has one). */
interface GoldCluster {
  id: string;
  topic?: { title: string; keywords?: string[] };
  articles: ClusterArticle[];
  summaries: string[];
}

/** The same default as `newsbrief summarize` and `briefing.maxPoints`. */
const MAX_POINTS = 6;

/** Scores the clusters into `dir`; prints the scorer's table (and the halves' when asked). */
export function evaluateClusters(argv: string[], dir: string): void {
  const i = argv.indexOf('--mds');
  const goldPath =
    i >= 0 && argv[i + 1] ? resolve(argv[i + 1] as string) : resolve(root, '../shared/eval/mds-dev.jsonl');
  if (!existsSync(goldPath) || !existsSync(scorer)) {
    console.error(`eval: no multi-article data at ${goldPath} (or no scorer at ${scorer}); skipped.`);
    return;
  }
  const gold = readFileSync(goldPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as GoldCluster);
  const predictions = gold.map((c) => {
    const b = briefCluster(c.articles, { maxPoints: MAX_POINTS, topic: c.topic });
    return { id: c.id, points: b.points, cites: b.cites };
  });
  const predPath = join(dir, 'briefings.jsonl');
  writeFileSync(predPath, predictions.map((p) => JSON.stringify(p)).join('\n') + '\n');
  const run = (path: string) => {
    const r = spawnSync(process.execPath, [scorer, path, predPath], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  };
  console.log(`\nMulti-article briefings (${gold.length} clusters of ${goldPath}):`);
  run(goldPath);
  if (argv.includes('--halves')) {
    const mid = Math.ceil(gold.length / 2);
    for (const [name, part] of [
      ['first half', gold.slice(0, mid)],
      ['second half', gold.slice(mid)],
    ] as const) {
      const partPath = join(dir, `mds-${name.replace(' ', '-')}.jsonl`);
      writeFileSync(partPath, part.map((c) => JSON.stringify(c)).join('\n') + '\n');
      console.log(`\n${name}:`);
      run(partPath);
    }
  }
}
