// The StatusService port: what each source last did, and which digests are failing, in one report.
import type { Invocation, SourceStatus, StatusService, SubscriptionView } from '../commands/ports.js';

export function createStatusService(deps: {
  sources: () => SourceStatus[];
  /** Failing or paused digests; absent when digests are not wired. */
  failingDigests?: (invocation: Invocation) => SubscriptionView[];
}): StatusService {
  return {
    report(invocation, now) {
      return {
        generatedAt: now.toISOString(),
        sources: deps.sources(),
        failingDigests: deps.failingDigests?.(invocation) ?? [],
      };
    },
  };
}
