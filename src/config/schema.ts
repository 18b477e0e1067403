// The config file's shape, validated with zod. Every rule carries a message a person can act on;
// cross-references (a topic naming an unknown source, a digest naming an unknown topic) are
// checked here too so that all problems are reported at once.
import { z } from 'zod';
import { say } from '../core/messages.js';
import { PLATFORM_NAMES } from '../core/types.js';
import { parseWhen } from '../digests/when.js';
import { isHttpUrl, isValidTimeZone, suggestTimeZones } from './validators.js';

const id = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]*$/,
    'must be lowercase letters, digits, "-" or "_", starting with a letter or digit',
  );

/** `30s`, `15m`, `2h`, `1h30m`, `1d` -> milliseconds. */
export function parseDuration(text: string): number | undefined {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  if (!m || text.trim() === '') return undefined;
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1000;
}

/** The longest poll interval: beyond it a source is as good as off (and dates overflow). */
export const MAX_EVERY_MS = 30 * 86_400_000;

const duration = z
  .string()
  .refine((v) => {
    const ms = parseDuration(v) ?? 0;
    return ms >= 30_000 && ms <= MAX_EVERY_MS;
  }, 'must be a duration from 30s to 30d, like 30s, 15m, 2h or 1h30m')
  .transform((v) => parseDuration(v) as number);

const httpUrl = z.string().refine(isHttpUrl, 'must be an http(s) URL');

const DEFAULT_EVERY = 15 * 60_000;

const fileSource = z.strictObject({
  id,
  type: z.literal('file'),
  path: z.string().min(1),
  outlet: z.string().optional(),
});
const dirSource = z.strictObject({
  id,
  type: z.literal('dir'),
  path: z.string().min(1),
  outlet: z.string().optional(),
  every: duration.optional(),
});
const feedSource = z.strictObject({
  id,
  type: z.literal('feed'),
  url: httpUrl,
  every: duration.default(DEFAULT_EVERY),
  /** Outlet name shown in citations; defaults to the feed's own title. */
  outlet: z.string().optional(),
  /** The feed carries excerpts only: fetch each item's page for the full text. */
  fullText: z.boolean().default(false),
});
const pageSource = z.strictObject({
  id,
  type: z.literal('page'),
  url: httpUrl,
  every: duration.default(DEFAULT_EVERY),
  outlet: z.string().optional(),
});

export const sourceSchema = z.discriminatedUnion('type', [fileSource, dirSource, feedSource, pageSource]);

const RESERVED_SLUGS = [
  'help',
  'topics',
  'topic',
  'subscribe',
  'unsubscribe',
  'subscriptions',
  'status',
  'share',
  'url',
  'search',
  'why',
];

const topicSchema = z.strictObject({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters and digits separated by single hyphens')
    .max(60, 'must be at most 60 characters')
    .refine((s) => !RESERVED_SLUGS.includes(s), 'is a /brief subcommand name; choose another slug'),
  title: z.string().min(1).max(150),
  keywords: z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'needs at least one keyword'),
  exclude: z.array(z.string().trim().min(1, 'must not be empty')).default([]),
  sources: z.array(id).min(1).optional(),
});

const digestSchema = z.strictObject({
  topic: z.string(),
  platform: z.enum(PLATFORM_NAMES),
  channel: z.string().min(1),
  /** Slack team id or Discord guild id; optional because one bot usually serves one workspace. */
  workspace: z.string().optional(),
  /** What chat accepts: `daily 08:00`, `weekdays 08:00`, `weekly mon 08:00`, `hourly` or cron. */
  schedule: z.string().superRefine((v, ctx) => {
    const parsed = parseWhen(v);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: say(parsed.error) });
  }),
  timezone: z
    .string()
    .default('UTC')
    .superRefine((v, ctx) => {
      if (isValidTimeZone(v)) return;
      const near = suggestTimeZones(v);
      ctx.addIssue({
        code: 'custom',
        message: `must be an IANA time zone, like Asia/Tokyo${near.length ? ` (did you mean ${near.join(' or ')}?)` : ''}`,
      });
    }),
  /** Post an "all quiet" note when nothing is new. */
  quietNote: z.boolean().default(false),
  /** One message listing the stories, with a thread reply per story (docs/digests.md). */
  threads: z.boolean().default(false),
  /** Stories per digest; the rest are counted in one "and N more stories" line. */
  maxStories: z.number().int().min(1).max(20).default(5),
});

