// `/brief subscribe <topic> <when> [time zone]`: a digest of what is new, at the chosen times.
import { z } from 'zod';
import { message } from '../core/messages.js';
import { defineCommand } from './definition.js';
import { notice, problemReply } from './replies.js';
import { formatRunTime } from './time.js';

/** The longest text taken as a topic name (slugs have at most 60 characters). */
const MAX_TOPIC_ARG = 60;

/** A required topic argument, with our words when it is missing or absurdly long. */
export const topicArgument = z
  .string({ error: () => message('NEED_TOPIC') })
  .trim()
  .min(1, message('NEED_TOPIC'))
  .refine((t) => t.length <= MAX_TOPIC_ARG, {
    error: (issue) => message('TOPIC_TOO_LONG', { length: String(issue.input).length, max: MAX_TOPIC_ARG }),
  });

/** Schedules that take a time argument: `daily 08:00`, `weekdays 08:00`, `weekly [day] 08:00`. */
const TIMED = new Set(['daily', 'weekdays', 'weekly']);

export const subscribeCommand = defineCommand({
  name: 'subscribe',
  usage:
    '/brief subscribe <topic> <daily HH:MM | weekdays HH:MM | weekly DAY HH:MM | hourly | "cron"> [time zone] [quiet]',
  description: 'Post a digest of what is new on a topic in this channel, at the times you choose',
  options: [
    { name: 'topic', description: 'The topic', type: 'string', required: true, autocomplete: 'topic' },
    {
      name: 'when',
      description: 'daily 08:00, weekdays 08:00, hourly, or a cron expression',
      type: 'string',
      required: true,
    },
    {
      name: 'timezone',
      description: 'IANA time zone, e.g. Asia/Tokyo (default UTC)',
      type: 'string',
      required: false,
      autocomplete: 'timezone',
    },
    {
      name: 'quiet',
      description: 'Post a short "all quiet" note when nothing is new',
      type: 'boolean',
      required: false,
    },
  ],
  requiresManageChannel: { action: 'subscribe this channel to a digest' },
  args: z.object({
    topic: topicArgument,
    when: z
      .string({ error: () => message('NEED_WHEN') })
      .trim()
      .min(1, message('NEED_WHEN')),
    timezone: z.string().trim().min(1).optional(),
    quiet: z.boolean().optional(),
  }),
  fromText(allWords) {
    // A trailing "quiet" asks for the all-quiet note; it is never a time zone or a time.
    const quiet = allWords.length > 2 && allWords[allWords.length - 1]?.toLowerCase() === 'quiet';
    const words = quiet ? allWords.slice(0, -1) : allWords;
    const flags = quiet ? { quiet: true } : {};
    const [topic, first, ...rest] = words;
    if (first !== undefined && TIMED.has(first.toLowerCase()) && rest.length > 0) {
      // `weekly friday 08:00`: a day name (never a time) may come before the time.
      const withDay = first.toLowerCase() === 'weekly' && rest.length > 1 && !/\d/.test(rest[0] ?? '');
      const timeWords = rest.slice(0, withDay ? 2 : 1);
      const [timezone, ...extra] = rest.slice(timeWords.length);
      return {
        topic,
        when: [first, ...timeWords].join(' '),
        timezone,
        ...flags,
        ...(extra.length ? { extra } : {}),
      };
    }
    const [timezone, ...extra] = rest;
    return { topic, when: first, timezone, ...flags, ...(extra.length ? { extra } : {}) };
  },
  async execute({ topic, when, timezone, quiet }, { services, invocation, now }) {
    if (!services.subscriptions) return notice('COMING_SOON', { name: 'subscribe' });
    const result = await services.subscriptions.subscribe(
      invocation,
      { topic: topic.toLowerCase(), when, timezone, quietNote: quiet },
      now,
    );
    if (!result.ok) return problemReply(result.problem);
    const s = result.value;
    return notice(
      s.updated ? 'SUBSCRIPTION_UPDATED' : 'SUBSCRIBED',
      {
        topic: s.topic,
        when: s.when,
        timezone: s.timezone,
        next: s.nextRunAt ? formatRunTime(s.nextRunAt, s.timezone) : 'not scheduled',
        quiet: s.quietNote ? 1 : 0,
      },
      'success',
    );
  },
});
