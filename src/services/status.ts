// The StatusService port: what each source last did, and which digests are failing, in one report.
import type { Invocation, SourceStatus, StatusService, SubscriptionView } from '../commands/ports.js';
import { redactUrls } from '../ingest/fetch/redact.js';

export function createStatusService(deps: {
  sources: () => SourceStatus[];
  /** Failing or paused digests; absent when digests are not wired. */
  failingDigests?: (invocation: Invocation) => SubscriptionView[];
}): StatusService {
  return {
    report(invocation, now) {
      return {
        generatedAt: now.toISOString(),
        // Anyone in a channel can ask for status: an error recorded with an address (even by an
        // older version) never shows that address's credentials.
        sources: deps.sources().map((s) => (s.lastError ? { ...s, lastError: redactUrls(s.lastError) } : s)),
        failingDigests: deps.failingDigests?.(invocation) ?? [],
      };
    },
  };
}
