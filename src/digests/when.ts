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

/** Quotes people type around a cron expression (straight, curly, backticks) are not part of it. */
function unquote(text: string): string {
  return text.replace(/^["'`\u201c\u2018]+|["'`\u201d\u2019]+$/g, '').trim();
}

/**
 * Parses `daily HH:MM`, `weekdays HH:MM`, `hourly`, or a cron expression of 5 or 6 fields.
 * Problems: BAD_TIME (a keyword with an impossible time), BAD_CRON (with node-cron's reason for
 * the first bad field), BAD_WHEN (anything else).
 */
export function parseWhen(input: string): Result<ParsedWhen> {
  const text = unquote(input.trim().replace(/\s+/g, ' '));
  const [word = '', ...rest] = text.split(' ');
  const keyword = word.toLowerCase();
  if (keyword === 'hourly' && rest.length === 0)
    return { ok: true, value: { schedule: '0 * * * *', label: 'hourly' } };
  if (keyword === 'daily' || keyword === 'weekdays') {
    const timeText = rest.join(' ');
    if (rest.length !== 1)
      return { ok: false, problem: { code: 'BAD_TIME', params: { time: timeText || '(none)' } } };
    const time = parseTime(timeText);
    if (!time) return { ok: false, problem: { code: 'BAD_TIME', params: { time: timeText } } };
    const days = keyword === 'daily' ? '*' : '1-5';
    return {
      ok: true,
      value: {
        schedule: `${time.minute} ${time.hour} * * ${days}`,
        label: `${keyword} ${pad(time.hour)}:${pad(time.minute)}`,
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
  if (!looksLikeCron) return { ok: false, problem: { code: 'BAD_WHEN', params: { when: input.trim() } } };
  const check = cron.validateDetailed(text);
  if (!check.valid || (fields.length !== 5 && fields.length !== 6)) {
    const first = check.errors[0];
    const detail = first
      ? `${first.field}: ${first.message}`
      : `expected 5 or 6 fields but got ${fields.length}`;
    return { ok: false, problem: { code: 'BAD_CRON', params: { cron: text, detail } } };
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
    return { ok: false, problem: { code: 'BAD_TIMEZONE', params: { timezone: zone, suggestions } } };
  }
}
