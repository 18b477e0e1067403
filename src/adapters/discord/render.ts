// Reply -> Discord message body (the JSON Discord's REST API takes). Pure: no client, no I/O.
// Article text is escaped, every body carries `allowed_mentions: { parse: [] }`, and every limit
// is respected by trimming (see limits.ts). Wording comes from core/messages.ts.
import { MessageFlags, type APIEmbed } from 'discord.js';
import type {
  FeedbackStory,
  Reply,
  StatusReport,
  SubscriptionView,
  UsageLine,
} from '../../commands/ports.js';
import { commands } from '../../commands/registry.js';
import { formatRunTime } from '../../commands/time.js';
import { mapParams, message, say, type Message } from '../../core/messages.js';
import type { Briefing, TopicSummary } from '../../core/types.js';
import type { DigestMessage, StoryReply } from '../../digests/ports.js';
import { ECHOED_PARAMS } from '../../commands/replies.js';
import { escape, link, neutralizeMentions } from './markup.js';
import { embedLength, LIMITS, packLines, truncate } from './limits.js';
import { whyEmbed } from './render-why.js';

/** A message as Discord's REST API takes it (channel post, interaction reply or edit). */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  /** Always empty: nothing we send may ping anyone. */
  allowed_mentions: { parse: [] };
  flags?: number;
  /** Action rows of buttons (the feedback buttons under a story). */
  components?: ActionRow[];
}

interface ActionRow {
  type: 1;
  components: { type: 2; style: 2 | 4; label: string; custom_id: string; disabled?: boolean }[];
}

/** Discord's limits on buttons: 80 characters per label (custom ids: 100; rows: 5 per message). */
const BUTTON_LABEL_MAX = 80;

/** Button custom ids are `nb_fb:<up|down|mute>:<story reference>` (Discord allows 100 characters). */
export const FEEDBACK_PREFIX = 'nb_fb';

/**
 * The rows under a message of several stories, one per story (at most 5, Discord's row limit;
 * FEEDBACK_MAX_STORIES keeps to it): a disabled button naming the story (its number and
 * headline; 🔇 when this channel muted it), then its 👍, 👎 and Mute this story (not for a story
 * already muted). Buttons cannot carry a line of text beside them, so the name is a button.
 * One unmuted story needs no name: the message is about it.
 */
export function storyFeedbackRows(stories: readonly FeedbackStory[]): ActionRow[] {
  const only = stories[0];
  if (stories.length === 1 && only && !only.muted) return [feedbackRow(only.ref)];
  return stories.slice(0, 5).map((s, i) => {
    const label = message('FEEDBACK_STORY_LABEL', { position: i + 1, headline: s.headline });
    const row = feedbackRow(s.ref, !s.muted);
    row.components.unshift({
      type: 2,
      style: 2,
      label: truncate(s.muted ? `🔇 ${label}` : label, BUTTON_LABEL_MAX),
      custom_id: `${FEEDBACK_PREFIX}:story:${s.ref}`.slice(0, 100),
      disabled: true,
    });
    return row;
  });
}

/** 👍, 👎 and "Mute this story" (unless `mute` is false) under a briefing or a digest story. */
export function feedbackRow(ref: string, mute = true): ActionRow {
  const button = (verdict: string, label: string, style: 2 | 4 = 2) => ({
    type: 2 as const,
    style,
    label,
    custom_id: `${FEEDBACK_PREFIX}:${verdict}:${ref}`.slice(0, 100),
  });
  return {
    type: 1,
    components: [
      button('up', message('FEEDBACK_UP')),
      button('down', message('FEEDBACK_DOWN')),
      ...(mute ? [button('mute', message('FEEDBACK_MUTE'), 4)] : []),
    ],
  };
}

function withFeedback(out: DiscordMessage, stories: readonly FeedbackStory[] | undefined): DiscordMessage {
  if (stories?.length) out.components = storyFeedbackRows(stories);
  return out;
}

const COLORS = { briefing: 0x3b82f6, info: 0x64748b, success: 0x22c55e, error: 0xef4444 } as const;

