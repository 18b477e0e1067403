// Slack mrkdwn building blocks: escaping, links, dates and trimming. Everything that comes from an
// article or from a person goes through `escape` before it reaches a message, so nothing in it can
// ping a channel, mention a user or forge a link.
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

// A word joiner after "@" keeps the word readable but stops Slack from treating it as a broadcast.
const BROADCAST = /@(channel|here|everyone)\b/gi;

/**
 * Escapes text for mrkdwn: `&`, `<`, `>` become entities (so `<!channel>`, `<@U123>` and
 * `<http://x|y>` stay inert text) and bare `@channel`/`@here`/`@everyone` are neutralized.
 */
export function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BROADCAST, '@\u2060$1');
}

/** Plain text (header, button, fallback): no entities, but broadcasts are still neutralized. */
export function plain(text: string): string {
  return text.replace(BROADCAST, '@\u2060$1');
}

/** Shortens to `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${cutAt(text, Math.max(0, max - 1)).trimEnd()}…`;
}

/**
 * A link `<url|label>`, or the escaped label alone when the url is missing or not http(s).
 * `|` in the url would end it early, so it is percent-encoded.
 */
export function link(url: string | undefined, label: string): string {
  const safeLabel = escape(label).replace(/\|/g, '¦');
  if (!url || !/^https?:\/\//i.test(url)) return safeLabel;
  const safeUrl = url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
  return `<${safeUrl}|${safeLabel}>`;
}

/**
 * A time Slack shows in each reader's own zone, with a UTC fallback for clients that cannot.
 * Returns `fallbackText` unchanged for an unparseable time.
 */
export function slackDate(iso: string | undefined, fallbackText = 'unknown time'): string {
  if (!iso) return fallbackText;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return fallbackText;
  const fallback = new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback} UTC>`;
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
