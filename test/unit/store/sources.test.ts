import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteArticleRepository } from '../../../src/store/articles.js';
import { openDatabase, type Db } from '../../../src/store/db.js';
import { createSqliteSourceRepository } from '../../../src/store/sources.js';
import { neverFetchedSource } from '../../support/store.js';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-sources-'));
  db = openDatabase(path.join(dir, 'n.db'));
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const T0 = new Date('2025-01-01T00:00:00Z');
const T1 = new Date('2025-01-01T00:15:00Z');

describe('source repository', () => {
  it('GIVEN configured sources, one never fetched THEN status lists both, in config order, with article counts', async () => {
    const sources = createSqliteSourceRepository(db);
    const articles = createSqliteArticleRepository(db);
    await articles.upsert(
      { id: 'x', sourceId: 'b', contentHash: 'h', title: 't', outlet: 'o', text: 'text', points: [] },
      { learned: false, now: T0 },
    );
    await sources.recordSuccess('b', 'feed', { now: T0, etag: '"1"', nextAttemptAt: T1 });
    expect(
      await sources.list([
        { id: 'a', type: 'file' },
        { id: 'b', type: 'feed' },
      ]),
    ).toEqual([
      neverFetchedSource('a', 'file'),
      {
        id: 'b',
        type: 'feed',
        articleCount: 1,
        consecutiveFailures: 0,
        lastAttemptAt: T0.toISOString(),
        lastSuccessAt: T0.toISOString(),
        lastError: undefined,
        nextAttemptAt: T1.toISOString(),
      },
    ]);
  });

  it('GIVEN failures after a success THEN the error and count accumulate while validators and learning state stay; a success clears them', async () => {
    const sources = createSqliteSourceRepository(db);
    await sources.recordSuccess('b', 'feed', {
      now: T0,
      etag: '"1"',
      lastModified: 'Wed, 01 Jan 2025 00:00:00 GMT',
    });
    await sources.recordFailure('b', 'feed', {
      now: T1,
      error: 'HTTP 500 Internal Server Error',
      nextAttemptAt: T1,
    });
    await sources.recordFailure('b', 'feed', { now: T1, error: 'timed out after 15s', nextAttemptAt: T1 });
    expect(await sources.get('b')).toMatchObject({
      etag: '"1"',
      firstFetchDone: true,
      consecutiveFailures: 2,
      lastError: 'timed out after 15s',
      lastSuccessAt: T0.toISOString(),
    });
    await sources.recordSuccess('b', 'feed', { now: T1, etag: '"2"' });
    expect(await sources.get('b')).toMatchObject({
      etag: '"2"',
      consecutiveFailures: 0,
      lastError: undefined,
    });
  });

  it('GIVEN a source that has only failed THEN it is not marked as having recorded its backlog', async () => {
    const sources = createSqliteSourceRepository(db);
    await sources.recordFailure('c', 'page', { now: T0, error: 'HTTP 404 Not Found', nextAttemptAt: T1 });
    expect(await sources.get('c')).toMatchObject({ firstFetchDone: false, consecutiveFailures: 1 });
  });
});
