// Topics made from chat (`/brief topic add`), kept beside the config's in table chat_topics.
// SQLite; postgres/chat-topics.ts is the same contract on PostgreSQL.
import type { ChatTopic } from '../core/chat-topics.js';
import type { Db } from './db.js';
import type { ChatTopicRepository } from './ports.js';

/** A `chat_topics` row as both stores read it (PostgreSQL's columns have the same names and types). */
export interface ChatTopicRow {
  slug: string;
  title: string;
  keywords: string;
  exclude: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export function toChatTopic(r: ChatTopicRow): ChatTopic {
  return {
    slug: r.slug,
    title: r.title,
    keywords: JSON.parse(r.keywords) as string[],
    exclude: JSON.parse(r.exclude) as string[],
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function createSqliteChatTopicRepository(db: Db): ChatTopicRepository {
  const list = db.prepare('SELECT * FROM chat_topics ORDER BY created_at, slug');
  const insert = db.prepare(`
    INSERT OR IGNORE INTO chat_topics (slug, title, keywords, exclude, created_by, created_at, updated_at)
    VALUES (@slug, @title, @keywords, @exclude, @createdBy, @createdAt, @updatedAt)`);
  const update = db.prepare(
    'UPDATE chat_topics SET keywords = ?, exclude = ?, updated_at = ? WHERE slug = ?',
  );
  const remove = db.prepare('DELETE FROM chat_topics WHERE slug = ?');
  return {
    async list() {
      return (list.all() as ChatTopicRow[]).map(toChatTopic);
    },
    async insert(t) {
      return (
        insert.run({ ...t, keywords: JSON.stringify(t.keywords), exclude: JSON.stringify(t.exclude) })
          .changes > 0
      );
    },
    async update(slug, words, now) {
      return (
        update.run(JSON.stringify(words.keywords), JSON.stringify(words.exclude), now.toISOString(), slug)
          .changes > 0
      );
    },
    async remove(slug) {
      return remove.run(slug).changes > 0;
    },
  };
}
