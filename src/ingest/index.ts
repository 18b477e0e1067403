// Ingestion: read every configured source, store its articles (cleaned, hashed, summarized once,
// grouped into stories, tagged with topics), record each source's fetch state, and poll on each
// source's `every`. The composition root calls createIngestor and passes everything in: settings
// come only from the config it gives.
import type { Logger } from 'pino';
import type { Config } from '../config/load.js';
import type { SourceConfig } from '../config/schema.js';
import type { Topic } from '../core/types.js';
import { runPool } from '../async/pool.js';
import { canonicalUrl } from '../core/canonical.js';
import { fail, type Result } from '../core/result.js';
import { isStoreFault, type StoreFault } from '../store/health.js';
import type { Store } from '../store/ports.js';
import { nextAttemptAfterFailure } from './backoff.js';
import {
  createHttpClient,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
} from './fetch/http.js';
import { createHostLimiter } from './fetch/host-limiter.js';
import { redactUrl, redactUrls } from './fetch/redact.js';
import { articleIdForUrl } from './ids.js';
import { createPoller, finishOrCancel } from './poller.js';
import { createStoreFaultWatch } from './store-faults.js';
import { readSource } from './read.js';
import { createRemoteReader } from './remote.js';
import type { IngestSummary, IngestSummaryRow } from './summary.js';
import { createTagger, retagIfTopicsChanged } from './tagging.js';
import type { RawItem } from './types.js';
import { createArticleWriter, type PreparedItem } from './writer.js';
import type { Metrics } from '../ops/metrics.js';

export { formatIngestSummary, type IngestSummary, type IngestSummaryRow } from './summary.js';

/** Progress of one source in a run, for `newsbrief ingest` to show on stderr. */
export interface IngestProgress {
  sourceId: string;
  phase: 'start' | 'done' | 'failed';
  detail?: string;
}

export interface RunOptions {
  /** Only sources whose next attempt time has come (polling); default: every source. */
  onlyDue?: boolean;
  onProgress?: (event: IngestProgress) => void;
}

export interface Ingestor {
  /** Fetch every source now (or only those due when `onlyDue`), store articles, tag topics. Never throws for a source fault. */
  runOnce(options?: RunOptions): Promise<IngestSummary>;
  /** Poll each source on its `every` (file/dir sources: once at start, then on `every` if set). */
  start(): void;
  /** Stop polling; wait (bounded) for fetches in flight. */
  stop(): Promise<void>;
  /**
   * Resolves once the stored articles carry the current topics' tags: when the topics' rules
   * changed, a new ingestor re-tags everything before it fetches anything.
   */
  ready: Promise<void>;
}

export interface IngestorDeps {
  config: Config;
  store: Pick<Store, 'articles' | 'stories' | 'sources' | 'withTransaction'>;
  log: Logger;
  now?: () => Date;
  userAgent?: string;
  fetchTimeoutMs?: number;
  maxBodyBytes?: number;
  /** Counts fetches, failures and stored articles per source; absent: nothing counted. */
  metrics?: Metrics;
  /** Every topic to tag with, when chat can change them (default: the config's). */
  topics?: () => readonly Topic[];
  /**
   * Several instances on one database: takes the source's lease before a fetch and returns its
   * release, or undefined while another instance holds it (that one fetches the source). Absent:
   * this process is the only reader.
   */
  sourceLease?: (sourceId: string) => Promise<(() => Promise<void>) | undefined>;
}

/** Sources read at the same time; the per-host limit below still applies within them. */
const SOURCE_CONCURRENCY = 8;
/** Requests to one host at a time. */
const PER_HOST = 3;

const isLocal = (source: SourceConfig) => source.type === 'file' || source.type === 'dir';

/** A summary row with nothing counted yet. */
function emptyRow(source: SourceConfig): IngestSummaryRow {
  return { sourceId: source.id, type: source.type, fetched: 0, new: 0, updated: 0, unchanged: 0, failed: 0 };
}

