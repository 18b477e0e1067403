// Extraction quality: runs `newsbrief extract`'s own code over the dev pages in ../shared/eval/pages
// (Mozilla Readability's test pages: so the score is agreement with Readability, see that folder's
// README) and prints the shared scorer's table: shingle F1, precision, recall, empty pages, titles.
// The pages stay outside the repository and are read from there.
//
//   npm run eval                        # every table, this one included
//   npx tsx bench/eval-pages.ts         # this table only

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractPage } from '../src/ingest/page/extract.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pagesDir = resolve(root, '../shared/eval/pages');
const scorer = resolve(root, '../shared/eval/score-pages.mjs');
/** The URL the scorer's --make-input gives every page. */
const PAGE_URL = 'http://fakehost/test/page.html';

/** Scores extraction on the dev pages; prints the table, or why it cannot. */
export async function run(): Promise<void> {
  if (!existsSync(pagesDir) || !existsSync(scorer)) {
    console.log(`pages: no dev pages or scorer at ${pagesDir} (they live outside the repository); skipped`);
    return;
  }
  const ids = readdirSync(pagesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(pagesDir, d.name, 'source.html')))
    .map((d) => d.name)
    .sort();
  const lines: string[] = [];
  const ms: number[] = [];
  for (const id of ids) {
    const html = readFileSync(join(pagesDir, id, 'source.html'), 'utf8');
    const t0 = performance.now();
    const r = extractPage(html, PAGE_URL);
    ms.push(performance.now() - t0);
    const facts = r.ok ? r.value : r.error.metadata;
    lines.push(JSON.stringify({ id, title: facts.title ?? '', text: r.ok ? r.value.text : '' }));
  }
  const dir = mkdtempSync(join(tmpdir(), 'newsbrief-eval-pages-'));
  try {
    const pred = join(dir, 'pred.jsonl');
    writeFileSync(pred, lines.join('\n') + '\n');
    console.log(`extraction on ${ids.length} dev pages (${pagesDir}):`);
    const r = spawnSync(process.execPath, [scorer, pagesDir, pred], { stdio: 'inherit' });
    if (r.status !== 0) process.exitCode = r.status ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  ms.sort((a, b) => a - b);
  console.log(`median ${ms[ms.length >> 1]?.toFixed(1)} ms per page (npm run bench measures speed properly)`);
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) await run();
