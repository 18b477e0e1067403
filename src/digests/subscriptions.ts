// The SubscriptionService behind `/brief subscribe`, `/brief unsubscribe` and
// `/brief subscriptions`: checks the request, stores it, and asks for the schedule to be updated
// at once (no restart). Every refusal is a Problem with a message code, never an exception.
import type {
  BriefingService,
  Invocation,
  Result,
  SubscriptionService,
  SubscriptionView,
} from '../commands/ports.js';
import { closest } from '../core/suggest.js';
import type { Subscription, SubscriptionRepository } from '../store/ports.js';
import type { Platform } from '../core/types.js';
import type { ChannelPoster } from './ports.js';
import type { Scheduler } from './schedule.js';
import { parseWhen, resolveTimeZone } from './when.js';

/** A stored subscription as users see it, with its next run (none while paused). */
export function toView(sub: Subscription, scheduler: Scheduler): SubscriptionView {
  const next = sub.state === 'paused' ? undefined : scheduler.nextRun(sub.schedule, sub.timezone);
  return {
    id: sub.id,
    topic: sub.topic,
    platform: sub.platform,
    workspaceId: sub.workspaceId,
    channelId: sub.channelId,
    schedule: sub.schedule,
    when: sub.whenLabel,
    timezone: sub.timezone,
    nextRunAt: next?.toISOString(),
    state: sub.state,
    lastError: sub.lastError,
    fromConfig: sub.fromConfig,
    quietNote: sub.quietNote,
    threads: sub.threads,
    ...(sub.threads && sub.threadNote ? { threadNote: sub.threadNote } : {}),
  };
}

const channelOf = (inv: Invocation) => ({
  platform: inv.platform,
  workspaceId: inv.workspaceId,
  channelId: inv.channelId,
});

export function createSubscriptionService(deps: {
  repository: SubscriptionRepository;
  briefings: BriefingService;
  scheduler: Scheduler;
  /** Called after every change, to bring the cron tasks in line with the table. */
  onChange: () => Promise<void>;
  /** Asked, when threads are requested, whether the channel allows them. */
  posters?: Partial<Record<Platform, ChannelPoster>>;
}): SubscriptionService {
  const { repository, scheduler } = deps;
  return {
    async subscribe(invocation, request, now): Promise<Result<SubscriptionView>> {
      const topic = request.topic.trim().toLowerCase();
      const slugs = (await deps.briefings.listTopics()).map((t) => t.slug);
      if (!slugs.includes(topic)) {
        const suggestions = closest(topic, slugs)
          .map((s) => `\`${s}\``)
          .join(' or ');
        return {
          ok: false,
          error: { code: 'UNKNOWN_TOPIC', params: { topic: request.topic, suggestions } },
        };
      }
      const when = parseWhen(request.when);
      if (!when.ok) return when;
      const zone = resolveTimeZone(request.timezone);
      if (!zone.ok) return zone;
      const existing = await repository.find(channelOf(invocation), topic);
      if (existing?.fromConfig)
        return { ok: false, error: { code: 'SUBSCRIPTION_FROM_CONFIG', params: { topic } } };
      const { subscription, created } = await repository.upsert(
        {
          ...channelOf(invocation),
          topic,
          schedule: when.value.schedule,
          whenLabel: when.value.label,
          timezone: zone.value,
          createdBy: invocation.userId,
          // Subscribing again states the whole subscription: without `quiet` the note is off.
          quietNote: request.quietNote ?? false,
          threads: request.threads ?? false,
          fromConfig: false,
        },
        now,
      );
      // Threads need rights the bot may lack here (Discord): say so now, not at the first digest.
      const poster = deps.posters?.[invocation.platform];
      if (subscription.threads && poster?.missingThreadRights) {
        const missing = await poster.missingThreadRights(channelOf(invocation));
        const note = missing.length ? missing.join(' ') : undefined;
        await repository.setThreadNote(subscription.id, note);
        subscription.threadNote = note;
      }
      await deps.onChange();
      return {
        ok: true,
        value: { ...toView(subscription, scheduler), ...(created ? {} : { updated: true }) },
      };
    },
    async unsubscribe(invocation, topic): Promise<Result<SubscriptionView>> {
      const slug = topic.trim().toLowerCase();
      const existing = await repository.find(channelOf(invocation), slug);
      if (!existing) return { ok: false, error: { code: 'NOT_SUBSCRIBED', params: { topic } } };
      if (existing.fromConfig)
        return { ok: false, error: { code: 'SUBSCRIPTION_FROM_CONFIG', params: { topic: slug } } };
      // The view is taken while its schedule is still live, so it creates no stray matcher.
      const view = { ...toView(existing, scheduler), nextRunAt: undefined };
      await repository.remove(existing.id);
      await deps.onChange();
      return { ok: true, value: view };
    },
    async list(invocation) {
      return (await repository.forChannel(channelOf(invocation))).map((s) => toView(s, scheduler));
    },
  };
}
