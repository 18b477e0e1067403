// The metrics port: what the bot counts, named for what happened, not for how it is exported.
// Ingestion, commands and digests receive a `Metrics` from the composition root (main.ts) and
// call it; only src/ops/prometheus.ts knows about prom-client. Code built without one (tests,
// one-shot CLI commands) gets `noMetrics`, which counts nothing.
import type { Platform } from '../core/types.js';

/** How one source fetch ended. */
export type FetchOutcome = 'ok' | 'not_modified' | 'failed';
/** How one command ended: answered, refused (bad arguments, rights, unknown), or a bug caught. */
export type CommandOutcome = 'ok' | 'refused' | 'failed';
/** How one channel's digest slot ended (deliver.ts's outcomes). */
export type DigestOutcome = 'posted' | 'nothing' | 'duplicate' | 'failed' | 'deferred' | 'uncertain';

export interface Metrics {
  sourceFetched(sourceId: string, outcome: FetchOutcome): void;
  articlesStored(sourceId: string, counts: { new: number; updated: number }): void;
  commandAnswered(command: string, platform: Platform, outcome: CommandOutcome, seconds: number): void;
  digestFinished(platform: Platform, outcome: DigestOutcome): void;
  /** A post was tried again after a transient failure (429, 5xx, network). */
  postRetried(platform: Platform, code: string): void;
}

/** Counts nothing: for code paths that run without the bot (tests, `newsbrief brief`). */
export const noMetrics: Metrics = {
  sourceFetched: () => undefined,
  articlesStored: () => undefined,
  commandAnswered: () => undefined,
  digestFinished: () => undefined,
  postRetried: () => undefined,
};