/** Discord's own timestamp markup: each reader sees it in their time zone ("3 hours ago"). */
function when(iso: string | undefined, style: 'R' | 'f' = 'R'): string {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? message('DISCORD_NEVER') : `<t:${Math.floor(ms / 1000)}:${style}>`;
}

function body(embeds: APIEmbed[], content?: string, ephemeral = false): DiscordMessage {
  const out: DiscordMessage = { embeds: embeds.slice(0, LIMITS.embeds), allowed_mentions: { parse: [] } };
  if (content) out.content = truncate(content, LIMITS.content);
  if (ephemeral) out.flags = MessageFlags.Ephemeral;
  return out;
}

/** Gives the description whatever the rest of the embed leaves of the 6,000 per message. */
function withDescription(embed: APIEmbed, lines: string[]): APIEmbed {
  const budget = Math.min(LIMITS.description, LIMITS.embedTotal - embedLength(embed));
  return lines.length ? { ...embed, description: packLines(lines, budget) } : embed;
}

function field(name: string, lines: string[]): { name: string; value: string } {
  return {
    name: truncate(name, LIMITS.fieldName),
    value: packLines(lines.length ? lines : ['—'], LIMITS.fieldValue),
  };
}

/** The briefing embed: points citing their outlets, the articles used, a footer and a timestamp. */
export function briefingEmbed(
  briefing: Briefing,
  opts: { title?: string; footer?: string; after?: string } = {},
): APIEmbed {
  const byId = new Map(briefing.articles.map((a) => [a.id, a]));
  const points = briefing.points.map((p) => {
    const cites = p.articleIds.flatMap((id) => {
      const a = byId.get(id);
      return a ? [link(a.outlet, a.url)] : [];
    });
    const outlets = p.storyOutlets ? ` · ${message('STORY_OUTLETS', { count: p.storyOutlets })}` : '';
    const update = p.update ? `**${message('STORY_UPDATE')}** ` : '';
    return `• ${update}${escape(p.text)}${cites.length ? ` (${cites.join(', ')})` : ''}${outlets}`;
  });
  const articles = briefing.articles.map(
    (a) => `${link(a.title, a.url)}: ${escape(a.outlet)}${a.publishedAt ? `, ${when(a.publishedAt)}` : ''}`,
  );
  const lead = briefing.stale ? [message('DISCORD_STALE', { newest: when(briefing.newestAt, 'f') }), ''] : [];
  const footer =
    opts.footer ??
    message('DISCORD_BRIEFING_FOOTER', {
      // Sources are outlets, as on Slack and the console.
      count: outletCount(briefing),
      generated: formatRunTime(briefing.generatedAt, 'UTC'),
    });
  const base: APIEmbed = {
    title: truncate(escape(opts.title ?? briefing.title), LIMITS.title),
    color: COLORS.briefing,
    fields: articles.length ? [field(message('ARTICLES_HEADING'), articles)] : [],
    footer: { text: truncate(footer, LIMITS.footer) },
  };
  if (!Number.isNaN(Date.parse(briefing.generatedAt)))
    base.timestamp = new Date(briefing.generatedAt).toISOString();
  return withDescription(base, [...lead, ...points, ...(opts.after ? ['', opts.after] : [])]);
}

/** How many distinct outlets a briefing's articles come from: what "sources" counts everywhere. */
function outletCount(briefing: Briefing): number {
  return new Set(briefing.articles.map((a) => a.outlet)).size;
}

/** How each subcommand is typed in Discord: `/brief subscribe topic: when: [timezone:]`. */
function discordUsage(line: UsageLine, index: number): string {
  const c = commands[index];
  if (!c) return `\`${line.usage}\``;
  const opts = c.options.map((o) => (o.required ? `${o.name}:` : `[${o.name}:]`));
  return `\`/brief ${[c.name, ...opts].join(' ')}\``;
}

