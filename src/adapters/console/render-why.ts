// `/brief why` as terminal text: the sentences of core/why-lines.ts, with links after their label
// and times in the machine's zone, like the rest of the console's output.
import { message } from '../../core/messages.js';
import type { WhyExplanation } from '../../core/why.js';
import { renderWhy, type WhyStyle } from '../../core/why-lines.js';
import { formatDate } from './render.js';

const consoleStyle: WhyStyle = {
  text: (t) => t,
  code: (name) => `\`${name}\``,
  link: (label, url) => (url && url !== label ? `"${label}" <${url}>` : url ? `<${url}>` : `"${label}"`),
  time: (iso) => formatDate(iso, undefined, true),
};

/** The verdict under a heading, then one bullet per reason. */
export function whyText(explanation: WhyExplanation): string {
  const [head, ...rest] = renderWhy(explanation, consoleStyle);
  const title = message('WHY_TITLE');
  return [title, '='.repeat(title.length), '', head ?? '', '', ...rest.map((r) => `  • ${r}`)].join('\n');
}
