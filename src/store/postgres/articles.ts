// Articles, their topic tags and the near-duplicate index on PostgreSQL: the same queries as the
// SQLite store (src/store/articles.ts), with ON CONFLICT for its INSERT OR IGNORE and a
// transaction where SQLite used one.
import type { Article, TopicSummary } from '../../core/types.js';
import { toArticle, toArticleWithoutText, type ArticleRow } from '../articles.js';
import type { ArticleInput, ArticleRepository, StoryIndex, UpsertStatus } from '../ports.js';
import { createPostgresArticleHistory } from './article-history.js';
import type { Pg } from './connection.js';

const COLUMNS =
  'id, source_id, url, content_hash, title, outlet, published_at, fetched_at, text, points, story_id';
/** Rows read per round trip when walking every article. */
const PAGE = 500;

/**
 * What a fetch says about an article, as both the insert and the update write it: parameters $2
 * to $9 after the id, in the order url, content_hash, title, outlet, published_at, text, points,
 * story_id.
 */
function fetchedValues(input: ArticleInput): unknown[] {
  return [
    input.url ?? null,
    input.contentHash,
    input.title,
    input.outlet,
    input.publishedAt ?? null,
    input.text,
    JSON.stringify(input.points),
    input.storyId ?? null,
  ];
}