function topicLine(t: TopicSummary): string {
  const detail = t.articleCount
    ? message('DISCORD_TOPIC_LINE', { count: t.articleCount, newest: when(t.newestAt) })
    : message('DISCORD_NO_ARTICLES_YET');
  return `\`${escape(t.slug)}\` ${escape(t.title)}: ${detail}`;
}

function helpEmbed(lines: UsageLine[], topics: TopicSummary[]): APIEmbed {
  const usage = lines.map((l, i) => `${discordUsage(l, i)} ${escape(l.description)}`);
  const base: APIEmbed = {
    title: message('HELP_TITLE'),
    color: COLORS.info,
    fields: topics.length ? [field(message('TOPICS_HEADING'), topics.map(topicLine))] : [],
  };
  return withDescription(base, usage);
}

function statusEmbed(report: StatusReport): APIEmbed {
  const sources = report.sources.map(
    (s) =>
      `\`${escape(s.id)}\` (${escape(s.type)}): ` +
      message('DISCORD_SOURCE_LINE', {
        count: s.articleCount,
        fetched: when(s.lastSuccessAt ?? s.lastAttemptAt),
        error: s.lastError ? escape(s.lastError) : '',
        retry: s.lastError && s.nextAttemptAt ? when(s.nextAttemptAt) : '',
      }),
  );
  const failing = report.failingDigests.length
    ? report.failingDigests.map(subscriptionLine)
    : [message('DISCORD_ALL_DIGESTS_OK')];
  const base: APIEmbed = {
    title: message('DISCORD_STATUS_TITLE'),
    color: report.failingDigests.length || report.store ? COLORS.error : COLORS.info,
    fields: [
      ...(report.store
        ? [
            field(message('DISCORD_STORE_FIELD'), [
              escape(
                message('STORE_STATUS', {
                  state: report.store.state,
                  error: report.store.error ?? report.store.state,
                  since: report.store.since ? when(report.store.since) : '',
                  detail: report.store.detail ?? '',
                }),
              ),
            ]),
          ]
        : []),
      ...((report.platforms ?? []).length
        ? [
            field(
              message('PLATFORMS_DOWN_HEADING'),
              (report.platforms ?? []).map((p) =>
                escape(
                  message('PLATFORM_DOWN', {
                    platform: p.platform,
                    state: p.state,
                    error: p.error ?? '',
                    next: p.nextAttemptAt ? when(p.nextAttemptAt) : '',
                  }),
                ),
              ),
            ),
          ]
        : []),
      field(message('SOURCES_HEADING'), sources),
      field(message('FAILING_DIGESTS_HEADING'), failing),
    ],
  };
  const notes = (report.threadNotes ?? []).map((n) =>
    message('THREAD_NOTE', { topic: escape(n.topic), channel: `<#${n.channelId}>`, note: n.note }),
  );
  if (notes.length) base.fields?.push(field(message('THREAD_NOTES_HEADING'), notes));
  if (report.feedback) {
    const lines = report.feedback.map((f) => message('FEEDBACK_COUNTS', { ...f, topic: escape(f.topic) }));
    base.fields?.push(field(message('FEEDBACK_HEADING'), lines.length ? lines : [message('FEEDBACK_NONE')]));
  }
  if (!Number.isNaN(Date.parse(report.generatedAt)))
    base.timestamp = new Date(report.generatedAt).toISOString();
  return base;
}

function subscriptionLine(s: SubscriptionView): string {
  const detail = message('DISCORD_SUBSCRIPTION_LINE', {
    when: escape(s.when),
    timezone: escape(s.timezone),
    next: s.nextRunAt ? when(s.nextRunAt, 'f') : message('NOT_SCHEDULED'),
    state: s.state,
    error: s.lastError ? escape(s.lastError) : '',
  });
  return `\`${escape(s.topic)}\` ${detail}`;
}

/**
 * Renders a command's Reply. `sharedBy` is the display name of whoever asked; it is shown on
 * replies visible to the channel so everyone sees who posted the briefing.
 */
