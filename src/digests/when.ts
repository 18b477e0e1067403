// The subscribe grammar: what a person types for "when" and "time zone", turned into a cron
// expression node-cron accepts and a canonical IANA zone. Pure apart from asking node-cron and
// Intl (the same parsers the scheduler and the formatter use, so what passes here also runs).
import cron from 'node-cron';
import { closest } from '../core/suggest.js';
import type { Result } from '../commands/ports.js';

/** A schedule as stored: the cron expression node-cron runs and the label people read. */
export interface ParsedWhen {
  /** 5 fields (minute precision) or 6 (second precision). */
  schedule: string;
  /** `daily 08:00`, `weekdays 08:00`, `hourly`, or the cron expression itself. */
  label: string;
}

const TIME = /^(\d{1,2}):(\d{2})$/;

/** `8:05` / `08:05` -> hour and minute, or undefined when it is not a 24-hour time of day. */
function parseTime(text: string): { hour: number; minute: number } | undefined {
  const m = TIME.exec(text);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

const pad = (n: number) => String(n).padStart(2, '0');

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** `mon`, `Monday`, `tue`... -> 0 (Sunday) to 6, or undefined. */
function dayOfWeek(word: string): number | undefined {
  const w = word.toLowerCase();
  if (w.length < 3) return undefined;
  const i = DAY_NAMES.findIndex((d) => d.startsWith(w));
  return i < 0 ? undefined : i;
}

/** Cron fields as people name them, with what each accepts (for BAD_CRON). */
const CRON_FIELDS: Record<string, { name: string; range: string }> = {
  second: { name: 'second', range: 'a second from 0 to 59' },
  minute: { name: 'minute', range: 'a minute from 0 to 59' },
  hour: { name: 'hour', range: 'an hour from 0 to 23' },
  dayOfMonth: { name: 'day of the month', range: 'a day from 1 to 31' },
  month: { name: 'month', range: 'a month from 1 to 12 (or jan to dec)' },
  dayOfWeek: { name: 'day of the week', range: 'a day from 0 to 7 (or sun to sat)' },
};

/** Quotes people type around a cron expression (straight, curly, backticks) are not part of it. */
function unquote(text: string): string {
  return text.replace(/^["'`\u201c\u2018]+|["'`\u201d\u2019]+$/g, '').trim();
}

/**
 * Parses `daily HH:MM`, `weekdays HH:MM`, `weekly [day] HH:MM`, `hourly`, or a cron expression
 * of 5 or 6 fields. Problems: MISSING_TIME, BAD_TIME and BAD_DAY (a keyword without a usable
 * time or day), BAD_CRON (naming the first bad field in our words), BAD_WHEN (anything else).
 */
export function parseWhen(input: string): Result<ParsedWhen> {
  const text = unquote(input.trim().replace(/\s+/g, ' '));
  const [word = '', ...rest] = text.split(' ');
  const keyword = word.toLowerCase();
  if (keyword === 'hourly' && rest.length === 0)
    return { ok: true, value: { schedule: '0 * * * *', label: 'hourly' } };
  if (keyword === 'daily' || keyword === 'weekdays' || keyword === 'weekly') {
    // `weekly` takes an optional day before the time (Monday when none is given).
    const dayIndex = keyword === 'weekly' && rest.length === 2 ? dayOfWeek(rest[0] as string) : undefined;
    if (keyword === 'weekly' && rest.length === 2 && dayIndex === undefined)
      return { ok: false, error: { code: 'BAD_DAY', params: { day: rest[0] as string } } };
    const timeWords = dayIndex === undefined ? rest : rest.slice(1);
    if (timeWords.length === 0) return { ok: false, error: { code: 'MISSING_TIME', params: { keyword } } };
    const timeText = timeWords.join(' ');
    const time = timeWords.length === 1 ? parseTime(timeText) : undefined;
    if (!time) return { ok: false, error: { code: 'BAD_TIME', params: { time: timeText } } };
    const day = dayIndex ?? 1;
    const days = keyword === 'daily' ? '*' : keyword === 'weekdays' ? '1-5' : String(day);
    const hhmm = `${pad(time.hour)}:${pad(time.minute)}`;
    return {
      ok: true,
      value: {
        schedule: `${time.minute} ${time.hour} * * ${days}`,
        label: keyword === 'weekly' ? `weekly ${DAY_NAMES[day]} ${hhmm}` : `${keyword} ${hhmm}`,
      },
    };
  }
  const fields = text.split(' ');
  // Only something shaped like cron (several fields of cron characters) is judged as cron;
  // "tomorrow" or "weekly 08:00" is a schedule we do not understand, not a broken expression.
  const looksLikeCron =
    fields.length >= 3 &&
    fields.every((f) => /^[0-9*/,\-?LW#a-zA-Z]+$/.test(f)) &&
    /[0-9*]/.test(fields[0] ?? '');
  if (!looksLikeCron) return { ok: false, error: { code: 'BAD_WHEN', params: { when: input.trim() } } };
  if (fields.length !== 5 && fields.length !== 6)
    return {
      ok: false,
      error: { code: 'BAD_CRON', params: { cron: text, detail: `it has ${fields.length} fields, not 5` } },
    };
  const check = cron.validateDetailed(text);
  if (!check.valid) {
    // node-cron's own wording ("61 is a invalid expression for minute") stays out of replies.
    const first = check.errors[0];
    const field = CRON_FIELDS[first?.field ?? ''];
    const detail = field
      ? `the ${field.name} "${first?.value}" is not ${field.range}`
      : 'a field holds something cron does not accept';
    return { ok: false, error: { code: 'BAD_CRON', params: { cron: text, detail } } };
  }
  return { ok: true, value: { schedule: text, label: text } };
}

let zoneNames: string[] | undefined;
/** Every IANA zone the runtime knows, plus `UTC` (which Intl accepts but does not list). */
function knownZones(): string[] {
  zoneNames ??= [...Intl.supportedValuesOf('timeZone'), 'UTC'];
  return zoneNames;
}

/**
 * The canonical spelling of a time zone (`asia/tokyo` -> `Asia/Tokyo`), UTC when none is given,
 * or BAD_TIMEZONE with the closest known names.
 */
export function resolveTimeZone(input: string | undefined): Result<string> {
  const zone = input?.trim();
  if (!zone) return { ok: true, value: 'UTC' };
  try {
    const canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return { ok: true, value: canonical };
  } catch {
    const suggestions = closest(zone, knownZones())
      .map((z) => `\`${z}\``)
      .join(' or ');
    return { ok: false, error: { code: 'BAD_TIMEZONE', params: { timezone: zone, suggestions } } };
  }
}
