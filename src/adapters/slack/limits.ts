// Slack's limits, and trimming within them: a long text is cut with an ellipsis, lines that do not
// fit are counted in an "…and N more" note, so a long briefing is shortened, never refused.
import { message, type MessageParams } from '../../core/messages.js';
import { cutAt } from '../../core/text/control.js';

/** Slack's documented limits that rendering must stay within. */
export const LIMITS = {
  /** Text of a section block. */
  section: 3000,
  /** Plain text of a header block. */
  header: 150,
  /** Blocks in one message. */
  blocks: 50,
  /** Elements in one context block. */
  contextElements: 10,
  /** Top-level `text`: Slack truncates far later (40,000), but a notification needs little. */
  fallback: 3000,
  /** Button label. */
  button: 75,
} as const;

/**
 * Shortens to `max` characters, ending with an ellipsis when cut. The cut never lands inside a
 * `<…>` token (a link, a date, a mention) or an `&amp;`/`&lt;`/`&gt;` entity: half a link is an
 * unclosed `<https://…|…` that Slack shows as raw markup, so a token the cut would split is left
 * out whole, and so is a half entity. In mrkdwn every `<` is markup newsbrief made (article text
 * is escaped); plain text (headers, buttons) rarely holds `<http` or `<!`, and loses nothing else.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${wholeTokens(cutAt(text, Math.max(0, max - 1))).trimEnd()}…`;
}

/** What follows `<` in a Slack token: a link, a special mention or date, a user, a channel. */
const TOKEN_START = /^(https?:|mailto:|[!@#])/i;
/** The start of an entity `escape` writes, cut before its `;`. */
const HALF_ENTITY = /&(a|am|amp|l|lt|g|gt)?$/;

/** `cut` without a trailing `<…` token or entity that the cut left open. */
function wholeTokens(cut: string): string {
  const open = cut.lastIndexOf('<');
  if (open >= 0 && !cut.includes('>', open)) {
    const rest = cut.slice(open + 1).toLowerCase();
    // Cut so early that only the start of `<https:` or `<mailto:` is left counts as well.
    if (TOKEN_START.test(rest) || ['https:', 'mailto:'].some((p) => p.startsWith(rest)))
      cut = cut.slice(0, open);
  }
  return cut.replace(HALF_ENTITY, '');
}

export interface Packed {
  /** Texts for consecutive section blocks, each within the section limit. */
  texts: string[];
  /** How many lines did not fit. */
  omitted: number;
}

/**
 * Packs lines (already escaped mrkdwn) into at most `maxSections` texts of at most `max`
 * characters. A line longer than a whole section is cut. Lines that do not fit are counted, and
 * `more(n)` is appended to the last text (room for it is kept) so the reader knows.
 */
export function packLines(
  lines: string[],
  maxSections: number,
  more: (n: number) => string,
  max: number = LIMITS.section,
): Packed {
  const texts: string[] = [];
  let current = '';
  let used = 0;
  // Reserve room for the "…and N more" note in every section: any one may turn out to be the last.
  const room = max - more(lines.length).length - 1;
  for (const raw of lines) {
    const line = truncate(raw, room);
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length <= room) {
      current = joined;
      used++;
      continue;
    }
    if (texts.length + 1 >= maxSections) break;
    texts.push(current);
    current = line;
    used++;
  }
  if (current) texts.push(current);
  const omitted = lines.length - used;
  if (omitted > 0 && texts.length > 0) texts[texts.length - 1] += `\n${more(omitted)}`;
  return { texts, omitted };
}

/** The italic "…and N more <what>" note `packLines` appends when lines are left out. */
export function more(what: MessageParams<'SLACK_MORE'>['what']): (n: number) => string {
  return (n) => `_${message('SLACK_MORE', { count: n, what })}_`;
}
