// `npm run bench`: every benchmark section, run one after another in this process. Each module
// exports `run(): Promise<void>` and prints its own figures; add a section by adding it here.

import * as brief from './brief.js';
import * as summarize from './summarize.js';

interface BenchModule {
  run(): Promise<void>;
}

const sections: [name: string, module: BenchModule][] = [
  ['summarize', summarize],
  ['/brief latency', brief],
];
sections.push(['multi-article briefing', await import('./cluster.js')]);
sections.push(['digest fan-out', await import('./fanout.js')]);
sections.push(['ingestion', await import('./ingest.js')]);
sections.push(['pages and feeds', await import('./pages.js')]);
sections.push(['/brief search latency', await import('./search.js')]);
sections.push(['signed /brief load on the Slack HTTP endpoint', await import('./load.js')]);
sections.push(['PostgreSQL: /brief latency and fan-out across two instances', await import('./postgres.js')]);

for (const [name, module] of sections) {
  console.log(`\n== ${name} ==`);
  await module.run();
}
