// What each channel was told, muted stories, story references and feedback on PostgreSQL; the
// same contract as src/store/digest-memory.ts.
import { feedbackValues, toStory, type StoryRow } from '../digest-memory.js';
import type { ChannelKey, ChannelMemoryRepository } from '../ports.js';
import type { Pg } from './connection.js';

export function createPostgresChannelMemory(pg: Pg): ChannelMemoryRepository {
  return {
    async sentFacts(subscriptionId, limit) {
      const r = await pg.query<{ text: string }>(
        'SELECT text FROM digest_facts WHERE subscription_id = $1 ORDER BY sent_at DESC LIMIT $2',
        [subscriptionId, limit],
      );
      return r.rows.map((row) => row.text);
    },
    async recordFacts(subscriptionId, slot, texts, now) {
      if (texts.length === 0) return;
      await pg.query(
        `INSERT INTO digest_facts (subscription_id, slot, text, sent_at)
         SELECT $1, $2, t, $3 FROM unnest($4::text[]) AS t`,
        [subscriptionId, slot, now.toISOString(), texts],
      );
    },
    async mutedArticles(c: ChannelKey) {
      const r = await pg.query<{ article_id: string }>(
        'SELECT article_id FROM story_mutes WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3',
        [c.platform, c.workspaceId, c.channelId],
      );
      return new Set(r.rows.map((row) => row.article_id));
    },
    async mute(c, articleIds, by, now) {
      if (articleIds.length === 0) return;
      await pg.query(
        `INSERT INTO story_mutes (platform, workspace_id, channel_id, article_id, muted_by, muted_at)
         SELECT $1, $2, $3, a, $4, $5 FROM unnest($6::text[]) AS a
         ON CONFLICT (platform, workspace_id, channel_id, article_id) DO UPDATE SET muted_at = excluded.muted_at`,
        [c.platform, c.workspaceId, c.channelId, by, now.toISOString(), articleIds],
      );
    },
    async saveStory(s) {
      await pg.query(
        `INSERT INTO story_refs (ref, topic, article_ids, headline, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (ref) DO UPDATE SET created_at = excluded.created_at`,
        [s.ref, s.topic, JSON.stringify(s.articleIds), s.headline, s.createdAt],
      );
    },
    async story(ref) {
      const r = await pg.query<StoryRow>('SELECT * FROM story_refs WHERE ref = $1', [ref]);
      const row = r.rows[0];
      return row && toStory(row);
    },
    async recordFeedback(c, s, userId, verdict, now) {
      await pg.query(
        `INSERT INTO story_feedback (platform, workspace_id, channel_id, ref, topic, user_id, kind, verdict, given_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (platform, workspace_id, channel_id, ref, user_id, kind)
         DO UPDATE SET verdict = excluded.verdict, given_at = excluded.given_at`,
        feedbackValues(c, s, userId, verdict, now),
      );
    },
    async feedbackCounts(platform, workspaceId, since) {
      const r = await pg.query<{ topic: string; up: string; down: string; muted: string }>(
        `SELECT topic, count(*) FILTER (WHERE verdict = 'up') AS up, count(*) FILTER (WHERE verdict = 'down') AS down,
                count(*) FILTER (WHERE verdict = 'mute') AS muted
         FROM story_feedback WHERE platform = $1 AND workspace_id = $2 AND given_at >= $3
         GROUP BY topic ORDER BY topic`,
        [platform, workspaceId, since.toISOString()],
      );
      return r.rows.map((row) => ({
        topic: row.topic,
        up: Number(row.up),
        down: Number(row.down),
        muted: Number(row.muted),
      }));
    },
  };
}
