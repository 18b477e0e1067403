// Articles whose local file is gone: a `file` or `dir` source's articles live as long as their
// files do, so when a file is deleted its article leaves the store, and with it every briefing.
// Unlike retention (retention.ts) nothing is kept as a tombstone: a file put back is read again.
import type { Db } from './db.js';

/** Ids of the articles this source brought first (the ones it owns). */
export function articleIdsOfSource(db: Db, sourceId: string): string[] {
  return (db.prepare('SELECT id FROM articles WHERE source_id = ?').all(sourceId) as { id: string }[]).map(
    (r) => r.id,
  );
}

/** Deletes the articles and everything hanging off them; returns how many went. */
export function removeArticles(db: Db, ids: readonly string[]): number {
  let removed = 0;
  const bands = db.prepare('DELETE FROM story_bands WHERE article_id = ?');
  const deliveries = db.prepare('DELETE FROM digest_deliveries WHERE article_id = ?');
  // article_sources, article_topics and article_signatures follow by ON DELETE CASCADE.
  const article = db.prepare('DELETE FROM articles WHERE id = ?');
  db.transaction(() => {
    for (const id of ids) {
      bands.run(id);
      deliveries.run(id);
      removed += article.run(id).changes;
    }
  })();
  return removed;
}
