// `/brief why` over a real SQLite store filled by real ingestion of feeds served on 127.0.0.1:
// every outcome (never stored, its site's source failing, stored and matched, no topic, an
// exclusion word, a topic reading other sources, backlog, the same text under another link, one
// story with another outlet's copy, too old for the window, crowded out of the briefing, expired
// by retention, found by title words) asked through dispatch as a person would, and answered in
// the console's words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleInvocation } from '../../../src/adapters/console/handlers.js';
import { renderText } from '../../../src/adapters/console/render.js';
import { dispatch } from '../../../src/commands/dispatch.js';
import type { Services } from '../../../src/commands/ports.js';
import type { Topic } from '../../../src/core/types.js';
import type { WhyExplanation } from '../../../src/core/why.js';
import { articleIdForUrl } from '../../../src/ingest/ids.js';
import { createAskServices } from '../../../src/services/ask.js';
import { createBriefingService } from '../../../src/services/briefings.js';
import { createTopicCatalog } from '../../../src/services/chat-topics.js';
import { fixtureText, startNewsServer, type NewsServer } from '../../fakes/news-server.js';
import { createHarness, feed, makeConfig, type Harness } from '../ingest/harness.js';
import { fakeServices } from '../../support/services.js';

const TOPICS: Topic[] = [
  {
    slug: 'japan-defense',
    title: 'Japan defense',
    keywords: ['japan', 'okinawa', 'tomahawk', 'missile'],
    exclude: ['football'],
  },
  { slug: 'weather', title: 'Local weather', keywords: ['rain', 'storm'], exclude: [], sources: ['city'] },
];

const MISSILES = fixtureText('wire-missiles.txt').trim().split('\n');
const RAIN =
  'Heavy rain is expected across the region on Friday, forecasters said, with storms moving in from the west.\n' +
  'Residents were told to avoid low roads near the river until Sunday morning, when the weather should clear.';
const FOOTBALL =
  'Japan beat Korea two to nothing in the football final on Saturday, with a late goal from the captain.\n' +
  'The coach said the team would rest before the next tournament in the spring.';

