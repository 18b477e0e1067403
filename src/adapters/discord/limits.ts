// Discord rejects a message that exceeds any embed limit (a common crash in news bots). These
// helpers trim instead: whole lines are dropped from the end and replaced by "…and N more", so a
// long briefing is shortened, never refused.
import type { APIEmbed } from 'discord.js';
import { message } from '../../core/messages.js';

/** Discord's documented limits (characters unless noted). */
export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  embeds: 10,
  content: 2000,
} as const;

/** Cuts a single string to `max` characters, ending in an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Avoid leaving half a surrogate pair or a dangling escape backslash at the cut.
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/\\+$/, (s) => (s.length % 2 === 1 ? s.slice(0, -1) : s));
  return `${cut}…`;
}

/**
 * Joins as many leading lines as fit in `max` characters; when some are left out, the last line
 * says how many. A single line longer than the budget is clipped rather than dropped.
 */
export function packLines(lines: readonly string[], max: number, separator = '\n'): string {
  const all = lines.join(separator);
  if (all.length <= max) return all;
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const more = message('DISCORD_AND_MORE', { count: lines.length - i - 1 });
    const line = lines[i] as string;
    const cost = (kept.length ? separator.length : 0) + line.length;
    const reserve = i < lines.length - 1 ? separator.length + more.length : 0;
    if (used + cost + reserve <= max) {
      kept.push(line);
      used += cost;
      continue;
    }
    if (kept.length === 0) {
      // Nothing fits yet: clip this first line so the reader sees something, then count the rest.
      const rest = lines.length - 1;
      const tail = rest > 0 ? separator + message('DISCORD_AND_MORE', { count: rest }) : '';
      return truncate(line, max - tail.length) + tail;
    }
    return (
      kept.join(separator) + separator + message('DISCORD_AND_MORE', { count: lines.length - kept.length })
    );
  }
  return kept.join(separator);
}

/** Characters Discord counts toward the 6,000 per message: titles, descriptions, fields, footers, authors. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}
