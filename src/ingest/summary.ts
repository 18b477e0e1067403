// The table `newsbrief ingest --once` prints at the end: one row per source, and totals.

/** One source's outcome in an ingestion run. */
export interface IngestSummaryRow {
  sourceId: string;
  type: string;
  /** Items the source delivered. */
  fetched: number;
  new: number;
  updated: number;
  unchanged: number;
  /** Items that could not be stored (or 0 when the whole source failed: see `error`). */
  failed: number;
  /** Why the source (or some of its items) failed, in words. */
  error?: string;
  /** The server answered 304: nothing changed since the last fetch. */
  notModified?: boolean;
  /** First successful fetch: items recorded as backlog, not announced as news. */
  learning?: boolean;
  /** Articles removed because their local file was deleted. */
  removed?: number;
}

/** A whole run. */
export interface IngestSummary {
  rows: IngestSummaryRow[];
  startedAt: string;
  finishedAt: string;
}

const HEADERS = ['source', 'type', 'fetched', 'new', 'updated', 'unchanged', 'failed', 'note'] as const;

/** The whole source could not be read (not a 304): no item count means anything. */
const sourceFailed = (row: IngestSummaryRow) =>
  row.error !== undefined && row.fetched === 0 && !row.notModified;

function note(row: IngestSummaryRow): string {
  // A failed source leads with that, so "0 failed" items never reads as "all fine".
  if (sourceFailed(row)) return `source failed: ${row.error}`;
  const parts: string[] = [];
  if (row.notModified) parts.push('not modified (304)');
  if (row.learning) parts.push('first fetch: backlog recorded, not announced');
  if (row.removed) parts.push(`${row.removed} removed (file deleted)`);
  if (row.error) parts.push(row.error);
  return parts.join('; ');
}

/** A plain-text table (fixed-width columns) with a totals line; the run's duration at the end. */
export function formatIngestSummary(summary: IngestSummary): string {
  const rows = summary.rows.map((r) => [
    r.sourceId,
    r.type,
    String(r.fetched),
    String(r.new),
    String(r.updated),
    String(r.unchanged),
    sourceFailed(r) ? '-' : String(r.failed),
    note(r),
  ]);
  const sum = (k: 'fetched' | 'new' | 'updated' | 'unchanged' | 'failed') =>
    String(summary.rows.reduce((n, r) => n + r[k], 0));
  const failedSources = summary.rows.filter(sourceFailed).length;
  rows.push([
    'total',
    '',
    sum('fetched'),
    sum('new'),
    sum('updated'),
    sum('unchanged'),
    sum('failed'),
    failedSources ? `${failedSources} source(s) failed` : '',
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = (i: number) => i >= 2 && i <= 6;
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) =>
        i === cells.length - 1 ? c : numeric(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd();
  const seconds = (Date.parse(summary.finishedAt) - Date.parse(summary.startedAt)) / 1000;
  const out = [
    line(HEADERS),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.slice(0, -1).map(line),
    line(widths.map((w) => '-'.repeat(w))),
    line(rows[rows.length - 1] ?? []),
  ];
  out.push(`${summary.rows.length} source(s) in ${Number.isFinite(seconds) ? seconds.toFixed(1) : '?'}s`);
  return out.join('\n');
}
