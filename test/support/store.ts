// Store inputs and answers that many store tests share: a subscription as /digest makes one, and
// what the source list says about a source that was never fetched.
import type { SubscriptionInput } from '../../src/store/ports.js';

/**
 * A daily 08:00 (UTC) japan-defense digest in Slack channel C1 of workspace T1, subscribed by U1;
 * a test passes what its case is about.
 */
export function subscriptionInput(over: Partial<SubscriptionInput> = {}): SubscriptionInput {
  return {
    platform: 'slack',
    workspaceId: 'T1',
    channelId: 'C1',
    topic: 'japan-defense',
    schedule: '0 8 * * *',
    whenLabel: 'daily 08:00',
    timezone: 'UTC',
    createdBy: 'U1',
    quietNote: false,
    fromConfig: false,
    ...over,
  };
}

/** The status line of a configured source that was never fetched: no articles, no tries, no error. */
export function neverFetchedSource(id: string, type: string) {
  return {
    id,
    type,
    articleCount: 0,
    consecutiveFailures: 0,
    lastAttemptAt: undefined,
    lastSuccessAt: undefined,
    lastError: undefined,
    nextAttemptAt: undefined,
  };
}
