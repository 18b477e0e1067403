// The Metrics port over prom-client, exported in Prometheus' text format at GET /metrics. One
// registry per bot, made by the composition root (no global registry: two bots in one process,
// as in tests, count separately). Label values are bounded: source ids come from the config,
// command names from the registry, platforms and outcomes from fixed lists.
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Metrics } from './metrics.js';

export interface PrometheusMetrics extends Metrics {
  /** The text exposition, for GET /metrics. */
  render(): Promise<string>;
  contentType: string;
}

export function createPrometheusMetrics(options: { processMetrics?: boolean } = {}): PrometheusMetrics {
  const registry = new Registry();
  // Memory, CPU, event-loop lag and handles of this process, prefixed like ours.
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'newsbrief_' });
  const registers = [registry];
  const fetches = new Counter({
    name: 'newsbrief_source_fetches_total',
    help: 'Source reads, by source and outcome (ok, not_modified, failed).',
    labelNames: ['source', 'outcome'],
    registers,
  });
  const failures = new Counter({
    name: 'newsbrief_source_failures_total',
    help: 'Source reads that failed, by source.',
    labelNames: ['source'],
    registers,
  });
  const stored = new Counter({
    name: 'newsbrief_articles_stored_total',
    help: 'Articles written to the store, by source and status (new, updated).',
    labelNames: ['source', 'status'],
    registers,
  });
  const commands = new Counter({
    name: 'newsbrief_commands_total',
    help: 'Chat commands answered, by command, platform and outcome (ok, refused, failed).',
    labelNames: ['command', 'platform', 'outcome'],
    registers,
  });
  const latency = new Histogram({
    name: 'newsbrief_command_duration_seconds',
    help: 'Time from dispatch to reply inside the process, by command and platform.',
    labelNames: ['command', 'platform'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const digests = new Counter({
    name: 'newsbrief_digests_total',
    help: 'Digest slots per channel, by platform and outcome (posted, nothing, failed, ...).',
    labelNames: ['platform', 'outcome'],
    registers,
  });
  const retries = new Counter({
    name: 'newsbrief_post_retries_total',
    help: 'Posts tried again after a transient failure, by platform and code.',
    labelNames: ['platform', 'code'],
    registers,
  });

  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    sourceFetched(source, outcome) {
      fetches.inc({ source, outcome });
      if (outcome === 'failed') failures.inc({ source });
    },
    articlesStored(source, counts) {
      if (counts.new > 0) stored.inc({ source, status: 'new' }, counts.new);
      if (counts.updated > 0) stored.inc({ source, status: 'updated' }, counts.updated);
    },
    commandAnswered(command, platform, outcome, seconds) {
      commands.inc({ command, platform, outcome });
      latency.observe({ command, platform }, seconds);
    },
    digestFinished(platform, outcome) {
      digests.inc({ platform, outcome });
    },
    postRetried(platform, code) {
      retries.inc({ platform, code });
    },
  };
}
