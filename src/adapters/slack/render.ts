// Reply -> Slack message (Block Kit blocks plus a plain-text fallback for notifications). Pure
// functions: no I/O, no wording of their own beyond structure (sentences come from messages.ts).
import type { types } from '@slack/bolt';
import type { Reply, StatusReport, SubscriptionView, UsageLine } from '../../commands/ports.js';
import { message } from '../../core/messages.js';
import type { TopicSummary } from '../../core/types.js';
import type { DigestMessage, StoryReply } from '../../digests/ports.js';
import { briefingBlocks, type BriefingOptions } from './render-briefing.js';
import { LIMITS, more, packLines, truncate } from './limits.js';
import { escape, plain, slackDate } from './markup.js';
import { renderWhyReply } from './render-why.js';

export type Block = types.KnownBlock;

/** What Slack needs to show a message: blocks, and the text notifications and old clients use. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export { BRIEF_SHARE_ACTION, FEEDBACK_ACTIONS, SHARE_TEXT_PREFIX } from './render-briefing.js';

/** Renders any Reply. `sharedBy` marks a briefing posted to the channel on someone's behalf. */
export function renderReply(reply: Reply, options: { sharedBy?: string } = {}): SlackMessage {
  switch (reply.kind) {
    case 'briefing':
      return briefingBlocks(reply.briefing, {
        feedback: reply.feedback,
        shareButton: reply.visibility === 'ephemeral',
        shareText: reply.shareText,
        sharedBy: options.sharedBy,
      });
    case 'help':
      return renderHelp(reply.commands, reply.topics);
    case 'topics':
      return listMessage(message('TOPICS_HEADING'), reply.topics.map(topicLine), 'topics');
    case 'status':
      return renderStatus(reply.report);
    case 'subscriptions':
      return listMessage(
        message('SUBSCRIPTIONS_HEADING'),
        reply.subscriptions.map(subscriptionLine),
        'digests',
      );
    case 'why':
      return renderWhyReply(reply.explanation);
    case 'notice':
      return renderNotice(reply.text, reply.tone);
  }
}

/**
 * A digest post: the all-quiet line; threaded, the parent listing the stories (their points
 * follow as replies, renderStoryReply); otherwise the briefing under "What's new in …", or the
 * briefing itself on a first digest, with the flood-control line when stories were left out.
 */
export function renderDigest(digest: DigestMessage): SlackMessage {
  const { briefing } = digest;
  if (digest.kind === 'quiet') return renderNotice(message('ALL_QUIET', { topic: briefing.title }), 'info');
  const heading =
    digest.kind === 'new' ? message('SLACK_DIGEST_HEADING', { title: briefing.title }) : briefing.title;
  const moreLine = digest.more
    ? `_${escape(message('DIGEST_MORE_STORIES', { count: digest.more, topic: briefing.topic }))}_`
    : undefined;
  if (digest.threaded && digest.stories) return renderParent(digest, heading, moreLine);
  const options: BriefingOptions = {
    shareButton: false,
    footer: digest.scheduleLabel,
    after: moreLine,
    feedback: digest.feedback,
  };
  if (digest.kind === 'new') options.heading = heading;
  return briefingBlocks(briefing, options);
}

/** A threaded digest's parent: one line per story (its headline point and how many outlets). */
function renderParent(digest: DigestMessage, heading: string, moreLine: string | undefined): SlackMessage {
  const lines = (digest.stories ?? []).map((s, i) => {
    const head = s.points[0]?.text ?? '';
    const update = s.update ? `*${escape(message('STORY_UPDATE'))}* ` : '';
    const outlets = s.outlets > 1 ? ` · ${escape(message('STORY_OUTLETS', { count: s.outlets }))}` : '';
    return `${i + 1}. ${update}${escape(truncate(head, 400))}${outlets}`;
  });
  const header = truncate(plain(heading), LIMITS.header);
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: header, emoji: true } }];
  for (const text of packLines(lines, 2, more('stories')).texts)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  const notes = [escape(message('DIGEST_THREAD_BELOW')), ...(moreLine ? [moreLine] : [])];
  blocks.push(contextBlock(notes.join('\n')), contextBlock(escape(digest.scheduleLabel)));
  const first = digest.stories?.[0]?.points[0]?.text;
  return { text: truncate(first ? `${header}: ${first}` : header, LIMITS.fallback), blocks };
}

/** One story of a threaded digest, posted in the thread: its points, sources and feedback buttons. */
export function renderStoryReply(reply: StoryReply): SlackMessage {
  const head = reply.briefing.points[0]?.text ?? reply.briefing.title;
  return briefingBlocks(reply.briefing, {
    heading: `${reply.position}. ${head}`,
    shareButton: false,
    feedbackRef: reply.storyRef,
  });
}

function contextBlock(text: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.section) }] };
}

/** A one-sentence answer (errors, confirmations), escaped like everything else. */
export function renderNotice(text: string, tone: 'info' | 'success' | 'error'): SlackMessage {
  const icon = { info: '', success: ':white_check_mark: ', error: ':warning: ' }[tone];
  const body = truncate(`${icon}${escape(text)}`, LIMITS.section);
  return {
    text: truncate(escape(text), LIMITS.fallback),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: body } }],
  };
}

/**
 * Sections a list may fill. Block Kit would allow 49, but a 150,000-character reply helps nobody
 * (and Slack's undocumented total-size limits are lower), so long lists say "…and N more".
 */
const MAX_LIST_SECTIONS = 10;

