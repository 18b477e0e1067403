// Feed dates, read leniently: RFC 822 (RSS), ISO 8601 (Atom, JSON Feed, dc:date), and the odd
// forms real feeds use. Anything unreadable is simply no date, never an error.

const DATE_SHAPE =
  /\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{4}\/\d{1,2}\/\d{1,2}/;

/** ISO 8601 (UTC) for a date as a feed wrote it, or undefined. */
export function parseFeedDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  let s = text.trim().replace(/\s+/g, ' ');
  if (!s) return undefined;
  // "2023-01-13 10:00:00" has no zone: feeds that write it mean UTC far more often than the
  // server's local time, and reading it as local would make results depend on the machine.
  if (/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) s = `${s.replace(' ', 'T')}Z`;
  // "Fri, 13 Jan 2023 10:00:00 +0900 (JST)": drop the trailing comment.
  s = s.replace(/\s*\([A-Za-z ]+\)$/, '');
  // A misspelled weekday must not spoil the date ("Thu, 13 Jan 2023" when it was a Friday).
  s = s.replace(/^[A-Za-z]{3,9},?\s+(?=\d)/, '');
  // "UT" is RFC 822 for UTC; JavaScript does not know it.
  s = s.replace(/ UT$/, ' GMT');
  // JavaScript's parser accepts nearly anything ("not a date 2025" is 1 January 2025): insist on
  // a day, month and year in one of the shapes feeds actually use.
  if (!DATE_SHAPE.test(s)) return undefined;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return undefined;
  const year = new Date(t).getUTCFullYear();
  // Years like 0001 or 9999 are placeholders, not dates.
  return year < 1990 || year > 2200 ? undefined : new Date(t).toISOString();
}
