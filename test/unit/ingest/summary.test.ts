import { describe, expect, it } from 'vitest';
import { formatIngestSummary, type IngestSummaryRow } from '../../../src/ingest/summary.js';

/** A feed's row with nothing fetched, stored or failed; a test passes what its source did. */
const feedRow = (sourceId: string, over: Partial<IngestSummaryRow> = {}): IngestSummaryRow => ({
  sourceId,
  type: 'feed',
  fetched: 0,
  new: 0,
  updated: 0,
  unchanged: 0,
  failed: 0,
  ...over,
});

describe('formatIngestSummary', () => {
  it('GIVEN rows with a failure, a 304 and a first fetch THEN the table shows each with its reason and totals', () => {
    const text = formatIngestSummary({
      startedAt: '2025-01-01T00:00:00.000Z',
      finishedAt: '2025-01-01T00:00:02.500Z',
      rows: [
        feedRow('harbor', { fetched: 3, new: 3, learning: true }),
        feedRow('ledger', { notModified: true }),
        feedRow('broken', { error: 'HTTP 404 Not Found' }),
      ],
    });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^source\s+type\s+fetched\s+new\s+updated\s+unchanged\s+failed\s+note$/);
    expect(text).toMatch(/harbor\s+feed\s+3\s+3\s+0\s+0\s+0\s+first fetch: backlog recorded/);
    expect(text).toMatch(/ledger .*not modified \(304\)/);
    // A source that could not be read says so; its item count is not a reassuring "0 failed".
    expect(text).toMatch(/broken\s+feed\s+0\s+0\s+0\s+0\s+-\s+source failed: HTTP 404 Not Found/);
    expect(text).toMatch(/total\s+3\s+3\s+0\s+0\s+0\s+1 source\(s\) failed/);
    expect(lines.at(-1)).toBe('3 source(s) in 2.5s');
  });
});
