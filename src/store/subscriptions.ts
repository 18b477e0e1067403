// Digest subscriptions: which channel gets which topic, when, and how its posting has gone.
// Chat subscriptions and config-file digests share the table; `from_config` tells them apart.
import { randomUUID } from 'node:crypto';
import type { Platform, SubscriptionState } from '../core/types.js';
import type { Db } from './db.js';
import { DEFAULT_MAX_STORIES, type Subscription, type SubscriptionRepository } from './ports.js';

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
  quiet_note: number;
  state: string;
  last_error: string | null;
  consecutive_failures: number;
  from_config: number;
  threads: number;
  max_stories: number;
  thread_note: string | null;
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
    quietNote: r.quiet_note === 1,
    state: r.state as SubscriptionState,
    lastError: r.last_error ?? undefined,
    consecutiveFailures: r.consecutive_failures,
    fromConfig: r.from_config === 1,
    threads: r.threads === 1,
    maxStories: r.max_stories,
    threadNote: r.thread_note ?? undefined,
  };
}

export function createSqliteSubscriptionRepository(db: Db): SubscriptionRepository {
  const byId = db.prepare('SELECT * FROM subscriptions WHERE id = ?');
  const byChannelTopic = db.prepare(`
    SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ? AND topic = ? AND workspace_id IN (?, '')
    ORDER BY from_config DESC LIMIT 1`);
  const exact = db.prepare(
    'SELECT * FROM subscriptions WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND topic = ?',
  );
  const byChannel = db.prepare(`
    SELECT * FROM subscriptions WHERE platform = ? AND channel_id = ? AND workspace_id IN (?, '') ORDER BY topic`);
  const all = db.prepare('SELECT * FROM subscriptions ORDER BY platform, workspace_id, channel_id, topic');
  const fromConfig = db.prepare('SELECT * FROM subscriptions WHERE from_config = 1');
  const count = db.prepare('SELECT count(*) AS n FROM subscriptions');
  const due = db.prepare(
    "SELECT * FROM subscriptions WHERE schedule = ? AND timezone = ? AND state != 'paused' ORDER BY id",
  );
  const schedules = db.prepare(
    "SELECT DISTINCT schedule, timezone FROM subscriptions WHERE state != 'paused'",
  );
  const insert = db.prepare(`
    INSERT INTO subscriptions (id, platform, workspace_id, channel_id, topic, schedule, when_label, timezone, created_by,
      created_at, updated_at, quiet_note, from_config, threads, max_stories)
    VALUES (@id, @platform, @workspaceId, @channelId, @topic, @schedule, @whenLabel, @timezone, @createdBy, @now, @now, @quietNote,
      @fromConfig, @threads, @maxStories)`);
  const update = db.prepare(`
    UPDATE subscriptions SET schedule = @schedule, when_label = @whenLabel, timezone = @timezone, quiet_note = @quietNote,
      from_config = @fromConfig, threads = @threads, max_stories = @maxStories,
      thread_note = CASE WHEN @threads = 1 THEN thread_note ELSE NULL END,
      updated_at = CASE WHEN schedule != @schedule OR timezone != @timezone THEN @now ELSE updated_at END,
      state = CASE WHEN state = 'paused' THEN 'active' ELSE state END,
      consecutive_failures = CASE WHEN state = 'paused' THEN 0 ELSE consecutive_failures END
    WHERE id = @id`);
  const remove = db.prepare('DELETE FROM subscriptions WHERE id = ?');
  const threadNote = db.prepare('UPDATE subscriptions SET thread_note = ? WHERE id = ?');
  const healthy = db.prepare(
    "UPDATE subscriptions SET state = 'active', last_error = NULL, consecutive_failures = 0 WHERE id = ?",
  );
  const failed = db.prepare(`
    UPDATE subscriptions SET last_error = @reason,
      consecutive_failures = consecutive_failures + @step,
      state = CASE WHEN consecutive_failures + @step >= @pauseAfter THEN 'paused' ELSE 'failing' END
    WHERE id = @id`);

  const get = (id: string) => {
    const r = byId.get(id) as Row | undefined;
    return r ? toSubscription(r) : undefined;
  };

  return {
    async upsert(input, now) {
      const params = {
        ...input,
        quietNote: input.quietNote ? 1 : 0,
        fromConfig: input.fromConfig ? 1 : 0,
        threads: input.threads ? 1 : 0,
        maxStories: input.maxStories ?? DEFAULT_MAX_STORIES,
        now: now.toISOString(),
      };
      const existing = exact.get(input.platform, input.workspaceId, input.channelId, input.topic) as
        Row | undefined;
      if (existing) {
        update.run({ ...params, id: existing.id });
        return { subscription: get(existing.id) as Subscription, created: false };
      }
      const id = randomUUID();
      insert.run({ ...params, id });
      return { subscription: get(id) as Subscription, created: true };
    },
    get: async (id) => get(id),
    async find(channel, topic) {
      const r = byChannelTopic.get(channel.platform, channel.channelId, topic, channel.workspaceId) as
        Row | undefined;
      return r ? toSubscription(r) : undefined;
    },
    async forChannel(channel) {
      return (byChannel.all(channel.platform, channel.channelId, channel.workspaceId) as Row[]).map(
        toSubscription,
      );
    },
    all: async () => (all.all() as Row[]).map(toSubscription),
    fromConfig: async () => (fromConfig.all() as Row[]).map(toSubscription),
    count: async () => (count.get() as { n: number }).n,
    due: async (schedule, timezone) => (due.all(schedule, timezone) as Row[]).map(toSubscription),
    schedules: async () => schedules.all() as { schedule: string; timezone: string }[],
    async remove(id) {
      remove.run(id);
    },
    async markHealthy(id) {
      healthy.run(id);
    },
    async setThreadNote(id, note) {
      threadNote.run(note ?? null, id);
    },
    async markFailed(id, reason, countsTowardPause, pauseAfter) {
      failed.run({ id, reason, step: countsTowardPause ? 1 : 0, pauseAfter });
      return get(id);
    },
  };
}
