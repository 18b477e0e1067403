// Times as people read them in replies: in the channel's zone, with the zone's abbreviation.

// Building an Intl formatter costs far more than using one; replies format many times per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    // Zones come from validated subscriptions and config, so this stays small.
    formatters.set(timeZone, f);
  }
  return f;
}

/** `Mon 1 Dec 2026, 08:00 Asia/Tokyo` for an ISO time in an IANA zone (the zone's name is unambiguous; abbreviations are not). */
export function formatRunTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = formatterFor(timeZone).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}, ${get('hour')}:${get('minute')} ${timeZone}`;
}
