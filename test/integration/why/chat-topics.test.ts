// Topics made from chat, over a real SQLite file filled by real ingestion: `/brief topic add`
// tags the articles already stored at once, survives a restart (and new articles are tagged with
// it), `topic keywords` re-tags, `topic remove` takes its tags away, and the config's topics
// cannot be shadowed, changed or removed from chat.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleInvocation } from '../../../src/adapters/console/handlers.js';
import { dispatch } from '../../../src/commands/dispatch.js';
import type { Reply, Services } from '../../../src/commands/ports.js';
import type { Config } from '../../../src/config/load.js';
import type { Topic } from '../../../src/core/types.js';
import { createAskServices } from '../../../src/services/ask.js';
import { createBriefingService } from '../../../src/services/briefings.js';
import { createTopicCatalog } from '../../../src/services/chat-topics.js';
import { startNewsServer, type NewsServer } from '../../fakes/news-server.js';
import { createHarness, feed, makeConfig, type Harness } from '../ingest/harness.js';
import { fakeServices } from '../../support/services.js';

const CONFIG_TOPIC: Topic = {
  slug: 'japan-defense',
  title: 'Japan defense',
  keywords: ['japan'],
  exclude: [],
};

const item = (n: number, title: string, text: string) =>
  `<item><title>${title}</title><link>{{base}}/a/${n}</link><pubDate>Wed, 08 Jan 2025 05:00:00 GMT</pubDate><description>${text}</description></item>`;
const rss = (items: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${items.join('')}</channel></rss>`;
const CHIPS = [
  item(1, 'Chip export rules tighten', 'The government tightened semiconductor export rules on Tuesday.'),
  item(
    2,
    'New limits on semiconductor sales',
    'Sales of advanced semiconductors to three countries now need a licence.',
  ),
  item(3, 'Potato chips sell well', 'A snack maker said potato chips sold well this winter.'),
  item(4, 'Japan budget passes', 'The Japan budget passed the lower house on Monday.'),
];

let server: NewsServer;
let h: Harness;
let config: Config;

/** The bot as main.ts builds it over the harness's store: catalog, briefings, ingest, services. */
async function boot() {
  const catalog = createTopicCatalog(config.topics, h.store.topics);
  await catalog.load();
  const briefings = createBriefingService({
    topics: () => catalog.all(),
    articles: h.store.articles,
    windowDays: 7,
    maxPoints: 6,
  });
  const ask = createAskServices({ store: h.store, config, catalog, briefings });
  const services: Services = fakeServices({ briefings, chatTopics: ask.chatTopics, why: ask.why });
  const ingestor = h.ingestor(config, { topics: () => catalog.all() });
  const say = (text: string): Promise<Reply> =>
    dispatch({ text }, consoleInvocation('me'), services, h.clock.now);
  return { services, ingestor, say };
}

const tagged = async (slug: string) => (await h.store.articles.forTopic(slug, 50)).map((a) => a.title).sort();
const text = (r: Reply) => (r.kind === 'notice' ? r.text : JSON.stringify(r.kind));

beforeEach(async () => {
  server = await startNewsServer();
  server.route('/wire.xml', { body: rss(CHIPS), contentType: 'application/rss+xml' });
  h = createHarness();
  config = makeConfig([feed('wire', server.url('/wire.xml'))], [CONFIG_TOPIC]);
});

afterEach(async () => {
  h.cleanup();
  await server.close();
});

describe('GIVEN articles already stored', () => {
  it('WHEN a topic is added from chat THEN the stored articles are tagged at once, it briefs, and it survives a restart', async () => {
    const bot = await boot();
    await bot.ingestor.runOnce();
    await bot.ingestor.stop();
    const added = await bot.say('topic add chip-exports semiconductor chip -potato');
    expect(added).toMatchObject({ kind: 'notice', code: 'CHAT_TOPIC_ADDED' });
    expect(text(added)).toContain('2 stored articles match it now');
    expect(await tagged('chip-exports')).toEqual([
      'Chip export rules tighten',
      'New limits on semiconductor sales',
    ]);
    expect((await bot.say('chip-exports')).kind).toBe('briefing');

    // A restart: the database file closed and opened again, the bot built anew.
    h.reopen();
    const again = await boot();
    const topics = await again.services.briefings.listTopics();
    expect(topics.map((t) => [t.slug, t.articleCount])).toEqual([
      ['japan-defense', 1],
      ['chip-exports', 2],
    ]);
    // New articles are tagged with the chat topic as they arrive.
    server.route('/wire.xml', {
      body: rss([
        ...CHIPS,
        item(5, 'Chip makers cheer', 'Chip makers welcomed the new semiconductor subsidies.'),
      ]),
      contentType: 'application/rss+xml',
    });
    await again.ingestor.runOnce();
    await again.ingestor.stop();
    expect(await tagged('chip-exports')).toContain('Chip makers cheer');
  });

  it('WHEN its keywords change THEN articles are tagged again at once; WHEN it is removed THEN its tags go', async () => {
    const bot = await boot();
    await bot.ingestor.runOnce();
    await bot.say('topic add chip-exports semiconductor');
    const changed = await bot.say('topic keywords chip-exports chips "export rules"');
    expect(text(changed)).toContain('now follows `chips`, `export rules`');
    expect(await tagged('chip-exports')).toEqual(['Chip export rules tighten', 'Potato chips sell well']);
    const removed = await bot.say('topic remove chip-exports');
    expect(removed).toMatchObject({ kind: 'notice', code: 'CHAT_TOPIC_REMOVED' });
    expect(await tagged('chip-exports')).toEqual([]);
    expect((await bot.say('chip-exports')).kind).toBe('notice');
    await bot.ingestor.stop();
  });

  it('WHEN chat names a config topic THEN adding, changing and removing it are refused in words', async () => {
    const bot = await boot();
    for (const [typed, change] of [
      ['topic add japan-defense japan', 'added'],
      ['topic keywords japan-defense tokyo', 'changed'],
      ['topic remove japan-defense', 'removed'],
    ]) {
      const reply = await bot.say(typed as string);
      expect(reply, typed).toMatchObject({ kind: 'notice', code: 'CHAT_TOPIC_FROM_CONFIG', tone: 'error' });
      expect(text(reply)).toBe(
        `The topic "japan-defense" is declared in the config file, so it cannot be ${change} from chat; an admin changes it there.`,
      );
    }
    expect(await h.store.topics.list()).toEqual([]);
  });

  it('WHEN a chat topic exists, or a name is a command or badly spelt THEN each is refused and nothing is stored twice', async () => {
    const bot = await boot();
    await bot.say('topic add chips chip');
    expect(await bot.say('topic add chips semiconductor')).toMatchObject({ code: 'CHAT_TOPIC_EXISTS' });
    expect(await bot.say('topic add why chip')).toMatchObject({ code: 'CHAT_TOPIC_RESERVED' });
    expect(await bot.say('topic add Chip_Rules chip')).toMatchObject({ code: 'CHAT_TOPIC_BAD_SLUG' });
    expect(await bot.say('topic remove chipz')).toMatchObject({ code: 'CHAT_TOPIC_UNKNOWN' });
    expect((await h.store.topics.list()).map((t) => [t.slug, t.keywords])).toEqual([['chips', ['chip']]]);
  });
});
