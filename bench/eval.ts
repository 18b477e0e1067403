// Quality evaluation: runs the product's keyPoints over the shared dev set and prints the shared
// scorer's table (ROUGE beside the Lead-k baselines). The data stays outside the repository, in
// ../shared/eval/, and is read from there.
//
//   npm run eval                      # ../shared/eval/dev.jsonl
//   npm run eval -- --input FILE      # another gold file of the same shape
//   npm run eval -- --halves          # also score each half separately (a stability check)

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { keyPoints } from '../src/core/summarize/index.js';
import { evaluateClusters } from './eval-mds.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scorer = resolve(root, '../shared/eval/score.mjs');

/** One evaluation article, as in dev.jsonl. */
export interface GoldArticle {
  id: string;
  text: string;
  title?: string;
  highlights: string[];
}

/** Reads a JSONL gold file, exiting with a clear message if it is not there. */
export function readGold(file: string): GoldArticle[] {
  if (!existsSync(file)) {
    console.error(
      `eval: no evaluation data at ${file}. It lives outside the repository, in ../shared/eval/ (or pass --input FILE).`,
    );
    process.exit(2);
  }
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as GoldArticle);
}

/** The default gold file, or the one given with --input. */
export function inputFile(argv: string[]): string {
  const i = argv.indexOf('--input');
  if (i >= 0 && argv[i + 1]) return resolve(argv[i + 1] as string);
  return resolve(root, '../shared/eval/dev.jsonl');
}

function scoreFile(goldPath: string, predictions: string): void {
  // The scorer prints its own table; run it as the README shows so its output is the reference.
  const r = spawnSync(process.execPath, [scorer, goldPath, predictions], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const goldPath = inputFile(argv);
  const gold = readGold(goldPath);
  if (!existsSync(scorer)) {
    console.error(`eval: scorer not found at ${scorer}.`);
    process.exit(2);
  }
  // The same call the `summarize` CLI makes: product defaults, title when the data has one.
  const predictions = gold.map((a) => ({
    id: a.id,
    points: keyPoints(a.text, a.title ? { title: a.title } : {}),
  }));

  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-eval-'));
  try {
    const predPath = join(dir, 'points.jsonl');
    writeFileSync(predPath, predictions.map((p) => JSON.stringify(p)).join('\n') + '\n');
    scoreFile(goldPath, predPath);
    if (argv.includes('--halves')) {
      // Two halves by position: a change that only helps one half is likely noise.
      const mid = Math.ceil(gold.length / 2);
      for (const [name, part] of [
        ['first half', gold.slice(0, mid)],
        ['second half', gold.slice(mid)],
      ] as const) {
        const partPath = join(dir, `${name.replace(' ', '-')}.jsonl`);
        writeFileSync(partPath, part.map((a) => JSON.stringify(a)).join('\n') + '\n');
        console.log(`\n${name}:`);
        scoreFile(partPath, predPath);
      }
    }
    evaluateClusters(argv, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Article extraction on ../shared/eval/pages: its own table (bench/eval-pages.ts).
  console.log('');
  await (await import('./eval-pages.js')).run();
}

// Run only when executed, so the bench can import readGold without starting an evaluation.
if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) await main();
