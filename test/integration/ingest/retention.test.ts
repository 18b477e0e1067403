// The retention policy against a real store: old articles go with everything hanging off them,
// recent ones stay, each subscription keeps the run that marks where its next digest starts, and
// an expired article that a feed still lists is never stored (or announced) again.
import { describe, expect, it } from 'vitest';
import { feed, makeConfig, useIngestBed } from './harness.js';

const bed = useIngestBed({ '/rss.xml': { fixture: 'rss2.xml' } }, new Date('2025-01-08T06:00:00Z'));

const count = (sql: string) => (bed.h.db.prepare(sql).get() as { n: number }).n;

describe('retention', () => {
  it('GIVEN fetched articles older than the window THEN they and their tags, sources and bands go; newer and local ones stay', async () => {
    await bed.h.ingestor(makeConfig([feed('harbor', bed.server.url('/rss.xml'))])).runOnce();
    const stored = count('SELECT count(*) AS n FROM articles');
    expect(stored).toBe(3);
    // A local note from today that must survive.
    await bed.h.articles.upsert(
      {
        id: 'fresh',
        sourceId: 'desk',
        contentHash: 'f',
        title: 'Japan news today',
        outlet: 'Desk',
        publishedAt: '2025-03-01T00:00:00Z',
        text: 'Japan defense news.',
        points: ['Japan defense news.'],
      },
      { learned: false, now: new Date('2025-03-01T00:00:00Z') },
    );
    await bed.h.articles.setTopics('fresh', [{ topic: 'japan-defense', relevance: 1 }]);

    // An old article from a local file: kept as long as its file is.
    bed.h.db.prepare("INSERT INTO sources (id, type) VALUES ('desk', 'dir')").run();
    await bed.h.articles.upsert(
      {
        id: 'local-old',
        sourceId: 'desk',
        contentHash: 'l',
        title: 'Old local note',
        outlet: 'Desk',
        publishedAt: '2023-01-13T00:00:00Z',
        text: 'Japan note.',
        points: ['Japan note.'],
      },
      { learned: false, now: new Date('2025-03-01T00:00:00Z') },
    );

    const removed = await bed.h.store.pruneExpired(
      new Date('2025-02-01T00:00:00Z'),
      new Date('2025-03-02T00:00:00Z'),
    );
    expect(removed.articles).toBe(3);
    expect(count('SELECT count(*) AS n FROM articles')).toBe(2);
    expect(await bed.h.articles.get('local-old')).toBeDefined();
    expect(
      count("SELECT count(*) AS n FROM article_topics WHERE article_id NOT IN ('fresh', 'local-old')"),
    ).toBe(0);
    expect(
      count("SELECT count(*) AS n FROM article_sources WHERE article_id NOT IN ('fresh', 'local-old')"),
    ).toBe(0);
    expect(
      count("SELECT count(*) AS n FROM story_bands WHERE article_id NOT IN ('fresh', 'local-old')"),
    ).toBe(0);
    expect(count('SELECT count(*) AS n FROM expired_articles')).toBe(3);
    expect((await bed.h.articles.forTopic('japan-defense', 10)).map((a) => a.id)).toEqual(['fresh']);
  });

  it('GIVEN the feed still lists an expired article THEN the next fetch does not store it again', async () => {
    const ingestor = bed.h.ingestor(makeConfig([feed('harbor', bed.server.url('/rss.xml'))]));
    await ingestor.runOnce();
    await bed.h.store.pruneExpired(new Date('2025-02-01T00:00:00Z'), new Date('2025-03-02T00:00:00Z'));
    bed.h.clock.now = new Date('2025-03-02T06:00:00Z');
    const summary = await ingestor.runOnce();
    expect(summary.rows[0]).toMatchObject({ new: 0, unchanged: 3 });
    expect(count('SELECT count(*) AS n FROM articles')).toBe(0);
  });

  it('GIVEN old digest runs THEN all but each subscription’s latest posted run and any unfinished run go', async () => {
    bed.h.db
      .prepare(
        `INSERT INTO subscriptions (id, platform, workspace_id, channel_id, topic, schedule, when_label, timezone, created_by, created_at, updated_at)
       VALUES ('s1', 'slack', 'T1', 'C1', 'japan-defense', '0 8 * * *', 'daily 08:00', 'UTC', 'U1', '2025-01-01', '2025-01-01')`,
      )
      .run();
    const run = bed.h.db.prepare(
      "INSERT INTO digest_runs (subscription_id, slot, state, claimed_at) VALUES ('s1', ?, ?, ?)",
    );
    run.run('2025-01-01T08:00:00.000Z', 'posted', '2025-01-01T08:00:00Z');
    run.run('2025-01-02T08:00:00.000Z', 'nothing', '2025-01-02T08:00:00Z');
    run.run('2025-01-03T08:00:00.000Z', 'posted', '2025-01-03T08:00:00Z');
    run.run('2025-01-04T08:00:00.000Z', 'claimed', '2025-01-04T08:00:00Z');
    run.run('2025-03-01T08:00:00.000Z', 'nothing', '2025-03-01T08:00:00Z');
    const removed = await bed.h.store.pruneExpired(
      new Date('2025-02-01T00:00:00Z'),
      new Date('2025-03-02T00:00:00Z'),
    );
    expect(removed.runs).toBe(2);
    const left = (
      bed.h.db.prepare('SELECT slot FROM digest_runs ORDER BY slot').all() as { slot: string }[]
    ).map((r) => r.slot.slice(0, 10));
    expect(left).toEqual(['2025-01-03', '2025-01-04', '2025-03-01']);
  });
});
