// `npm run kill`: many SIGKILL trials (bench/kill-trials.ts) and their figures.
import { parseArgs } from 'node:util';
import { runKillTrials } from './kill-trials.js';

const { values } = parseArgs({
  options: { kills: { type: 'string', default: '40' }, seed: { type: 'string' } },
});
const kills = Number(values.kills);
const seed = values.seed ? Number(values.seed) : Date.now() % 2 ** 31;
console.log(`kill trials: ${kills} SIGKILLs (ingest and the bot alternately), seed ${seed}`);
const report = await runKillTrials({
  kills,
  feeds: 10,
  itemsPerFeed: 40,
  maxDelayMs: 3_000,
  seed,
  log: (line) => console.log(line),
});
console.log(
  `\n${report.kills} kills (${report.killedIngest} ingest, ${report.killedBot} bot; ${report.midWrite} cut a round short); ` +
    `${report.itemsListed} items listed, ${report.articlesStored} stored, ${report.duplicates} duplicated, ${report.lost} lost; ` +
    `${report.problems.length} problems`,
);
for (const p of report.problems) console.log(`  - ${p}`);
process.exitCode = report.problems.length || report.duplicates || report.lost ? 1 : 0;
