// Digest counters on the real digest service (SQLite file, real runs): a post answered 429 twice
// and then accepted is one digest posted after two retries; a channel that is gone is one failed.
import { afterEach, describe, expect, it } from 'vitest';
import { channelGone, createFakeDigestPoster, rateLimited } from '../../fakes/digest-poster.js';
import { createPrometheusMetrics } from '../../../src/ops/prometheus.js';
import { channel, makeHarness, type Harness } from '../digests/harness.js';
import { sample } from '../../support/metrics.js';

const NOW = new Date('2026-11-28T08:00:00.000Z');
let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('GIVEN a digest service counting into a Prometheus registry', () => {
  it('WHEN one channel is rate limited twice and another is gone THEN /metrics shows 1 posted, 1 failed, 2 retries', async () => {
    const metrics = createPrometheusMetrics({ processMetrics: false });
    const poster = createFakeDigestPoster('console');
    h = makeHarness({ posters: { console: poster }, now: () => NOW, extra: { metrics } });
    await h.addArticle('a1', 'japan-defense');
    const ids: string[] = [];
    for (const c of ['c1', 'c2']) {
      const r = await h!.service.subscriptions.subscribe(
        channel(c),
        { topic: 'japan-defense', when: 'daily 08:00' },
        NOW,
      );
      if (!r.ok) throw new Error('subscribe failed');
      ids.push(r.value.id);
    }
    poster.respond((target, _m, attempt) =>
      target.channelId === 'c2' ? channelGone : attempt <= 2 ? rateLimited(1) : undefined,
    );
    for (const id of ids) await h.service.runSlot(id, NOW);
    const text = await metrics.render();
    expect(poster.postsTo('c1')).toHaveLength(1);
    expect(sample(text, 'newsbrief_digests_total', { platform: 'console', outcome: 'posted' })).toBe(1);
    expect(sample(text, 'newsbrief_digests_total', { platform: 'console', outcome: 'failed' })).toBe(1);
    expect(sample(text, 'newsbrief_post_retries_total', { platform: 'console', code: 'rate_limited' })).toBe(
      2,
    );
  });
});
