// A Briefing as Block Kit: header, context (sources, updated), the points each ending with its
// source links, the articles used, and a "Share in channel" button on a private copy. Long
// briefings are trimmed with "…and N more" notes so Slack never rejects the message.
import type { types } from '@slack/bolt';
import { message } from '../../core/messages.js';
import type { FeedbackStory } from '../../commands/ports.js';
import type { Briefing, BriefingArticle } from '../../core/types.js';
import { LIMITS, more, packLines, truncate } from './limits.js';
import { escape, link, plain, slackDate } from './markup.js';

type Block = types.KnownBlock;

/**
 * The action id of the share button; its value is the topic slug, or `SHARE_TEXT_PREFIX` and the
 * command text that gives the answer again (`/brief url`, `/brief search`).
 */
export const BRIEF_SHARE_ACTION = 'brief_share';
/** The feedback buttons' action ids; each button's value is the stored story's reference. */
export const FEEDBACK_ACTIONS = {
  up: 'brief_feedback_up',
  down: 'brief_feedback_down',
  mute: 'brief_feedback_mute',
} as const;
export const SHARE_TEXT_PREFIX = 'text:';

/** A single point never takes more than this before its links (a point is meant to be one sentence). */
const MAX_POINT_CHARS = 1200;
/** Sections the points may use, and the articles list: a briefing should stay readable. */
const POINT_SECTIONS = 2;
const MAX_LINKS_PER_POINT = 5;
const ARTICLE_SECTIONS = 1;

export interface BriefingOptions {
  /** Header text instead of the topic title (digests: "What's new in …"). */
  heading?: string;
  shareButton: boolean;
  /** The command text the share button runs again; default: the topic's briefing. */
  shareText?: string;
  /** Who shared it, as mrkdwn already safe to show (a `<@U…>` of the clicker, or an escaped name). */
  sharedBy?: string;
  /** A last context line, e.g. the digest's schedule. */
  footer?: string;
  /** Lines after the points, e.g. the digest's "and N more stories" (mrkdwn, already escaped). */
  after?: string;
  /** Feedback buttons (👍, 👎, Mute this story) carrying this story reference. */
  feedbackRef?: string;
  /** Feedback buttons per story (a briefing, a one-message digest): see storyFeedbackBlocks. */
  feedback?: readonly FeedbackStory[];
}

export function briefingBlocks(
  briefing: Briefing,
  options: BriefingOptions,
): { text: string; blocks: Block[] } {
  const byId = new Map(briefing.articles.map((a) => [a.id, a]));
  const sources = new Set(briefing.articles.map((a) => a.outlet)).size;
  const header = truncate(plain(options.heading ?? briefing.title), LIMITS.header);
  const updated =
    briefing.stale && briefing.newestAt
      ? message('SLACK_LATEST_COVERAGE', { at: slackDate(briefing.newestAt) })
      : message('SLACK_UPDATED', { at: slackDate(briefing.newestAt ?? briefing.generatedAt) });
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: header, emoji: true } },
    context(message('SLACK_BRIEFING_CONTEXT', { sources, articles: briefing.articles.length, updated })),
  ];
  if (options.sharedBy) blocks.push(context(message('SLACK_SHARED_BY', { user: options.sharedBy })));

  const pointLines = briefing.points.map((p) => {
    const cites = p.articleIds.map((id) => byId.get(id)).filter((a): a is BriefingArticle => a !== undefined);
    // A wire story can be carried by dozens of outlets; a few links say enough.
    const shown = cites.slice(0, MAX_LINKS_PER_POINT).map((a) => link(a.outlet, a.url));
    if (cites.length > MAX_LINKS_PER_POINT) shown.push(`+${cites.length - MAX_LINKS_PER_POINT}`);
    const links = shown.join(', ');
    const outlets = p.storyOutlets ? ` · ${escape(message('STORY_OUTLETS', { count: p.storyOutlets }))}` : '';
    const update = p.update ? `*${escape(message('STORY_UPDATE'))}* ` : '';
    return `• ${update}${escape(truncate(p.text, MAX_POINT_CHARS))}${links ? ` (${links})` : ''}${outlets}`;
  });
  for (const text of packLines(pointLines, POINT_SECTIONS, more('points')).texts) blocks.push(section(text));

  const articleLines = briefing.articles.map((a) => {
    const when = a.publishedAt ? `, ${slackDate(a.publishedAt)}` : '';
    return `• ${link(truncate(a.title, 300), a.url)}: ${escape(a.outlet)}${when}`;
  });
  const label = `*${message('ARTICLES_HEADING')}*\n`;
  const articles = packLines(articleLines, ARTICLE_SECTIONS, more('articles'), LIMITS.section - label.length);
  if (articles.texts[0]) blocks.push(section(`${label}${articles.texts[0]}`));

  if (options.after) blocks.push(context(options.after));
  if (options.footer) blocks.push(context(escape(options.footer)));
  if (options.feedbackRef) blocks.push(feedbackButtons(options.feedbackRef));
  // At most 5 stories, two blocks each: with the rest of a briefing (at most 10 blocks) far
  // under Slack's 50 per message.
  if (options.feedback) blocks.push(...storyFeedbackBlocks(options.feedback));
  if (options.shareButton) {
    blocks.push({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: BRIEF_SHARE_ACTION,
          value: options.shareText
            ? truncate(`${SHARE_TEXT_PREFIX}${options.shareText}`, 2000)
            : briefing.topic,
          text: { type: 'plain_text', text: truncate(message('SLACK_SHARE_BUTTON'), LIMITS.button) },
        },
      ],
    });
  }
  return { text: fallback(briefing, header), blocks };
}

/**
 * The buttons under a message of several stories: for each, a line naming it (its number and
 * headline, and whether this channel muted it) and its 👍, 👎, Mute this story (not for a story
 * already muted). One unmuted story needs no name: the message is about it.
 */
export function storyFeedbackBlocks(stories: readonly FeedbackStory[]): Block[] {
  const only = stories[0];
  if (stories.length === 1 && only && !only.muted) return [feedbackButtons(only.ref)];
  return stories.flatMap((s, i) => {
    const label = message('FEEDBACK_STORY_LABEL', { position: i + 1, headline: truncate(s.headline, 150) });
    const muted = s.muted ? ` · _${escape(message('FEEDBACK_MUTED_HERE'))}_` : '';
    return [context(`${escape(label)}${muted}`), feedbackButtons(s.ref, !s.muted)];
  });
}

/** 👍, 👎 and "Mute this story" (unless `mute` is false) under a briefing or a digest story. */
export function feedbackButtons(ref: string, mute = true): Block {
  const button = (action: string, text: string) => ({
    type: 'button' as const,
    action_id: action,
    value: truncate(ref, 2000),
    text: { type: 'plain_text' as const, text: truncate(text, LIMITS.button), emoji: true },
  });
  return {
    type: 'actions',
    elements: [
      button(FEEDBACK_ACTIONS.up, message('FEEDBACK_UP')),
      button(FEEDBACK_ACTIONS.down, message('FEEDBACK_DOWN')),
      ...(mute ? [button(FEEDBACK_ACTIONS.mute, message('FEEDBACK_MUTE'))] : []),
    ],
  };
}

/** The notification text: the heading and the first point, plain and short. */
function fallback(briefing: Briefing, header: string): string {
  const first = briefing.points[0]?.text;
  const body = first ? `${escape(header)}: ${escape(first)}` : escape(header);
  return truncate(body, LIMITS.fallback);
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(text: string): Block {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.section) }] };
}
