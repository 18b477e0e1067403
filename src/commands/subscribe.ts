// `/brief subscribe <topic> <when> [time zone]`: a digest of what is new, at the chosen times.
import { z } from 'zod';
import { defineCommand } from './definition.js';
import { notice, problemReply } from './replies.js';
import { formatRunTime } from './time.js';

/** Schedules that take a time argument: `daily 08:00`, `weekdays 08:00`. */
const TIMED = new Set(['daily', 'weekdays', 'weekly']);

export const subscribeCommand = defineCommand({
  name: 'subscribe',
  usage: '/brief subscribe <topic> <daily HH:MM | weekdays HH:MM | hourly | "cron"> [time zone] [quiet]',
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
    topic: z.string().trim().min(1, 'Name a topic.'),
    when: z.string().trim().min(1, 'Say when: daily 08:00, weekdays 08:00, hourly or a cron expression.'),
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
      const [time, timezone, ...extra] = rest;
      return { topic, when: `${first} ${time}`, timezone, ...flags, ...(extra.length ? { extra } : {}) };
    }
    const [timezone, ...extra] = rest;
    return { topic, when: first, timezone, ...flags, ...(extra.length ? { extra } : {}) };
  },
  execute({ topic, when, timezone, quiet }, { services, invocation, now }) {
    if (!services.subscriptions) return notice('COMING_SOON', { name: 'subscribe' });
    const result = services.subscriptions.subscribe(
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