/** A bold title and lines packed into as many sections as the block limit allows. */
function listMessage(
  title: string,
  lines: string[],
  what: Parameters<typeof more>[0],
  extra: Block[] = [],
): SlackMessage {
  const room = Math.min(MAX_LIST_SECTIONS, LIMITS.blocks - 1 - extra.length);
  const packed = packLines(lines, room, more(what));
  const blocks: Block[] = [{ type: 'section', text: { type: 'mrkdwn', text: `*${title}*` } }];
  for (const text of packed.texts) blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  blocks.push(...extra);
  return { text: truncate(`${title}: ${lines.length}`, LIMITS.fallback), blocks };
}

function topicLine(t: TopicSummary): string {
  const count = message('SLACK_TOPIC_COUNT', {
    count: t.articleCount,
    ...(t.newestAt ? { latest: slackDate(t.newestAt) } : {}),
  });
  return `• \`${escape(t.slug)}\` ${escape(t.title)} (${count})`;
}

function subscriptionLine(s: SubscriptionView): string {
  const next = s.nextRunAt ? message('NEXT_RUN', { at: slackDate(s.nextRunAt) }) : message('NOT_SCHEDULED');
  const state = s.state === 'active' ? '' : ` *${s.state}*${s.lastError ? `: ${escape(s.lastError)}` : ''}`;
  const origin = s.fromConfig ? ` (${message('SLACK_FROM_CONFIG')})` : '';
  return `• \`${escape(s.topic)}\` ${escape(s.when)}, ${escape(s.timezone)}: ${next}${state}${origin}`;
}

function renderHelp(commands: UsageLine[], topics: TopicSummary[]): SlackMessage {
  const usage = packLines(
    commands.map((c) => `\`${escape(c.usage)}\` ${escape(c.description)}`),
    1,
    more('commands'),
  );
  const topicText = topics.length
    ? packLines(
        topics.map((t) => `\`${escape(t.slug)}\` ${escape(t.title)}`),
        1,
        more('topics'),
      ).texts
    : [escape(message('NO_TOPICS'))];
  const blocks: Block[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${message('HELP_TITLE')}*\n${usage.texts.join('\n')}` },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${message('TOPICS_HEADING')}*\n${topicText.join('\n')}` },
    },
  ];
  for (const block of blocks) {
    if (block.type === 'section' && block.text) block.text.text = truncate(block.text.text, LIMITS.section);
  }
  return { text: message('HELP_TITLE'), blocks };
}

/** Threaded digests without threads here, and the feedback counts, as sections (when there are any). */
function statusNotes(report: StatusReport): Block[] {
  const blocks: Block[] = [];
  const section = (title: string, lines: string[]): Block => ({
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(`*${escape(title)}*\n${lines.join('\n')}`, LIMITS.section) },
  });
  const notes = (report.threadNotes ?? []).map(
    (n) =>
      `• ${escape(message('THREAD_NOTE', { topic: n.topic, channel: `<#${n.channelId}>`, note: n.note }))}`,
  );
  if (notes.length) blocks.push(section(message('THREAD_NOTES_HEADING'), notes));
  if (report.feedback) {
    const lines = report.feedback.map((f) => `• ${escape(message('FEEDBACK_COUNTS', { ...f }))}`);
    blocks.push(section(message('FEEDBACK_HEADING'), lines.length ? lines : [message('FEEDBACK_NONE')]));
  }
  return blocks;
}

function renderStatus(report: StatusReport): SlackMessage {
  const sources = report.sources.map((s) => {
    const fetched = s.lastSuccessAt
      ? message('SLACK_FETCHED', { at: slackDate(s.lastSuccessAt) })
      : message('NEVER_FETCHED');
    const error = s.lastError
      ? `; ${message('SLACK_SOURCE_ERROR', {
          error: escape(truncate(s.lastError, 300)),
          count: s.consecutiveFailures,
          ...(s.nextAttemptAt ? { next: slackDate(s.nextAttemptAt) } : {}),
        })}`
      : '';
    return `• \`${escape(s.id)}\` (${escape(s.type)}) ${message('ARTICLE_COUNT', { count: s.articleCount })}, ${fetched}${error}`;
  });
  const failing = report.failingDigests.map(subscriptionLine);
  // Sources and failing digests share the block budget; each list keeps at least a few sections.
  const failingPacked = failing.length ? packLines(failing, 10, more('digests')) : undefined;
  const extra: Block[] = failingPacked
    ? [
        { type: 'section', text: { type: 'mrkdwn', text: `*${message('FAILING_DIGESTS_HEADING')}*` } },
        ...failingPacked.texts.map((text): Block => ({ type: 'section', text: { type: 'mrkdwn', text } })),
      ]
    : [];
  const down = report.platforms ?? [];
  if (down.length) {
    const lines = down.map(
      (p) =>
        `• ${escape(message('PLATFORM_DOWN', { platform: p.platform, state: p.state, error: truncate(p.error ?? '', 300), next: '' }))}${p.nextAttemptAt ? `; ${message('NEXT_TRY', { at: slackDate(p.nextAttemptAt) })}` : ''}`,
    );
    extra.unshift(
      { type: 'section', text: { type: 'mrkdwn', text: `*${message('PLATFORMS_DOWN_HEADING')}*` } },
      { type: 'section', text: { type: 'mrkdwn', text: truncate(lines.join('\n'), LIMITS.section) } },
    );
  }
  if (report.store) {
    const { state, error, since, detail } = report.store;
    const text = message('STORE_STATUS', {
      state,
      error: error ?? state,
      since: since ? slackDate(since) : '',
      detail: detail ?? '',
    });
    extra.unshift({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(escape(text), LIMITS.section) },
    });
  }
  extra.push(...statusNotes(report));
  const msg = listMessage(message('SOURCES_HEADING'), sources, 'sources', extra);
  msg.text = message('SLACK_STATUS_FALLBACK', {
    sources: report.sources.length,
    failing: report.failingDigests.length,
  });
  return msg;
}
