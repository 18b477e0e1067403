// Slack mrkdwn building blocks: escaping, links and dates. Everything that comes from an article
// or from a person goes through `escape` before it reaches a message, so nothing in it can ping a
// channel, mention a user or forge a link.

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

/**
 * A link `<url|label>`, or the escaped label alone when the url is missing or not http(s).
 * `|` in the url would end it early, so it is percent-encoded.
 */
export function link(label: string, url: string | undefined): string {
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
