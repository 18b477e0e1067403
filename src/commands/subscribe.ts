// `/brief subscribe <topic> <when> [time zone] [quiet] [threads]`: a digest of what is new, at the
// chosen times; `threads` posts it as one message listing the stories with a thread reply per story.
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
    '/brief subscribe <topic> <daily HH:MM | weekdays HH:MM | weekly DAY HH:MM | hourly | "cron"> [time zone] [quiet] [threads]',
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
    {
      name: 'threads',
      description: 'One message listing the stories, with a thread reply per story',
      type: 'boolean',
      required: false,
    },
  ],
  requiresManageChannel: { action: message('ACTION_SUBSCRIBE') },
  args: z.object({
    topic: topicArgument,
    when: z
      .string({ error: () => message('NEED_WHEN') })
      .trim()
      .min(1, message('NEED_WHEN')),
    timezone: z.string().trim().min(1).optional(),
    quiet: z.boolean().optional(),
    threads: z.boolean().optional(),
  }),
  fromText(allWords) {
    // Trailing `quiet` and `threads` (either order) are flags; never a time zone or a time.
    const flags: { quiet?: true; threads?: true } = {};
    let words = allWords;
    for (;;) {
      const last = words.length > 2 ? words[words.length - 1]?.toLowerCase() : undefined;
      if ((last === 'quiet' || last === 'threads') && !flags[last]) {
        flags[last] = true;
        words = words.slice(0, -1);
      } else break;
    }
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
  async execute({ topic, when, timezone, quiet, threads }, { services, invocation, now }) {
    const result = await services.subscriptions.subscribe(
      invocation,
      { topic: topic.toLowerCase(), when, timezone, quietNote: quiet, threads },
      now,
    );
    if (!result.ok) return problemReply(result.error);
    const s = result.value;
    return notice(
      s.updated ? 'SUBSCRIPTION_UPDATED' : 'SUBSCRIBED',
      {
        topic: s.topic,
        when: s.when,
        timezone: s.timezone,
        next: s.nextRunAt ? formatRunTime(s.nextRunAt, s.timezone) : message('NOT_SCHEDULED'),
        quiet: s.quietNote ? 1 : 0,
        threads: s.threads ? 1 : 0,
        threadNote: s.threadNote ?? '',
      },
      'success',
    );
  },
});
