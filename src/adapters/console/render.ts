// Reply -> plain text for a terminal (and Markdown for `newsbrief brief --format markdown`).
// Points cite their articles by number; the numbered sources follow, so every point can be traced.
import type { Briefing } from '../../core/types.js';
import type { Reply, SourceStatus, SubscriptionView } from '../../commands/ports.js';
import { formatRunTime } from '../../commands/time.js';
import { message } from '../../core/messages.js';
import { stripControl } from '../../core/text/control.js';
import { escape, link } from './markup.js';
import { whyText } from './render-why.js';

const DAY_MS = 86_400_000;

/**
 * `13 Jan 2023` or `13 Jan 2023, 08:15 UTC` in the given zone (the machine's by default). A time
 * always names its zone: a reader elsewhere, or a log read later, cannot guess the machine's.
 */
export function formatDate(iso: string | undefined, timeZone?: string, withTime = false): string {
  if (!iso) return message('UNDATED');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return message('UNDATED');
  const dateOnly = /^\d{4}-\d{2}-\d{2}(T00:00(:00(\.000)?)?Z)?$/.test(iso);
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: dateOnly ? 'UTC' : timeZone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime && !dateOnly
      ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const, timeZoneName: 'short' as const }
      : {}),
  }).format(d);
}

/** A line saying how fresh the briefing is, e.g. "latest coverage is 684 days old". */
export function freshness(b: Briefing): string {
  if (!b.newestAt) return '';
  const days = Math.floor((Date.parse(b.generatedAt) - Date.parse(b.newestAt)) / DAY_MS);
  if (b.stale) return message('CONSOLE_STALE', { days });
  return days <= 0
    ? message('CONSOLE_LATEST_TODAY')
    : message('CONSOLE_LATEST_FROM', { date: formatDate(b.newestAt) });
}

interface Style {
  heading(text: string): string;
  bullet: string;
  link(text: string, url: string | undefined): string;
}

const textStyle: Style = {
  heading: (t) => `${t}\n${'='.repeat(Math.min(t.length, 72))}`,
  bullet: '  •',
  link: (text, url) => (url ? `${text} <${url}>` : text),
};

const markdownStyle: Style = {
  heading: (t) => `## ${escape(t)}`,
  bullet: '-',
  link: (text, url) => link(text, url),
};

function briefingLines(b: Briefing, style: Style, markdown: boolean): string[] {
  const esc = markdown ? escape : (t: string) => t;
  const index = new Map(b.articles.map((a, i) => [a.id, i + 1]));
  const lines = [style.heading(b.title), ''];
  // "sources" are outlets, as on Slack and Discord; the articles are counted apart.
  const outlets = new Set(b.articles.map((a) => a.outlet)).size;
  const meta = [
    message('CONSOLE_BRIEFING_MADE', { at: formatDate(b.generatedAt, undefined, true) }),
    message('SOURCE_COUNT', { count: outlets }),
    message('ARTICLE_COUNT', { count: b.articles.length }),
    freshness(b),
  ].filter(Boolean);
  lines.push(markdown ? `_${meta.join(' · ')}_` : meta.join(' · '), '');
  for (const p of b.points) {
    const refs = p.articleIds.map((id) => `[${index.get(id)}]`).join('');
    lines.push(
      `${style.bullet} ${esc(p.text)} ${markdown ? refs.replace(/\[/g, '\\[').replace(/\]/g, '\\]') : refs}${p.storyOutlets ? ` (${message('STORY_OUTLETS', { count: p.storyOutlets })})` : ''}`,
    );
  }
  lines.push('', markdown ? `**${message('SOURCES_HEADING')}**` : message('SOURCES_HEADING'));
  b.articles.forEach((a, i) => {
    const when = a.publishedAt ? `, ${formatDate(a.publishedAt, undefined, true)}` : '';
    lines.push(
      `${markdown ? `${i + 1}.` : `  [${i + 1}]`} ${style.link(a.title, a.url)} (${esc(a.outlet)}${when})`,
    );
  });
  return lines;
}

function sourceLine(s: SourceStatus): string {
  const last = s.lastSuccessAt
    ? message('CONSOLE_LAST_FETCHED', { at: formatDate(s.lastSuccessAt, undefined, true) })
    : message('NEVER_FETCHED');
  const err = s.lastError
    ? `; ${message('CONSOLE_SOURCE_ERROR', {
        error: s.lastError,
        ...(s.nextAttemptAt ? { retry: formatDate(s.nextAttemptAt, undefined, true) } : {}),
      })}`
    : '';
  return `  • ${s.id} (${s.type}): ${message('ARTICLE_COUNT', { count: s.articleCount })}, ${last}${err}`;
}