export function createPostgresArticleRepository(pg: Pg): ArticleRepository {
  return {
    ...createPostgresArticleHistory(pg),
    async upsert(
      input: ArticleInput,
      { learned, now }: { learned: boolean; now: Date },
    ): Promise<UpsertStatus> {
      const iso = now.toISOString();
      return pg.withTransaction(async (tx) => {
        const existing = await tx.query<{ content_hash: string; title: string }>(
          'SELECT content_hash, title FROM articles WHERE id = $1 FOR UPDATE',
          [input.id],
        );
        let status: UpsertStatus;
        const row = existing.rows[0];
        if (!row) {
          const inserted = await tx.query(
            `INSERT INTO articles (id, url, content_hash, title, outlet, published_at, text, points, story_id, fetched_at, updated_at, source_id, learned)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12) ON CONFLICT (id) DO NOTHING`,
            [input.id, ...fetchedValues(input), iso, input.sourceId, learned],
          );
          // Another instance stored it a moment ago: it is that instance's news, not ours.
          status = inserted.rowCount === 1 ? 'new' : 'unchanged';
        } else if (row.content_hash === input.contentHash && row.title === input.title) {
          status = 'unchanged';
        } else {
          await tx.query(
            `UPDATE articles SET url = $2, content_hash = $3, title = $4, outlet = $5,
               published_at = coalesce($6, published_at), text = $7, points = $8,
               story_id = coalesce($9, story_id), updated_at = $10
             WHERE id = $1`,
            [input.id, ...fetchedValues(input), iso],
          );
          await tx.query(
            `UPDATE article_topics SET at = (SELECT coalesce(published_at, fetched_at) FROM articles WHERE id = $1)
             WHERE article_id = $1`,
            [input.id],
          );
          status = 'updated';
        }
        await tx.query(
          'INSERT INTO article_sources (article_id, source_id, seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [input.id, input.sourceId, iso],
        );
        return status;
      });
    },
    async get(id: string): Promise<Article | undefined> {
      const r = await pg.query<ArticleRow>(`SELECT ${COLUMNS} FROM articles WHERE id = $1`, [id]);
      return r.rows[0] ? toArticle(r.rows[0]) : undefined;
    },
    async setTopics(articleId: string, tags: { topic: string; relevance: number }[]): Promise<void> {
      await pg.withTransaction(async (tx) => {
        await tx.query('DELETE FROM article_topics WHERE article_id = $1', [articleId]);
        if (tags.length === 0) return;
        await tx.query(
          `INSERT INTO article_topics (topic, article_id, relevance, at)
           SELECT t.topic, a.id, t.relevance, coalesce(a.published_at, a.fetched_at)
           FROM unnest($2::text[], $3::float8[]) AS t (topic, relevance) JOIN articles a ON a.id = $1
           ON CONFLICT (topic, article_id) DO UPDATE SET relevance = excluded.relevance`,
          [articleId, tags.map((t) => t.topic), tags.map((t) => t.relevance)],
        );
      });
    },
    async forTopic(topic: string, limit: number) {
      const r = await pg.query<Omit<ArticleRow, 'text'> & { relevance: number; learned: boolean }>(
        `SELECT a.id, a.source_id, a.url, a.content_hash, a.title, a.outlet, a.published_at, a.fetched_at,
           a.points, a.story_id, a.learned, t.relevance
         FROM article_topics t JOIN articles a ON a.id = t.article_id
         WHERE t.topic = $1 ORDER BY t.at DESC, t.article_id LIMIT $2`,
        [topic, limit],
      );
      return r.rows.map((row) => ({
        ...toArticleWithoutText(row),
        relevance: row.relevance,
        learned: row.learned,
      }));
    },
    /** Every article by id, read a page at a time (keyset pagination) so memory stays flat. */
    async *iterateAll(): AsyncGenerator<Article> {
      let after = '';
      for (;;) {
        const r = await pg.query<ArticleRow>(
          `SELECT ${COLUMNS} FROM articles WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
          [after],
        );
        for (const row of r.rows) yield toArticle(row);
        if (r.rows.length < PAGE) return;
        after = (r.rows[r.rows.length - 1] as ArticleRow).id;
      }
    },
    async topicSummaries(topics: { slug: string; title: string }[]): Promise<TopicSummary[]> {
      if (topics.length === 0) return [];
      const r = await pg.query<{ topic: string; n: number; newest: string | null }>(
        `SELECT t.topic, count(*)::int AS n, max(coalesce(a.published_at, a.fetched_at)) AS newest
         FROM article_topics t JOIN articles a ON a.id = t.article_id
         WHERE t.topic = ANY($1::text[]) GROUP BY t.topic`,
        [topics.map((t) => t.slug)],
      );
      const byTopic = new Map(r.rows.map((row) => [row.topic, row]));
      return topics.map((t) => {
        const row = byTopic.get(t.slug);
        return {
          slug: t.slug,
          title: t.title,
          articleCount: row?.n ?? 0,
          newestAt: row?.newest ?? undefined,
        };
      });
    },
    async countBySource(): Promise<Map<string, number>> {
      const r = await pg.query<{ source_id: string; n: number }>(
        'SELECT source_id, count(*)::int AS n FROM article_sources GROUP BY source_id',
      );
      return new Map(r.rows.map((row) => [row.source_id, row.n]));
    },
    async getMeta(key: string): Promise<string | undefined> {
      const r = await pg.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
      return r.rows[0]?.value;
    },
    async setMeta(key: string, value: string): Promise<void> {
      await pg.query(
        'INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [key, value],
      );
    },
    async fingerprint(id: string) {
      const r = await pg.query<{ content_hash: string; title: string; source_id: string }>(
        'SELECT content_hash, title, source_id FROM articles WHERE id = $1',
        [id],
      );
      const row = r.rows[0];
      return row ? { contentHash: row.content_hash, title: row.title, sourceId: row.source_id } : undefined;
    },
    async findByHash(contentHash: string): Promise<string | undefined> {
      const r = await pg.query<{ id: string }>(
        'SELECT id FROM articles WHERE content_hash = $1 ORDER BY fetched_at, id LIMIT 1',
        [contentHash],
      );
      return r.rows[0]?.id;
    },
    async linkSource(articleId: string, sourceId: string, now: Date): Promise<boolean> {
      const r = await pg.query(
        'INSERT INTO article_sources (article_id, source_id, seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [articleId, sourceId, now.toISOString()],
      );
      return r.rowCount === 1;
    },
    async sourcesOf(articleId: string): Promise<string[]> {
      const r = await pg.query<{ source_id: string }>(
        'SELECT source_id FROM article_sources WHERE article_id = $1 ORDER BY seen_at, source_id',
        [articleId],
      );
      return r.rows.map((row) => row.source_id);
    },
    async allIds(): Promise<string[]> {
      const r = await pg.query<{ id: string }>('SELECT id FROM articles ORDER BY id');
      return r.rows.map((row) => row.id);
    },
    async isLearned(id: string): Promise<boolean> {
      const r = await pg.query<{ learned: boolean }>('SELECT learned FROM articles WHERE id = $1', [id]);
      return r.rows[0]?.learned === true;
    },
    async wasExpired(id: string): Promise<boolean> {
      const r = await pg.query('SELECT 1 FROM expired_articles WHERE id = $1', [id]);
      return (r.rowCount ?? 0) > 0;
    },
    async idsOfSource(sourceId: string): Promise<string[]> {
      const r = await pg.query<{ id: string }>('SELECT id FROM articles WHERE source_id = $1', [sourceId]);
      return r.rows.map((row) => row.id);
    },
    async remove(ids: readonly string[]): Promise<number> {
      if (ids.length === 0) return 0;
      const list = [...ids];
      return pg.withTransaction(async (tx) => {
        // story_bands and digest_deliveries carry no foreign key: cleared by hand, as in SQLite.
        await tx.query('DELETE FROM story_bands WHERE article_id = ANY($1::text[])', [list]);
        await tx.query('DELETE FROM digest_deliveries WHERE article_id = ANY($1::text[])', [list]);
        const r = await tx.query('DELETE FROM articles WHERE id = ANY($1::text[])', [list]);
        return r.rowCount ?? 0;
      });
    },
  };
}

/** Candidates verified per new article, as in the SQLite store. */
const MAX_STORY_CANDIDATES = 12;

export function createPostgresStoryIndex(pg: Pg): StoryIndex {
  return {
    async candidates(bands: number[], exceptId: string) {
      if (bands.length === 0) return [];
      const r = await pg.query<{ id: string; story_id: string | null; signature: string }>(
        `SELECT b.article_id AS id, count(*) AS hits, a.story_id, s.signature
         FROM story_bands b JOIN articles a ON a.id = b.article_id JOIN article_signatures s ON s.article_id = b.article_id
         WHERE b.band = ANY($1::bigint[]) AND b.article_id <> $2
         GROUP BY b.article_id, a.story_id, s.signature ORDER BY hits DESC, b.article_id LIMIT ${MAX_STORY_CANDIDATES}`,
        [bands, exceptId],
      );
      return r.rows.map((row) => ({
        id: row.id,
        storyId: row.story_id ?? undefined,
        signature: JSON.parse(row.signature) as number[],
      }));
    },
    async save(articleId: string, signature: number[], bands: number[]): Promise<void> {
      await pg.withTransaction(async (tx) => {
        await tx.query(
          `INSERT INTO article_signatures (article_id, signature) VALUES ($1, $2)
           ON CONFLICT (article_id) DO UPDATE SET signature = excluded.signature`,
          [articleId, JSON.stringify(signature)],
        );
        if (bands.length > 0)
          await tx.query(
            `INSERT INTO story_bands (band, article_id) SELECT b, $2 FROM unnest($1::bigint[]) AS b ON CONFLICT DO NOTHING`,
            [bands, articleId],
          );
      });
    },
  };
}