export function renderReply(reply: Reply, opts: { sharedBy?: string } = {}): DiscordMessage {
  const ephemeral = reply.visibility === 'ephemeral';
  const shared =
    !ephemeral && opts.sharedBy ? message('DISCORD_SHARED_BY', { user: escape(opts.sharedBy) }) : undefined;
  const list = (title: string, lines: string[]) =>
    body([withDescription({ title, color: COLORS.info }, lines)], shared, ephemeral);
  switch (reply.kind) {
    case 'briefing':
      return withFeedback(body([briefingEmbed(reply.briefing)], shared, ephemeral), reply.feedback);
    case 'help':
      return body([helpEmbed(reply.commands, reply.topics)], shared, ephemeral);
    case 'topics':
      return list(message('TOPICS_HEADING'), reply.topics.map(topicLine));
    case 'status':
      return body([statusEmbed(reply.report)], shared, ephemeral);
    case 'subscriptions':
      return list(message('SUBSCRIPTIONS_HEADING'), reply.subscriptions.map(subscriptionLine));
    case 'why':
      return body([whyEmbed(reply.explanation, COLORS.info)], shared, ephemeral);
    case 'notice': {
      // Notice wording is ours (with intended `code` markup); echoed input is escaped like
      // article text, so a person's own `[label](url)` or `**bold**` shows as typed.
      const text = neutralizeMentions(
        reply.params ? say(escapeEchoes({ code: reply.code, params: reply.params } as Message)) : reply.text,
      );
      return body([], shared ? `${shared}\n${text}` : text, ephemeral);
    }
  }
}

function escapeEchoes(m: Message): Message {
  return mapParams(m, (k, v) => (typeof v === 'string' && ECHOED_PARAMS.has(k) ? escape(v) : v));
}

/**
 * A digest for a channel post: one line when all quiet; threaded, the parent listing the stories
 * (their points follow in the thread, renderStoryReply); otherwise the briefing, "What's new"
 * for updates, with the flood-control line when stories were left out.
 */
export function renderDigest(digest: DigestMessage): DiscordMessage {
  const { briefing } = digest;
  if (digest.kind === 'quiet') return body([], message('ALL_QUIET', { topic: escape(briefing.topic) }));
  const footer = message('DISCORD_DIGEST_FOOTER', {
    // Sources are outlets (two AP articles are one source), as on Slack and the console.
    count: outletCount(briefing),
    schedule: digest.scheduleLabel,
  });
  const title = digest.kind === 'new' ? message('WHATS_NEW', { title: briefing.title }) : briefing.title;
  const after = digest.more
    ? `*${message('DIGEST_MORE_STORIES', { count: digest.more, topic: escape(briefing.topic) })}*`
    : undefined;
  if (!digest.threaded || !digest.stories)
    return withFeedback(body([briefingEmbed(briefing, { title, footer, after })]), digest.feedback);
  const lines = digest.stories.map((s, i) => {
    const update = s.update ? `**${message('STORY_UPDATE')}** ` : '';
    const outlets = s.outlets > 1 ? ` · ${message('STORY_OUTLETS', { count: s.outlets })}` : '';
    return `${i + 1}. ${update}${escape(truncate(s.points[0]?.text ?? '', 400))}${outlets}`;
  });
  const parent: APIEmbed = {
    title: truncate(escape(title), LIMITS.title),
    color: COLORS.briefing,
    footer: { text: truncate(footer, LIMITS.footer) },
  };
  return body([
    withDescription(parent, [...lines, '', message('DIGEST_THREAD_BELOW'), ...(after ? [after] : [])]),
  ]);
}

/** One story of a threaded digest, posted in the thread: its points, sources and feedback buttons. */
export function renderStoryReply(reply: StoryReply): DiscordMessage {
  const head = reply.briefing.points[0]?.text ?? reply.briefing.title;
  const embed = briefingEmbed(reply.briefing, {
    title: `${reply.position}. ${truncate(head, 200)}`,
    footer: message('DISCORD_STORY_FOOTER', { count: outletCount(reply.briefing) }),
  });
  const out = body([embed]);
  if (reply.storyRef) out.components = [feedbackRow(reply.storyRef)];
  return out;
}
