// Digests declared in the config file become subscriptions marked from_config: upserted at each
// start (a restart also un-pauses them: restarting is how an operator says "fixed, try again")
// and deleted when they disappear from the file.
import type { Logger } from 'pino';
import type { DigestConfig } from '../config/schema.js';
import type { SubscriptionRepository } from '../store/ports.js';

/** The workspace a config digest is stored under: its own, `local` on the console, else any. */
export function configWorkspace(d: DigestConfig): string {
  return d.workspace ?? (d.platform === 'console' ? 'local' : '');
}

/** A readable label for a config schedule: what the file said (`daily 08:00`), else the cron. */
const labelOf = (d: DigestConfig & { label?: string }) => d.label ?? d.schedule.trim();

export async function syncConfigDigests(
  repository: SubscriptionRepository,
  digests: (DigestConfig & { label?: string })[],
  now: Date,
  log: Logger,
): Promise<void> {
  const keep = new Set<string>();
  for (const d of digests) {
    const { subscription } = await repository.upsert(
      {
        platform: d.platform,
        workspaceId: configWorkspace(d),
        channelId: d.channel,
        topic: d.topic,
        schedule: d.schedule.trim(),
        whenLabel: labelOf(d),
        timezone: d.timezone,
        createdBy: 'config',
        quietNote: d.quietNote,
        threads: d.threads,
        maxStories: d.maxStories,
        fromConfig: true,
      },
      now,
    );
    keep.add(subscription.id);
  }
  for (const sub of await repository.fromConfig()) {
    if (keep.has(sub.id)) continue;
    await repository.remove(sub.id);
    log.info(
      { subscription: sub.id, topic: sub.topic, platform: sub.platform, channel: sub.channelId },
      'config digest removed from the config file; deleted',
    );
  }
}
