// Validators shared by the config schema and the subscribe command: cron expressions (node-cron's
// own parser, so what validates here is exactly what the scheduler accepts) and IANA time zones
// (the runtime's ICU data, so what validates here is what Intl can format).
import cron from 'node-cron';
import { closest } from '../core/suggest.js';

export function isValidCron(expression: string): boolean {
  return typeof expression === 'string' && expression.trim() !== '' && cron.validate(expression.trim());
}

export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An absolute http: or https: URL (feeds, pages and API base URLs). */
export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

let zoneNames: string[] | undefined;

/** Known IANA zones close to a misspelt one (`Asia/Tokio` -> `Asia/Tokyo`), best first. */
export function suggestTimeZones(zone: string): string[] {
  zoneNames ??= [...Intl.supportedValuesOf('timeZone'), 'UTC'];
  return closest(zone, zoneNames);
}