export function createIngestor(deps: IngestorDeps): Ingestor {
  const { config, store } = deps;
  const { articles, sources } = store;
  const log = deps.log.child({ module: 'ingest' });
  const now = deps.now ?? (() => new Date());
  const topics = deps.topics ?? (() => config.topics);
  const tagger = createTagger(topics);
  const writer = createArticleWriter(articles, tagger);
  const http = createHttpClient({
    userAgent: deps.userAgent ?? DEFAULT_USER_AGENT,
    timeoutMs: deps.fetchTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBodyBytes: deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    limiter: createHostLimiter(PER_HOST),
  });
  const remote = createRemoteReader(http, log, async (url) => {
    const canonical = canonicalUrl(url);
    return canonical !== undefined && (await articles.fingerprint(articleIdForUrl(canonical))) !== undefined;
  });
  const startRetag = () => {
    const p = retagIfTopicsChanged([...topics()], store, tagger, log).then(() => undefined);
    // Runs wait for it and report its failure; this keeps a failure nobody waited for from being
    // reported as unhandled as well.
    p.catch(() => undefined);
    return p;
  };
  const ready = startRetag();
  let retag = ready;

  const inFlight = new Set<string>();
  const stopping = new AbortController();
  const storeFaults = createStoreFaultWatch(log, now);

  async function ingestSource(source: SourceConfig): Promise<IngestSummaryRow> {
    const row = emptyRow(source);
    const state = await sources.get(source.id);
    const read = await readSource(source, { state, remote, signal: stopping.signal });
    const at = now();
    const every = 'every' in source ? source.every : undefined;
    if (!read.ok) {
      const { reason, gone, retryAfterMs } = read.error;
      // The reason is shown in logs, the summary and `/brief status`: no address secrets in it.
      const error = redactUrls(reason);
      // Cancelled because newsbrief is stopping: not the source's fault, so no error in status,
      // no failure counted and no backoff; the next start simply reads it again.
      if (stopping.signal.aborted) return { ...row, error };
      // A local file or folder that is gone takes its articles with it.
      if (gone && isLocal(source)) {
        const removed = await articles.remove(await articles.idsOfSource(source.id));
        if (removed > 0) {
          row.removed = removed;
          log.info({ source: source.id, removed }, 'local file gone: its articles were removed');
        }
      }
      const failures = (state?.consecutiveFailures ?? 0) + 1;
      const next = nextAttemptAfterFailure(at, failures, every, retryAfterMs);
      await sources.recordFailure(source.id, source.type, { now: at, error, nextAttemptAt: next });
      log.warn(
        { source: source.id, error, failures, nextAttemptAt: next.toISOString() },
        'source failed; backing off',
      );
      return { ...row, error };
    }
    const delivered = read.value;
    const nextAttemptAt = every === undefined ? undefined : new Date(at.getTime() + every);
    if (delivered.notModified) {
      await sources.recordSuccess(source.id, source.type, {
        now: at,
        etag: state?.etag,
        lastModified: state?.lastModified,
        nextAttemptAt,
      });
      return { ...row, notModified: true };
    }
    const learning = !state?.firstFetchDone;
    const problems = (delivered.skipped ?? []).map(redactUrls);
    const defaultOutlet = source.outlet ?? delivered.outlet ?? source.id;
    const written = new Set<string>();
    const context = { sourceId: source.id, defaultOutlet, learned: learning, now: at };
    const labelOf = (item: RawItem) =>
      item.url ? redactUrl(item.url) : (item.localKey ?? item.title ?? 'an item');
    // A bug met by one odd item must not cost the source its other items.
    const internalError = (item: RawItem, err: unknown) => {
      log.error({ source: source.id, item: labelOf(item), err }, 'unexpected error while storing an item');
      return redactUrls(`${labelOf(item)}: internal error (${(err as Error).message})`);
    };
    // The slow part (cleaning, key points, story signatures) before the transaction...
    const prepared: Result<PreparedItem, string>[] = [];
    for (const item of delivered.items) {
      try {
        const result = await writer.prepare(item, context);
        prepared.push(result.ok ? result : fail(`${labelOf(item)}: ${result.error}`));
      } catch (err) {
        prepared.push(fail(internalError(item, err)));
      }
    }
    // ...and one short transaction that stores them.
    await store.withTransaction(async (tx) => {
      for (const [i, item] of delivered.items.entries()) {
        const ready = prepared[i] as Result<PreparedItem, string>;
        if (!ready.ok) {
          problems.push(ready.error);
          continue;
        }
        try {
          const { status, articleId } = await writer.commit(tx, ready.value, context);
          row[status]++;
          written.add(articleId);
        } catch (err) {
          // The store itself failing (full, read-only) is no fault of this item: the whole
          // transaction goes, and nothing stored before is touched.
          if (isStoreFault(err)) throw err;
          problems.push(internalError(item, err));
        }
      }
      // Files deleted since the last read take their articles with them. Only after a complete
      // read: a file that could not be read this time (skipped) may well still be there.
      if (isLocal(source) && problems.length === 0) {
        const stale = (await tx.articles.idsOfSource(source.id)).filter((id) => !written.has(id));
        if (stale.length > 0) row.removed = await tx.articles.remove(stale);
      }
      await tx.sources.recordSuccess(source.id, source.type, {
        now: at,
        etag: delivered.etag,
        lastModified: delivered.lastModified,
        nextAttemptAt,
      });
    });
    row.fetched = delivered.items.length + (delivered.skipped?.length ?? 0);
    row.failed = problems.length;
    if (problems.length > 0) {
      row.error =
        problems.length === 1 ? problems[0] : `${problems.length} items skipped, first: ${problems[0]}`;
      log.warn({ source: source.id, problems }, 'some items were skipped');
    }
    if (learning) row.learning = true;
    return row;
  }

  /** Runs one source, turning even an unexpected bug into a failed row: one source never stops the rest. */
  async function guarded(
    source: SourceConfig,
    onProgress?: RunOptions['onProgress'],
  ): Promise<IngestSummaryRow> {
    onProgress?.({ sourceId: source.id, phase: 'start' });
    inFlight.add(source.id);
    try {
      const row = await ingestSource(source);
      count(source.id, row);
      onProgress?.({
        sourceId: source.id,
        phase: row.error && row.fetched === 0 ? 'failed' : 'done',
        detail: row.error,
      });
      return row;
    } catch (err) {
      if (isStoreFault(err)) {
        // Said in words (the same for every source), logged once per fault kind per interval,
        // and polling holds off: fetching what cannot be stored helps nobody.
        storeFaults.met(err);
        deps.metrics?.sourceFetched(source.id, 'failed');
        onProgress?.({ sourceId: source.id, phase: 'failed', detail: err.message });
        return { ...emptyRow(source), error: err.message };
      }
      log.error({ source: source.id, err }, 'unexpected error while ingesting a source');
      const error = redactUrls(`internal error: ${(err as Error).message}`);
      deps.metrics?.sourceFetched(source.id, 'failed');
      onProgress?.({ sourceId: source.id, phase: 'failed', detail: error });
      return { ...emptyRow(source), error };
    } finally {
      inFlight.delete(source.id);
    }
  }

  function count(sourceId: string, row: IngestSummaryRow): void {
    if (!deps.metrics || stopping.signal.aborted) return;
    const failed = row.error !== undefined && row.fetched === 0 && !row.notModified;
    deps.metrics.sourceFetched(sourceId, failed ? 'failed' : row.notModified ? 'not_modified' : 'ok');
    deps.metrics.articlesStored(sourceId, { new: row.new, updated: row.updated });
  }

  async function isDue(source: SourceConfig, at: number, includeLocal: boolean): Promise<boolean> {
    if (includeLocal && (source.type === 'file' || source.type === 'dir')) return true;
    const state = await sources.get(source.id);
    if (!state) return true;
    // No next attempt stored: a local source without `every`, read once per start.
    return state.nextAttemptAt !== undefined && Date.parse(state.nextAttemptAt) <= at;
  }

  /**
   * With several instances: runs `fetch` only under the source's lease, and (for runs of what is
   * due) only if the source is still due once the lease is held: an instance that fetched it a
   * moment ago has moved its next attempt on. Undefined: another instance has it.
   */
  async function leased(
    source: SourceConfig,
    options: RunOptions & { includeLocal?: boolean },
    fetch: () => Promise<IngestSummaryRow>,
  ): Promise<IngestSummaryRow | undefined> {
    if (!deps.sourceLease) return fetch();
    let release: (() => Promise<void>) | undefined;
    try {
      release = await deps.sourceLease(source.id);
    } catch (err) {
      log.warn(
        { source: source.id, err: (err as Error).message },
        'could not take the source lease; will retry',
      );
      return undefined;
    }
    if (!release) return undefined;
    try {
      const stillDue = await isDue(source, now().getTime(), options.includeLocal ?? false).catch(() => false);
      if (options.onlyDue && !stillDue) return undefined;
      return await fetch();
    } finally {
      await release().catch(() => undefined);
    }
  }

  /** A run that could not start because of the store: each source says why, as a failed row. */
  function everySourceFailed(err: StoreFault, options: RunOptions): IngestSummary {
    storeFaults.met(err);
    const at = now().toISOString();
    for (const s of config.sources)
      options.onProgress?.({ sourceId: s.id, phase: 'failed', detail: err.message });
    return {
      rows: config.sources.map((s) => ({ ...emptyRow(s), error: err.message })),
      startedAt: at,
      finishedAt: at,
    };
  }

  async function run(options: RunOptions & { includeLocal?: boolean } = {}): Promise<IngestSummary> {
    try {
      await retag;
    } catch (err) {
      if (!isStoreFault(err)) throw err;
      // Re-tagging could not write (read-only, full, locked): every source would store under the
      // old tags, so none is read; the next run tries the re-tagging again.
      retag = startRetag();
      return everySourceFailed(err, options);
    }
    const startedAt = now();
    const due: SourceConfig[] = [];
    try {
      for (const s of config.sources)
        if (!options.onlyDue || (await isDue(s, startedAt.getTime(), options.includeLocal ?? false)))
          due.push(s);
    } catch (err) {
      // Choosing what is due reads the store: a damaged file can fail that read.
      if (!isStoreFault(err)) throw err;
      return everySourceFailed(err, options);
    }
    // Checked after the awaits above, right before the workers start: another run may have
    // taken a source meanwhile.
    const chosen = due.filter((s) => !inFlight.has(s.id));
    const rows: (IngestSummaryRow | undefined)[] = new Array(chosen.length);
    await runPool(chosen, SOURCE_CONCURRENCY, async (source, i) => {
      rows[i] = await leased(source, options, () => guarded(source, options.onProgress));
    });
    return {
      rows: rows.filter((r): r is IngestSummaryRow => r !== undefined),
      startedAt: startedAt.toISOString(),
      finishedAt: now().toISOString(),
    };
  }

  const poller = createPoller({
    run: async (first) => {
      if (storeFaults.holding()) return undefined;
      storeFaults.runStarts();
      try {
        return await run({ onlyDue: true, includeLocal: first });
      } finally {
        storeFaults.runEnded();
      }
    },
    log,
    abort: () => stopping.abort(),
  });

  // Every run in progress, the poller's and runOnce's alike, so stop() can wait for or cancel
  // all of them: nothing may write to the store after the composition root closes it.
  const active = new Set<Promise<IngestSummary>>();
  const tracked = (options?: RunOptions & { includeLocal?: boolean }) => {
    const p = run(options);
    active.add(p);
    void p.finally(() => active.delete(p)).catch(() => undefined);
    return p;
  };

  return {
    ready,
    runOnce: (options) => tracked(options),
    start: () => poller.start(),
    async stop() {
      await poller.stop();
      if (active.size > 0) await finishOrCancel(Promise.allSettled([...active]), () => stopping.abort());
    },
  };
}
