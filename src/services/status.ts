// The StatusService port: what each source last did, and which digests are failing, in one report.
import type {
  FeedbackCount,
  Invocation,
  PlatformStatus,
  SourceStatus,
  StatusReport,
  StatusService,
  SubscriptionView,
} from '../commands/ports.js';
import { redactUrls } from '../ingest/fetch/redact.js';

export function createStatusService(deps: {
  sources: () => Promise<SourceStatus[]>;
  /** Failing or paused digests; absent when digests are not wired. */
  failingDigests?: (invocation: Invocation) => Promise<SubscriptionView[]>;
  /** Platforms not up (a start being retried); absent outside the bot. */
  platforms?: () => PlatformStatus[];
  /** Threaded digests posted as one message here, and why. */
  threadNotes?: (invocation: Invocation) => Promise<NonNullable<StatusReport['threadNotes']>>;
  /** Feedback counts per topic over the last 30 days. */
  feedback?: (invocation: Invocation, now: Date) => Promise<FeedbackCount[]>;
}): StatusService {
  return {
    async report(invocation, now) {
      const [sources, failingDigests, threadNotes, feedback] = await Promise.all([
        deps.sources(),
        deps.failingDigests?.(invocation) ?? [],
        deps.threadNotes?.(invocation),
        deps.feedback?.(invocation, now),
      ]);
      return {
        generatedAt: now.toISOString(),
        // Anyone in a channel can ask for status: an error recorded with an address (even by an
        // older version) never shows that address's credentials.
        sources: sources.map((s) => (s.lastError ? { ...s, lastError: redactUrls(s.lastError) } : s)),
        failingDigests,
        platforms: deps.platforms?.() ?? [],
        ...(threadNotes?.length ? { threadNotes } : {}),
        ...(feedback ? { feedback } : {}),
      };
    },
  };
}
