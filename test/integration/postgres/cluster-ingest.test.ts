// Two instances of the real bot on one PostgreSQL database poll the same 20 feeds: each feed is
// fetched once per interval, by whichever instance holds its lease, not once per instance.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startFakeSlackApi } from '../../fakes/slack-api.js';
import { startNewsServer } from '../../fakes/news-server.js';
import { postgresTestDatabase } from '../../support/postgres.js';
import { botTestBed } from '../cli/run.js';
import { until } from '../../support/cluster.js';

const db = postgresTestDatabase();
const FEEDS = 20;

describe.skipIf(!db.available)('two instances polling 20 feeds', () => {
  const bed = botTestBed('newsbrief-cluster-ingest-');

  it(
    'GIVEN both started at once WHEN their first round of polls is over THEN every feed was fetched exactly once',
    { timeout: 60_000 },
    async () => {
      const news = bed.closeAfter(await startNewsServer());
      const slack = bed.closeAfter(await startFakeSlackApi());
      const ids = Array.from({ length: FEEDS }, (_, i) => `feed-${i + 1}`);
      for (const id of ids) news.route(`/${id}.xml`, { fixture: 'rss2.xml' });
      const config = bed.path('newsbrief.yaml');
      writeFileSync(
        config,
        [
          'sources:',
          // The shortest interval the config allows; the test watches the first one.
          ...ids.flatMap((id) => [
            `  - id: ${id}`,
            '    type: feed',
            `    url: ${news.url(`/${id}.xml`)}`,
            '    every: 30s',
          ]),
          'topics:',
          '  - slug: world',
          '    title: World',
          '    keywords: [japan]',
          '',
        ].join('\n'),
      );
      // The default lease (30 s): both instances stay alive here, and a shorter one lets a
      // loaded machine's scheduling stall of a few seconds pass for a dead instance, whose
      // sources the other then takes over and fetches again (by design: see docs/deploying.md).
      const env = { NEWSBRIEF_DB: db.url(), NEWSBRIEF_CONFIG: config };
      const bots = await bed.startBots(2, env, slack.apiUrl);
      const feedRequests = () => news.requests.filter((r) => /^\/feed-\d+\.xml$/.test(r.path));
      await until(
        () => new Set(feedRequests().map((r) => r.path)).size === FEEDS,
        20_000,
        'every feed fetched',
      );
      // Both instances' start-up reads and first polls are done well within this; the next
      // interval starts 30 s after each fetch.
      await new Promise((r) => setTimeout(r, 3_000));
      const perFeed = new Map<string, number>();
      for (const r of feedRequests()) perFeed.set(r.path, (perFeed.get(r.path) ?? 0) + 1);
      expect([...perFeed.values()]).toEqual(Array(FEEDS).fill(1));
      // Both are alive and both served: the work was shared, not left to one while the other failed.
      for (const b of bots) expect(b.child.exitCode).toBeNull();
    },
  );
});
