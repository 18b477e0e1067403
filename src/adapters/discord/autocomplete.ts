// Autocomplete choices for topic and time-zone options: prefix matches first, then close
// spellings (core/suggest.ts), within Discord's 25 choices of at most 100 characters each.
import type { APIApplicationCommandOptionChoice } from 'discord.js';
import { closest } from '../../core/suggest.js';
import type { TopicSummary } from '../../core/types.js';
import { truncate } from './limits.js';

/** Discord shows at most 25 choices; names and values are at most 100 characters. */
export const MAX_CHOICES = 25;
const CHOICE_MAX = 100;

/** Every IANA zone this runtime knows, plus `UTC` (which Intl does not list). */
export function timeZoneNames(): string[] {
  return [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
}

function rank(input: string, names: readonly string[]): string[] {
  if (!input.trim()) return names.slice(0, MAX_CHOICES);
  return closest(input, names, MAX_CHOICES);
}

/** Topics whose slug (or title) is near what was typed; the value is the slug. */
export function topicChoices(
  input: string,
  topics: readonly TopicSummary[],
): APIApplicationCommandOptionChoice<string>[] {
  const bySlug = new Map(topics.map((t) => [t.slug, t]));
  const slugs = rank(input, [...bySlug.keys()]);
  // A word of the title also counts ("alliance" finds japan-defense), after slug matches.
  const q = input.trim().toLowerCase();
  const byTitle = q
    ? topics.filter((t) => !slugs.includes(t.slug) && t.title.toLowerCase().includes(q)).map((t) => t.slug)
    : [];
  return [...slugs, ...byTitle]
    .filter((slug) => slug.length <= CHOICE_MAX)
    .slice(0, MAX_CHOICES)
    .map((slug) => ({
      name: truncate(`${slug} (${bySlug.get(slug)?.title ?? ''})`, CHOICE_MAX),
      value: slug,
    }));
}

/** Time zones by prefix of the full name or of its city part, then by closeness. */
export function timeZoneChoices(
  input: string,
  zones: readonly string[] = timeZoneNames(),
): APIApplicationCommandOptionChoice<string>[] {
  const q = input.trim().toLowerCase().replace(/\s+/g, '_');
  const cityPrefix = q ? zones.filter((z) => (z.split('/').pop() ?? '').toLowerCase().startsWith(q)) : [];
  const ranked = [
    ...new Set([...zones.filter((z) => z.toLowerCase().startsWith(q)), ...cityPrefix, ...rank(q, zones)]),
  ];
  return ranked.slice(0, MAX_CHOICES).map((z) => ({ name: z, value: z }));
}
