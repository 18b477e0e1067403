// What each channel was told (the facts its digests carried), the stories it muted, the stories
// feedback buttons refer to and the feedback given, on SQLite (digests/deliver.ts reads them).
import type { Db } from './db.js';
import type { ChannelKey, ChannelMemoryRepository, FeedbackVerdict, StoryRef } from './ports.js';

/** A `story_refs` row as both stores read it (PostgreSQL's columns have the same names and types). */
export interface StoryRow {
  ref: string;
  topic: string;
  article_ids: string;
  headline: string;
  created_at: string;
}

export function createSqliteChannelMemory(db: Db): ChannelMemoryRepository {
  const facts = db.prepare(
    'SELECT text FROM digest_facts WHERE subscription_id = ? ORDER BY sent_at DESC, rowid DESC LIMIT ?',
  );
  const addFact = db.prepare(
    'INSERT INTO digest_facts (subscription_id, slot, text, sent_at) VALUES (?, ?, ?, ?)',
  );
  const muted = db.prepare(
    'SELECT article_id FROM story_mutes WHERE platform = ? AND workspace_id = ? AND channel_id = ?',
  );
  const mute = db.prepare(
    `INSERT INTO story_mutes (platform, workspace_id, channel_id, article_id, muted_by, muted_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (platform, workspace_id, channel_id, article_id) DO UPDATE SET muted_at = excluded.muted_at`,
  );
  const saveStory = db.prepare(
    `INSERT INTO story_refs (ref, topic, article_ids, headline, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (ref) DO UPDATE SET created_at = excluded.created_at`,
  );
  const story = db.prepare('SELECT * FROM story_refs WHERE ref = ?');
  const feedback = db.prepare(
    `INSERT INTO story_feedback (platform, workspace_id, channel_id, ref, topic, user_id, kind, verdict, given_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (platform, workspace_id, channel_id, ref, user_id, kind)
     DO UPDATE SET verdict = excluded.verdict, given_at = excluded.given_at`,
  );
  const counts = db.prepare(
    `SELECT topic,
            sum(verdict = 'up') AS up, sum(verdict = 'down') AS down, sum(verdict = 'mute') AS muted
     FROM story_feedback WHERE platform = ? AND workspace_id = ? AND given_at >= ?
     GROUP BY topic ORDER BY topic`,
  );
  const addFacts = db.transaction((subscriptionId: string, slot: string, texts: string[], at: string) => {
    for (const text of texts) addFact.run(subscriptionId, slot, text, at);
  });
  const addMutes = db.transaction((c: ChannelKey, ids: string[], by: string, at: string) => {
    for (const id of ids) mute.run(c.platform, c.workspaceId, c.channelId, id, by, at);
  });
  return {
    async sentFacts(subscriptionId, limit) {
      return (facts.all(subscriptionId, limit) as { text: string }[]).map((r) => r.text);
    },
    async recordFacts(subscriptionId, slot, texts, now) {
      addFacts(subscriptionId, slot, texts, now.toISOString());
    },
    async mutedArticles(c) {
      const rows = muted.all(c.platform, c.workspaceId, c.channelId) as { article_id: string }[];
      return new Set(rows.map((r) => r.article_id));
    },
    async mute(c, articleIds, by, now) {
      addMutes(c, articleIds, by, now.toISOString());
    },
    async saveStory(s: StoryRef) {
      saveStory.run(s.ref, s.topic, JSON.stringify(s.articleIds), s.headline, s.createdAt);
    },
    async story(ref) {
      const r = story.get(ref) as StoryRow | undefined;
      return r && toStory(r);
    },
    async recordFeedback(c, s, userId, verdict, now) {
      feedback.run(...feedbackValues(c, s, userId, verdict, now));
    },
    async feedbackCounts(platform, workspaceId, since) {
      return (
        counts.all(platform, workspaceId, since.toISOString()) as {
          topic: string;
          up: number;
          down: number;
          muted: number;
        }[]
      ).map((r) => ({ topic: r.topic, up: Number(r.up), down: Number(r.down), muted: Number(r.muted) }));
    },
  };
}

/**
 * The `story_feedback` row a verdict makes, in the column order both stores insert it. A mute is
 * a kind of its own, beside the person's vote (the kind is in the key): muting keeps the vote.
 */
export function feedbackValues(
  c: ChannelKey,
  s: StoryRef,
  userId: string,
  verdict: FeedbackVerdict,
  now: Date,
): string[] {
  const kind = verdict === 'mute' ? 'mute' : 'vote';
  return [c.platform, c.workspaceId, c.channelId, s.ref, s.topic, userId, kind, verdict, now.toISOString()];
}

export function toStory(r: StoryRow): StoryRef {
  return {
    ref: r.ref,
    topic: r.topic,
    articleIds: JSON.parse(r.article_ids) as string[],
    headline: r.headline,
    createdAt: r.created_at,
  };
}
