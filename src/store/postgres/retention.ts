// The retention policy on PostgreSQL (the rules are in src/store/retention.ts): one transaction,
// with a CTE where SQLite uses a temp table.
import type { PruneResult } from '../ports.js';
import type { Pg } from './connection.js';

export async function prunePostgres(pg: Pg, cutoff: Date, now: Date): Promise<PruneResult> {
  const before = cutoff.toISOString();
  return pg.withTransaction(async (tx) => {
    await tx.query(`CREATE TEMP TABLE IF NOT EXISTS expiring (id TEXT PRIMARY KEY) ON COMMIT DELETE ROWS`);
    await tx.query(
      `INSERT INTO expiring (id)
       SELECT a.id FROM articles a JOIN sources s ON s.id = a.source_id
       WHERE s.type IN ('feed', 'page') AND coalesce(a.published_at, a.fetched_at) < $1
       ON CONFLICT DO NOTHING`,
      [before],
    );
    await tx.query(
      'INSERT INTO expired_articles (id, expired_at) SELECT id, $1 FROM expiring ON CONFLICT DO NOTHING',
      [now.toISOString()],
    );
    // Links folded into an expiring article expire with it (as in src/store/retention.ts).
    await tx.query(
      'INSERT INTO expired_articles (id, expired_at) SELECT id, $1 FROM article_aliases WHERE article_id IN (SELECT id FROM expiring) ON CONFLICT DO NOTHING',
      [now.toISOString()],
    );
    await tx.query('DELETE FROM story_bands WHERE article_id IN (SELECT id FROM expiring)');
    await tx.query('DELETE FROM digest_deliveries WHERE article_id IN (SELECT id FROM expiring)');
    const articles =
      (await tx.query('DELETE FROM articles WHERE id IN (SELECT id FROM expiring)')).rowCount ?? 0;
    const runs =
      (
        await tx.query(
          `DELETE FROM digest_runs d WHERE d.slot < $1
             AND d.state NOT IN ('claimed', 'posting')
             AND d.slot <> coalesce((SELECT max(r.slot) FROM digest_runs r
                                     WHERE r.subscription_id = d.subscription_id
                                       AND r.state IN ('posted', 'uncertain')), '')`,
          [before],
        )
      ).rowCount ?? 0;
    // As in SQLite: facts, story references, feedback and mutes expire; finished replies too.
    await tx.query('DELETE FROM digest_facts WHERE sent_at < $1', [before]);
    await tx.query('DELETE FROM story_refs WHERE created_at < $1', [before]);
    await tx.query('DELETE FROM story_feedback WHERE given_at < $1', [before]);
    await tx.query('DELETE FROM story_mutes WHERE muted_at < $1', [before]);
    await tx.query("DELETE FROM digest_replies WHERE slot < $1 AND state NOT IN ('pending', 'posting')", [
      before,
    ]);
    return { articles, runs };
  });
}