export const configFileSchema = z
  .strictObject({
    sources: z.array(sourceSchema).default([]),
    topics: z.array(topicSchema).default([]),
    digests: z.array(digestSchema).default([]),
    briefing: z
      .strictObject({
        /** Recency window for a topic's briefing, in days of article date. */
        windowDays: z.number().int().min(1).max(365).default(7),
        maxPoints: z.number().int().min(1).max(10).default(6),
      })
      .default({ windowDays: 7, maxPoints: 6 }),
    store: z
      .strictObject({
        /**
         * Articles older than this (by date) are deleted once a day, so the database does not grow
         * forever; at least two weeks, so every briefing window and digest still finds its articles.
         */
        retentionDays: z.number().int().min(14, 'must be at least 14').max(3650).default(90),
      })
      .default({ retentionDays: 90 }),
    slack: z
      .strictObject({
        /** User ids allowed to manage digests besides workspace admins and owners. */
        managers: z.array(z.string()).default([]),
      })
      .default({ managers: [] }),
    fetch: z
      .strictObject({
        /**
         * Links typed in chat (`/brief url`) may reach private, loopback and link-local addresses.
         * Off by default: anyone in a channel can type a link. Config-file sources are not affected.
         */
        allowPrivateAddresses: z.boolean().default(false),
        /** Links one person may have fetched per minute. */
        linksPerMinute: z.number().int().min(1).max(120).default(5),
      })
      .default({ allowPrivateAddresses: false, linksPerMinute: 5 }),
  })
  // `when: () => true`: the cross-references are checked even when other parts of the file are
  // wrong (zod skips refinements after any other problem by default), so every problem is listed
  // in one pass. The value may then be partly malformed, hence the defensive reads.
  .superRefine(
    (cfg, ctx) => {
      const sourceIds = new Set<string>();
      list(at(cfg, 'sources')).forEach((s, i) => {
        const id = at(s, 'id');
        if (typeof id !== 'string') return;
        if (sourceIds.has(id))
          ctx.addIssue({
            code: 'custom',
            path: ['sources', i, 'id'],
            message: `duplicate source id "${id}"`,
          });
        sourceIds.add(id);
      });
      const slugs = new Set<string>();
      list(at(cfg, 'topics')).forEach((t, i) => {
        const slug = at(t, 'slug');
        if (typeof slug === 'string') {
          if (slugs.has(slug))
            ctx.addIssue({
              code: 'custom',
              path: ['topics', i, 'slug'],
              message: `duplicate topic slug "${slug}"`,
            });
          slugs.add(slug);
        }
        list(at(t, 'sources')).forEach((s, j) => {
          if (typeof s === 'string' && !sourceIds.has(s))
            ctx.addIssue({
              code: 'custom',
              path: ['topics', i, 'sources', j],
              message: `names source "${s}", which is not defined under sources`,
            });
        });
      });
      list(at(cfg, 'digests')).forEach((d, i) => {
        const topic = at(d, 'topic');
        if (typeof topic === 'string' && !slugs.has(topic))
          ctx.addIssue({
            code: 'custom',
            path: ['digests', i, 'topic'],
            message: `names topic "${topic}", which is not defined under topics`,
          });
      });
    },
    { when: () => true },
  );

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function at(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/**
 * The keys allowed where `path` points (`['topics', 0]` -> a topic's keys), for "did you mean"
 * on a misspelt key; empty where the path is not an object of the schema.
 */
export function knownKeysAt(path: readonly PropertyKey[]): string[] {
  const [section, index, ...rest] = path;
  if (section === undefined) return Object.keys(configFileSchema.shape);
  if (rest.length > 0) return [];
  const sectionKeys: Record<string, () => string[]> = {
    sources: () => [...new Set(sourceSchema.options.flatMap((o) => Object.keys(o.shape)))],
    topics: () => Object.keys(topicSchema.shape),
    digests: () => Object.keys(digestSchema.shape),
  };
  if (typeof index === 'number') return sectionKeys[String(section)]?.() ?? [];
  if (index !== undefined) return [];
  const nested = configFileSchema.shape[String(section) as keyof typeof configFileSchema.shape];
  const inner = (nested as unknown as { unwrap?: () => { shape?: object } }).unwrap?.();
  return inner?.shape ? Object.keys(inner.shape) : [];
}

export type ConfigFile = z.infer<typeof configFileSchema>;
export type SourceConfig = z.infer<typeof sourceSchema>;
export type DigestConfig = ConfigFile['digests'][number];
