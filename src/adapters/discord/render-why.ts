// `/brief why` on Discord: the sentences of core/why-lines.ts in an embed, titles and errors
// escaped like article text, links masked, times in Discord's own markup (each reader's zone).
import type { APIEmbed } from 'discord.js';
import { message } from '../../core/messages.js';
import type { WhyExplanation } from '../../core/why.js';
import { renderWhy, type WhyStyle } from '../../core/why-lines.js';
import { escape, link } from './markup.js';
import { LIMITS, packLines, truncate } from './limits.js';

const discordStyle: WhyStyle = {
  text: (t) => escape(t),
  code: (name) => `\`${name.replace(/`/g, "'")}\``,
  link: (label, url) => link(label, url),
  time: (iso) => {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? escape(iso) : `<t:${Math.floor(ms / 1000)}:f>`;
  },
};

export function whyEmbed(explanation: WhyExplanation, color: number): APIEmbed {
  const [head = '', ...rest] = renderWhy(explanation, discordStyle);
  return {
    title: truncate(message('WHY_TITLE'), LIMITS.title),
    color,
    description: packLines([head, '', ...rest.map((r) => `• ${r}`)], LIMITS.description),
  };
}
