// Times as people read them in replies: in the channel's zone, with the zone's abbreviation.

/** `Mon 1 Dec 2026, 08:00 Asia/Tokyo` for an ISO time in an IANA zone (the zone's name is unambiguous; abbreviations are not). */
export function formatRunTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}, ${get('hour')}:${get('minute')} ${timeZone}`;
}