const esc = (t: string) => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
interface Item {
  title: string;
  link: string;
  text: string;
  date: string;
}
const rss = (title: string, items: Item[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${esc(title)}</title>${items
    .map(
      (i) =>
        `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link><pubDate>${i.date}</pubDate>` +
        `<description>${esc(
          i.text
            .split('\n')
            .map((p) => `<p>${p}</p>`)
            .join(''),
        )}</description></item>`,
    )
    .join('')}</channel></rss>`;

const FRESH = 'Wed, 08 Jan 2025 05:00:00 GMT';
const BACKLOG: Item = {
  title: 'Okinawa base plan goes to the assembly',
  link: '{{base}}/wire/backlog',
  text: 'The Okinawa assembly will debate the base plan next month, the governor said, after a year of delays.\nOfficials expect a close vote.',
  date: 'Tue, 07 Jan 2025 09:00:00 GMT',
};
const wireItems: Item[] = [
  {
    title: 'Japan to deploy long-range missiles on southern islands',
    link: '{{base}}/wire/missiles',
    text: MISSILES.join('\n'),
    date: FRESH,
  },
  { title: 'Rain and storms expected on Friday', link: '{{base}}/wire/rain', text: RAIN, date: FRESH },
  { title: 'Japan wins the football final', link: '{{base}}/wire/football', text: FOOTBALL, date: FRESH },
  {
    title: 'Japan reviews its missile doctrine',
    link: '{{base}}/wire/old',
    text: 'Japan began a review of its missile doctrine on Monday, officials said, a year after the last one.\nThe review is due by spring.',
    date: 'Sun, 01 Dec 2024 09:00:00 GMT',
  },
  // Several more recent Japan items, so that some cannot make a six-point briefing.
  ...Array.from({ length: 8 }, (_, i) => ({
    title: `Okinawa update number ${i + 1}: a tomahawk drill, port ${i + 1}`,
    link: `{{base}}/wire/update-${i + 1}`,
    text: `Okinawa held tomahawk drill ${i + 1} at port ${i + 1} on Tuesday, officials said, the ${i + 1}th this season.\nJapan said drill ${i + 1} went as planned and no ships ${i + 1} were harmed.`,
    date: FRESH,
  })),
];
const mirrorItems: Item[] = [
  // The wire's text under another link: one article.
  {
    title: 'Missiles for the islands (syndicated)',
    link: '{{base}}/mirror/copy',
    text: MISSILES.join('\n'),
    date: FRESH,
  },
  // Another outlet's edit of the same report: the same story.
  {
    title: 'Missiles coming to Ishigaki and Miyako',
    link: '{{base}}/mirror/edit',
    text: [`NAHA, Japan — ${MISSILES[0]}`, ...MISSILES.slice(1, -1), 'Reporting by the island desk.'].join(
      '\n',
    ),
    date: FRESH,
  },
];

let server: NewsServer;
let h: Harness;
let services: Services;
let downLink: string;

async function why(article: string): Promise<{ explanation: WhyExplanation; text: string }> {
  const reply = await dispatch(
    { name: 'why', options: { article } },
    consoleInvocation('me'),
    services,
    h.clock.now,
  );
  if (reply.kind !== 'why') throw new Error(`expected a why reply, got ${JSON.stringify(reply)}`);
  return { explanation: reply.explanation, text: renderText(reply) };
}

beforeAll(async () => {
  server = await startNewsServer();
  h = createHarness();
  const down = server.base.replace('127.0.0.1', 'localhost');
  downLink = `${down}/down/story`;
  server.route('/wire.xml', { body: rss('Wire Daily', [BACKLOG]), contentType: 'application/rss+xml' });
  server.route('/mirror.xml', { body: rss('Island Herald', []), contentType: 'application/rss+xml' });
  server.route('/down.xml', { status: 503, body: 'down for maintenance' });
  const config = makeConfig(
    [
      feed('wire', server.url('/wire.xml')),
      feed('mirror', server.url('/mirror.xml')),
      feed('down', `${down}/down.xml`),
    ],
    TOPICS,
  );
  const catalog = createTopicCatalog(config.topics, h.store.topics);
  await catalog.load();
  const ingestor = h.ingestor(config, { topics: () => catalog.all() });
  // The first fetch learns the backlog; the second brings the news.
  await ingestor.runOnce();
  h.clock.now = new Date('2025-01-08T07:00:00Z');
  server.route('/wire.xml', {
    body: rss('Wire Daily', [BACKLOG, ...wireItems]),
    contentType: 'application/rss+xml',
  });
  server.route('/mirror.xml', {
    body: rss('Island Herald', mirrorItems),
    contentType: 'application/rss+xml',
  });
  await ingestor.runOnce();
  await ingestor.stop();
  const briefings = createBriefingService({
    topics: () => catalog.all(),
    articles: h.store.articles,
    windowDays: config.briefing.windowDays,
    maxPoints: config.briefing.maxPoints,
  });
  const ask = createAskServices({ store: h.store, config, catalog, briefings });
  services = fakeServices({ briefings, why: ask.why, chatTopics: ask.chatTopics });
});

afterAll(async () => {
  h.cleanup();
  await server.close();
});

const reasonKinds = (e: WhyExplanation) => e.reasons.map((r) => r.kind);

describe('GIVEN a store filled by ingesting three feeds', () => {
  it('WHEN asked by a link carrying tracking parameters THEN it is the same article', async () => {
    const { explanation } = await why(`${server.url('/wire/missiles')}?utm_source=mail#top`);
    expect(explanation.article?.id).toBe(articleIdForUrl(server.url('/wire/missiles')));
  });

  it.each<{
    asked: string;
    path: string;
    verdict: WhyExplanation['verdict'];
    says: (string | RegExp)[];
    /** Checks on the explanation itself, beyond its words. */
    has?: Partial<WhyExplanation>;
  }>([
    {
      asked: 'a new article a topic matched',
      path: '/wire/missiles',
      verdict: 'in-briefing',
      says: [
        'is in the current briefing of `japan-defense`',
        /Matches `japan-defense`: it mentions `japan`, `okinawa` and `missile`/,
        'Not in `weather`: that topic reads only `city`, and none of them carried it.',
      ],
      has: {
        reasons: expect.arrayContaining([
          { kind: 'seen-by', sourceId: 'wire', seenAt: '2025-01-08T07:00:00.000Z' },
        ]),
      },
    },
    {
      asked: 'the backlog of the first fetch',
      path: '/wire/backlog',
      verdict: 'backlog',
      says: ['was read as backlog when the source `wire` was first fetched'],
      has: { headline: { verdict: 'backlog', sourceId: 'wire', at: '2025-01-08T06:00:00.000Z' } },
    },
    {
      asked: 'an article no topic takes',
      path: '/wire/rain',
      verdict: 'no-topic',
      says: [
        'is stored, but it matches no topic',
        'Not in `japan-defense`: it mentions none of its keywords',
        'Not in `weather`: that topic reads only `city`',
      ],
    },
    {
      asked: 'an article with an excluded word',
      path: '/wire/football',
      verdict: 'no-topic',
      says: ['Left out of `japan-defense`: it mentions `football`, which that topic excludes.'],
    },
    {
      asked: 'an article older than the window',
      path: '/wire/old',
      verdict: 'outside-window',
      says: ['but it is 37 days old and briefings draw on the last 7 days'],
    },
  ])(
    'WHEN asked about $asked THEN the verdict is $verdict, said in words',
    async ({ path, verdict, says, has }) => {
      const { explanation, text } = await why(server.url(path));
      expect(explanation.verdict).toBe(verdict);
      if (has) expect(explanation).toMatchObject(has);
      for (const words of says) expect(text).toMatch(words);
    },
  );

  it('WHEN asked about a link whose text another link already brought THEN it names that article, then explains it', async () => {
    const { explanation, text } = await why(server.url('/mirror/copy'));
    expect(explanation.article?.id).toBe(articleIdForUrl(server.url('/wire/missiles')));
    expect(reasonKinds(explanation)[0]).toBe('duplicate');
    expect(explanation.reasons).toContainEqual(
      expect.objectContaining({ kind: 'seen-by', sourceId: 'mirror' }),
    );
    expect(text).toContain('has the same text as "Japan to deploy long-range missiles on southern islands"');
  });

  it('WHEN asked about another outlet’s copy of a report THEN it names the story it joined', async () => {
    const { explanation, text } = await why(server.url('/mirror/edit'));
    const story = explanation.reasons.find((r) => r.kind === 'story');
    expect(story).toMatchObject({ articles: 2, outlets: 2 });
    expect(text).toContain('Grouped with "Japan to deploy long-range missiles on southern islands"');
  });

  it('WHEN asked about a recent matching article the briefing could not fit THEN it says it did not make the cut', async () => {
    const briefing = await services.briefings.brief('japan-defense', h.clock.now);
    const cited = new Set(briefing?.articles.map((a) => a.id));
    const left = Array.from({ length: 8 }, (_, i) => server.url(`/wire/update-${i + 1}`)).filter(
      (link) => !cited.has(articleIdForUrl(link)),
    );
    expect(left.length).toBeGreaterThan(0);
    for (const link of left) expect((await why(link)).explanation.verdict).toBe('crowded-out');
  });

  it('WHEN asked by words of the title THEN the article whose title holds them is explained', async () => {
    const { explanation } = await why('long-range missiles southern islands');
    expect(explanation.article?.title).toBe('Japan to deploy long-range missiles on southern islands');
  });

  it('WHEN asked about a link no source brought, on a site the feeds read THEN it says which sources read it', async () => {
    const { explanation, text } = await why(server.url('/wire/never'));
    expect(explanation.verdict).toBe('not-seen');
    expect(explanation.reasons[0]).toEqual({
      kind: 'host-sources',
      host: '127.0.0.1',
      sources: ['wire', 'mirror'],
    });
    expect(text).toContain('newsbrief has never stored');
  });

  it('WHEN asked about a link on the site of a failing source THEN the source, its error and next try are the answer', async () => {
    const { explanation, text } = await why(downLink);
    const state = await h.store.sources.get('down');
    expect(state?.lastError).toBeTruthy();
    expect(explanation.verdict).toBe('source-failing');
    expect(text).toContain(
      `the source \`down\`, which reads that site, is failing (its last ${state?.consecutiveFailures} fetches failed: ${state?.lastError}); next try`,
    );
  });

  it('WHEN asked about a link on a site nobody reads, or words nothing has THEN it says so and names the failing source', async () => {
    const elsewhere = await why('https://elsewhere.example/story');
    expect(reasonKinds(elsewhere.explanation)).toEqual(['no-host-source', 'source-failing']);
    const words = await why('zebra crossing referendum');
    expect(words.explanation.verdict).toBe('not-seen');
    expect(words.text).toContain('No stored article has a title with zebra crossing referendum');
  });

  it('WHEN retention has deleted an article THEN asking by its link says when and why', async () => {
    await h.store.pruneExpired(new Date('2024-12-15T00:00:00Z'), new Date('2025-01-09T00:00:00Z'));
    const { explanation, text } = await why(server.url('/wire/old'));
    expect(explanation.verdict).toBe('expired');
    expect(text).toContain('retention deleted it on 9 Jan 2025');
  });
});