function subscriptionLine(s: SubscriptionView): string {
  const next = s.nextRunAt
    ? message('NEXT_RUN', { at: formatRunTime(s.nextRunAt, s.timezone) })
    : message('NOT_SCHEDULED');
  const state = s.state === 'active' ? '' : ` [${s.state}${s.lastError ? `: ${s.lastError}` : ''}]`;
  const origin = s.fromConfig ? ` (${message('CONSOLE_FROM_CONFIG')})` : '';
  const quiet = s.quietNote ? `, ${message('CONSOLE_QUIET_ON')}` : '';
  return `  • ${s.topic}: ${s.when} ${s.timezone}, ${next}${quiet}${state}${origin}`;
}

/**
 * The reply as terminal text (markdown = true gives GitHub-flavoured Markdown instead). Never a
 * control character or escape sequence, whatever an article stored before they were stripped
 * at ingest carries.
 */
export function renderText(reply: Reply, markdown = false): string {
  return stripControl(renderUnchecked(reply, markdown));
}

function renderUnchecked(reply: Reply, markdown: boolean): string {
  switch (reply.kind) {
    case 'briefing':
      return briefingLines(reply.briefing, markdown ? markdownStyle : textStyle, markdown).join('\n');
    case 'help': {
      const lines = [message('HELP_INTRO'), '', `${message('COMMANDS_HEADING')}:`];
      for (const c of reply.commands) lines.push(`  ${c.usage}\n      ${c.description}`);
      lines.push('', `${message('TOPICS_HEADING')}:`);
      if (reply.topics.length === 0) lines.push(`  (${message('NONE_CONFIGURED')})`);
      for (const t of reply.topics) lines.push(`  ${t.slug}: ${t.title}`);
      return lines.join('\n');
    }
    case 'topics':
      return [
        `${message('TOPICS_HEADING')}:`,
        ...reply.topics.map(
          (t) =>
            `  • ${t.slug}: ${t.title} (${message('ARTICLE_COUNT', { count: t.articleCount })}${t.newestAt ? `, ${message('CONSOLE_NEWEST', { at: formatDate(t.newestAt, undefined, true) })}` : ''})`,
        ),
      ].join('\n');
    case 'status': {
      const down = reply.report.platforms ?? [];
      const lines = down.length
        ? [
            `${message('PLATFORMS_DOWN_HEADING')}:`,
            ...down.map(
              (p) =>
                `  • ${message('PLATFORM_DOWN', { platform: p.platform, state: p.state, error: p.error ?? '', next: p.nextAttemptAt ? formatDate(p.nextAttemptAt, undefined, true) : '' })}`,
            ),
            '',
          ]
        : [];
      const store = reply.report.store;
      if (store)
        lines.push(
          message('STORE_STATUS', {
            state: store.state,
            error: store.error ?? store.state,
            since: store.since ? formatDate(store.since, undefined, true) : '',
            detail: store.detail ?? '',
          }),
          '',
        );
      lines.push(`${message('SOURCES_HEADING')}:`, ...reply.report.sources.map(sourceLine));
      if (reply.report.sources.length === 0) lines.push(`  (${message('NONE_CONFIGURED')})`);
      lines.push('', `${message('CONSOLE_FAILING_DIGESTS')}:`);
      if (reply.report.failingDigests.length === 0) lines.push(`  ${message('NONE')}`);
      lines.push(...reply.report.failingDigests.map(subscriptionLine));
      const notes = reply.report.threadNotes ?? [];
      if (notes.length) lines.push('', `${message('THREAD_NOTES_HEADING')}:`);
      for (const n of notes)
        lines.push(`  ${message('THREAD_NOTE', { topic: n.topic, channel: n.channelId, note: n.note })}`);
      if (reply.report.feedback) {
        lines.push('', `${message('FEEDBACK_HEADING')}:`);
        if (reply.report.feedback.length === 0) lines.push(`  ${message('FEEDBACK_NONE')}`);
        for (const f of reply.report.feedback) lines.push(`  ${message('FEEDBACK_COUNTS', { ...f })}`);
      }
      return lines.join('\n');
    }
    case 'subscriptions':
      return [
        `${message('CONSOLE_SUBSCRIPTIONS_HEADING')}:`,
        ...reply.subscriptions.map(subscriptionLine),
      ].join('\n');
    case 'why':
      return whyText(reply.explanation);
    case 'notice':
      return reply.text;
  }
}
