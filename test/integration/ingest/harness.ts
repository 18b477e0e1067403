// Shared set-up for ingestion integration tests: a real SQLite file in a temp folder, a config
// built from source and topic lists, and an ingestor with a silent logger and a fixed clock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach } from 'vitest';
import type { Config } from '../../../src/config/load.js';
import type { SourceConfig } from '../../../src/config/schema.js';
import type { Topic } from '../../../src/core/types.js';
import { createIngestor, type Ingestor, type IngestorDeps } from '../../../src/ingest/index.js';
import type { Article } from '../../../src/core/types.js';
import { openDatabase, type Db } from '../../../src/store/db.js';
import type { ArticleRepository, SourceRepository, Store } from '../../../src/store/ports.js';
import { createSqliteStore } from '../../../src/store/sqlite.js';
import { startNewsServer, type NewsServer, type Route } from '../../fakes/news-server.js';

export const JAPAN_DEFENSE: Topic = {
  slug: 'japan-defense',
  title: 'Japan defense',
  keywords: ['japan', 'defense', 'okinawa', 'tomahawk', 'missile'],
  exclude: [],
};

export function makeConfig(sources: SourceConfig[], topics: Topic[] = [JAPAN_DEFENSE]): Config {
  return {
    file: '/test/newsbrief.yaml',
    sources,
    topics,
    digests: [],
    briefing: { windowDays: 7, maxPoints: 6 },
    store: { retentionDays: 90 },
    slack: { managers: [] },
  };
}

export function feed(
  id: string,
  url: string,
  extra: Partial<Extract<SourceConfig, { type: 'feed' }>> = {},
): SourceConfig {
  return { id, type: 'feed', url, every: 15 * 60_000, fullText: false, ...extra };
}

export function page(id: string, url: string): SourceConfig {
  return { id, type: 'page', url, every: 15 * 60_000 };
}

export interface Harness {
  dir: string;
  dbFile: string;
  db: Db;
  store: Store;
  articles: ArticleRepository;
  sources: SourceRepository;
  /** The clock the ingestor sees; tests move it. */
  clock: { now: Date };
  ingestor(config: Config, extra?: Partial<IngestorDeps>): Ingestor;
  /** Closes and reopens the database file, as a restart would. */
  reopen(): void;
  cleanup(): void;
}

export function createHarness(start = new Date('2025-01-08T06:00:00Z')): Harness {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbrief-ingest-'));
  const dbFile = path.join(dir, 'newsbrief.db');
  const clock = { now: start };
  const h: Harness = {
    dir,
    dbFile,
    db: openDatabase(dbFile),
    store: undefined as unknown as Store,
    articles: undefined as unknown as ArticleRepository,
    sources: undefined as unknown as SourceRepository,
    clock,
    ingestor(config, extra = {}) {
      return createIngestor({
        config,
        store: h.store,
        log: pino({ level: 'silent' }),
        now: () => clock.now,
        fetchTimeoutMs: 2_000,
        ...extra,
      });
    },
    reopen() {
      h.db.close();
      h.db = openDatabase(dbFile);
      useStore(createSqliteStore(h.db));
    },
    cleanup() {
      if (h.db.open) h.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const useStore = (store: Store) => {
    h.store = store;
    h.articles = store.articles;
    h.sources = store.sources;
  };
  useStore(createSqliteStore(h.db));
  return h;
}

/** Every stored article, by id. */
export async function allArticles(articles: ArticleRepository): Promise<Article[]> {
  const all: Article[] = [];
  for await (const a of articles.iterateAll()) all.push(a);
  return all;
}

export interface IngestBed {
  /** A fresh local news server for each test, serving the file's routes. */
  server: NewsServer;
  /** A fresh SQLite store and ingestor harness for each test. */
  h: Harness;
}

/**
 * Registers the usual pair around every test of a file: a news server with `routes` and a harness
 * whose clock starts at `start`; both are closed (and the temp folder removed) after each test.
 */
export function useIngestBed(routes: Record<string, Route> = {}, start?: Date): IngestBed {
  const bed = {} as IngestBed;
  beforeEach(async () => {
    bed.server = await startNewsServer(routes);
    bed.h = createHarness(start);
  });
  afterEach(async () => {
    bed.h.cleanup();
    await bed.server.close();
  });
  return bed;
}
