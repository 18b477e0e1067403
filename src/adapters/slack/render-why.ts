// `/brief why` on Slack: the sentences of core/why-lines.ts in mrkdwn, every title, error and typed
// word escaped, links as <url|title>, times in each reader's zone.
import { message } from '../../core/messages.js';
import type { WhyExplanation } from '../../core/why.js';
import { renderWhy, type WhyStyle } from '../../core/why-lines.js';
import { LIMITS, more, packLines, truncate } from './limits.js';
import { escape, link, slackDate } from './markup.js';
import type { Block, SlackMessage } from './render.js';

const slackStyle: WhyStyle = {
  text: (t) => escape(t),
  code: (name) => `\`${escape(name.replace(/`/g, "'"))}\``,
  link: (label, url) => link(label, url),
  time: (iso) => slackDate(iso),
};

/** Sections the reasons may fill (a wide topic list must not reach Slack's 50 blocks). */
const MAX_REASON_SECTIONS = 5;

export function renderWhyReply(explanation: WhyExplanation): SlackMessage {
  const [head = '', ...rest] = renderWhy(explanation, slackStyle);
  const title = message('WHY_TITLE');
  const reasons = packLines(
    rest.map((r) => `• ${r}`),
    MAX_REASON_SECTIONS,
    more('reasons'),
  );
  const blocks: Block[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(`*${title}*\n${head}`, LIMITS.section) } },
    ...reasons.texts.map((text): Block => ({ type: 'section', text: { type: 'mrkdwn', text } })),
  ];
  // The notification text is plain: the verdict without markup beyond Slack's own escaping.
  const plainHead =
    renderWhy(explanation, {
      ...slackStyle,
      link: (label) => escape(label),
      time: (iso) => iso.slice(0, 16).replace('T', ' '),
    })[0] ?? '';
  return { text: truncate(plainHead, LIMITS.fallback), blocks };
}
