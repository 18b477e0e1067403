// The retention policy: a long-running bot must not grow its database forever. Articles fetched
// from feeds and pages older than the retention window (by published, else first-fetched, time)
// are deleted with everything
// hanging off them; their ids are kept as tombstones so a feed that still lists one cannot bring
// it back as news. Digest run records older than the window go too, except each subscription's
// latest posted run, which marks where its next digest starts (and that it is not its first).
import type { Db } from './db.js';
import type { PruneResult } from './ports.js';

export function pruneSqlite(db: Db, cutoff: Date, now: Date): PruneResult {
  const before = cutoff.toISOString();
  return db.transaction((): PruneResult => {
    db.prepare('CREATE TEMP TABLE IF NOT EXISTS expiring (id TEXT PRIMARY KEY) WITHOUT ROWID').run();
    db.prepare('DELETE FROM temp.expiring').run();
    // Only what was fetched from the web expires: a local file's article lives as long as the
    // file does (the user keeps or deletes it), like the seed article of the default config.
    db.prepare(
      `INSERT INTO temp.expiring (id)
       SELECT a.id FROM articles a JOIN sources s ON s.id = a.source_id
       WHERE s.type IN ('feed', 'page') AND coalesce(a.published_at, a.fetched_at) < ?`,
    ).run(before);
    db.prepare('INSERT OR IGNORE INTO expired_articles (id, expired_at) SELECT id, ? FROM temp.expiring').run(
      now.toISOString(),
    );
    // Links folded into an expiring article expire with it: /brief why <such a link> says so, and
    // a feed still listing one cannot bring the text back as news.
    db.prepare(
      'INSERT OR IGNORE INTO expired_articles (id, expired_at) SELECT id, ? FROM article_aliases WHERE article_id IN (SELECT id FROM temp.expiring)',
    ).run(now.toISOString());
    // story_bands and digest_deliveries carry no foreign key (see migrations.ts): clear them by hand.
    db.prepare('DELETE FROM story_bands WHERE article_id IN (SELECT id FROM temp.expiring)').run();
    db.prepare('DELETE FROM digest_deliveries WHERE article_id IN (SELECT id FROM temp.expiring)').run();
    // article_sources, article_topics and article_signatures follow by ON DELETE CASCADE.
    const articles = db
      .prepare('DELETE FROM articles WHERE id IN (SELECT id FROM temp.expiring)')
      .run().changes;
    const runs = db
      .prepare(
        `DELETE FROM digest_runs WHERE slot < @before
           AND state NOT IN ('claimed', 'posting')
           AND slot <> coalesce((SELECT max(r.slot) FROM digest_runs r
                                 WHERE r.subscription_id = digest_runs.subscription_id
                                   AND r.state IN ('posted', 'uncertain')), '')`,
      )
      .run({ before }).changes;
    // What channels were told, the stories buttons refer to and the feedback expire likewise;
    // replies go with their run (replies of open threads are kept until finished).
    db.prepare('DELETE FROM digest_facts WHERE sent_at < ?').run(before);
    db.prepare('DELETE FROM story_refs WHERE created_at < ?').run(before);
    db.prepare('DELETE FROM story_feedback WHERE given_at < ?').run(before);
    db.prepare('DELETE FROM story_mutes WHERE muted_at < ?').run(before);
    db.prepare(`DELETE FROM digest_replies WHERE slot < ? AND state NOT IN ('pending', 'posting')`).run(
      before,
    );
    db.prepare('DELETE FROM temp.expiring').run();
    return { articles, runs };
  })();
}
