// Topics made from chat on PostgreSQL: the contract of src/store/chat-topics.ts.
import { toChatTopic, type ChatTopicRow } from '../chat-topics.js';
import type { ChatTopicRepository } from '../ports.js';
import type { Pg } from './connection.js';

export function createPostgresChatTopicRepository(pg: Pg): ChatTopicRepository {
  return {
    async list() {
      const r = await pg.query<ChatTopicRow>('SELECT * FROM chat_topics ORDER BY created_at, slug');
      return r.rows.map(toChatTopic);
    },
    async insert(t) {
      const r = await pg.query(
        `INSERT INTO chat_topics (slug, title, keywords, exclude, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (slug) DO NOTHING`,
        [
          t.slug,
          t.title,
          JSON.stringify(t.keywords),
          JSON.stringify(t.exclude),
          t.createdBy,
          t.createdAt,
          t.updatedAt,
        ],
      );
      return r.rowCount === 1;
    },
    async update(slug, words, now) {
      const r = await pg.query(
        'UPDATE chat_topics SET keywords = $2, exclude = $3, updated_at = $4 WHERE slug = $1',
        [slug, JSON.stringify(words.keywords), JSON.stringify(words.exclude), now.toISOString()],
      );
      return (r.rowCount ?? 0) > 0;
    },
    async remove(slug) {
      const r = await pg.query('DELETE FROM chat_topics WHERE slug = $1', [slug]);
      return (r.rowCount ?? 0) > 0;
    },
  };
}
