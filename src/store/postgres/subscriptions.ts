// Digest subscriptions on PostgreSQL (see src/store/subscriptions.ts for the SQLite twin). Upsert
// is one INSERT ... ON CONFLICT, so two instances syncing the same config digests at start
// cannot both create one.
import { randomUUID } from 'node:crypto';
import type { Platform, SubscriptionState } from '../../core/types.js';
import {
  DEFAULT_MAX_STORIES,
  type ChannelKey,
  type Subscription,
  type SubscriptionInput,
  type SubscriptionRepository,
} from '../ports.js';
import type { Pg } from './connection.js';

interface Row {
  id: string;
  platform: string;
  workspace_id: string;
  channel_id: string;
  topic: string;
  schedule: string;
  when_label: string;
  timezone: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  quiet_note: boolean;
  state: string;
  last_error: string | null;
  consecutive_failures: number;
  from_config: boolean;
  threads: boolean;
  max_stories: number;
  thread_note: string | null;
  created?: boolean;
}

function toSubscription(r: Row): Subscription {
  return {
    id: r.id,
    platform: r.platform as Platform,
    workspaceId: r.workspace_id,
    channelId: r.channel_id,
    topic: r.topic,
    schedule: r.schedule,
    whenLabel: r.when_label,
    timezone: r.timezone,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    quietNote: r.quiet_note,
    state: r.state as SubscriptionState,
    lastError: r.last_error ?? undefined,
    consecutiveFailures: r.consecutive_failures,
    fromConfig: r.from_config,
    threads: r.threads,
    maxStories: r.max_stories,
    threadNote: r.thread_note ?? undefined,
  };
}

export function createPostgresSubscriptionRepository(pg: Pg): SubscriptionRepository {
  const many = async (sql: string, params: unknown[] = []) =>
    (await pg.query<Row>(sql, params)).rows.map(toSubscription);
  const one = async (sql: string, params: unknown[]) => (await many(sql, params))[0];
  const get = (id: string) => one('SELECT * FROM subscriptions WHERE id = $1', [id]);

  return {
    async upsert(
      input: SubscriptionInput,
      now: Date,
    ): Promise<{ subscription: Subscription; created: boolean }> {
      // xmax = 0 only on a row this statement inserted: how ON CONFLICT tells created from updated.
      const r = await pg.query<Row>(
        `INSERT INTO subscriptions AS s (id, platform, workspace_id, channel_id, topic, schedule, when_label, timezone,
           created_by, created_at, updated_at, quiet_note, from_config, threads, max_stories)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14)
         ON CONFLICT (platform, workspace_id, channel_id, topic) DO UPDATE SET
           schedule = excluded.schedule, when_label = excluded.when_label, timezone = excluded.timezone,
           quiet_note = excluded.quiet_note, from_config = excluded.from_config,
           threads = excluded.threads, max_stories = excluded.max_stories,
           thread_note = CASE WHEN excluded.threads THEN s.thread_note ELSE NULL END,
           updated_at = CASE WHEN s.schedule <> excluded.schedule OR s.timezone <> excluded.timezone
                             THEN excluded.updated_at ELSE s.updated_at END,
           state = CASE WHEN s.state = 'paused' THEN 'active' ELSE s.state END,
           consecutive_failures = CASE WHEN s.state = 'paused' THEN 0 ELSE s.consecutive_failures END
         RETURNING *, (xmax = 0) AS created`,
        [
          randomUUID(),
          input.platform,
          input.workspaceId,
          input.channelId,
          input.topic,
          input.schedule,
          input.whenLabel,
          input.timezone,
          input.createdBy,
          now.toISOString(),
          input.quietNote,
          input.fromConfig,
          input.threads ?? false,
          input.maxStories ?? DEFAULT_MAX_STORIES,
        ],
      );
      const row = r.rows[0] as Row;
      return { subscription: toSubscription(row), created: row.created === true };
    },
    get,
    find: (channel: ChannelKey, topic: string) =>
      one(
        `SELECT * FROM subscriptions WHERE platform = $1 AND channel_id = $2 AND topic = $3 AND workspace_id IN ($4, '')
         ORDER BY from_config DESC LIMIT 1`,
        [channel.platform, channel.channelId, topic, channel.workspaceId],
      ),
    forChannel: (channel: ChannelKey) =>
      many(
        `SELECT * FROM subscriptions WHERE platform = $1 AND channel_id = $2 AND workspace_id IN ($3, '') ORDER BY topic`,
        [channel.platform, channel.channelId, channel.workspaceId],
      ),
    all: () => many('SELECT * FROM subscriptions ORDER BY platform, workspace_id, channel_id, topic'),
    fromConfig: () => many('SELECT * FROM subscriptions WHERE from_config'),
    async count(): Promise<number> {
      return (await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM subscriptions')).rows[0]?.n ?? 0;
    },
    due: (schedule: string, timezone: string) =>
      many(
        "SELECT * FROM subscriptions WHERE schedule = $1 AND timezone = $2 AND state <> 'paused' ORDER BY id",
        [schedule, timezone],
      ),
    async schedules(): Promise<{ schedule: string; timezone: string }[]> {
      return (
        await pg.query<{ schedule: string; timezone: string }>(
          "SELECT DISTINCT schedule, timezone FROM subscriptions WHERE state <> 'paused'",
        )
      ).rows;
    },
    async remove(id: string): Promise<void> {
      await pg.query('DELETE FROM subscriptions WHERE id = $1', [id]);
    },
    async setThreadNote(id: string, note: string | undefined): Promise<void> {
      await pg.query('UPDATE subscriptions SET thread_note = $2 WHERE id = $1', [id, note ?? null]);
    },
    async markHealthy(id: string): Promise<void> {
      await pg.query(
        "UPDATE subscriptions SET state = 'active', last_error = NULL, consecutive_failures = 0 WHERE id = $1",
        [id],
      );
    },
    async markFailed(
      id: string,
      reason: string,
      countsTowardPause: boolean,
      pauseAfter: number,
    ): Promise<Subscription | undefined> {
      return one(
        `UPDATE subscriptions SET last_error = $2,
           consecutive_failures = consecutive_failures + $3,
           state = CASE WHEN consecutive_failures + $3 >= $4 THEN 'paused' ELSE 'failing' END
         WHERE id = $1 RETURNING *`,
        [id, reason, countsTowardPause ? 1 : 0, Math.min(pauseAfter, 2_147_483_647)],
      );
    },
  };
}
