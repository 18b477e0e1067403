// Two instances of the real bot on one PostgreSQL database, 40 Slack channels subscribed to one
// slot, the fake Slack API answering some posts with 429: every channel gets the digest exactly
// once. Then the same with one instance SIGKILLed mid-fan-out: no channel gets it twice, and none
// silently loses it (the crash rule: a run that was being posted is marked uncertain and shown;
// one only claimed is adopted and posted by the survivor).
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';
import { openPostgresStore } from '../../../src/store/postgres/index.js';
import { postgresTestDatabase } from '../../support/postgres.js';
import { botTestBed, type SlackBot } from '../cli/run.js';
import { until, writeSeedConfig } from '../../support/cluster.js';

const db = postgresTestDatabase();
const CHANNELS = 40;
const channels = Array.from({ length: CHANNELS }, (_, i) => `C${String(i + 1).padStart(3, '0')}`);
const bed = botTestBed('newsbrief-cluster-digests-');
const config = writeSeedConfig(bed.path('newsbrief.yaml'));

/**
 * A database with fresh articles on the topic and 40 subscriptions whose daily slot was a minute
 * ago (created before it): both instances find the slot at start and catch it up at once.
 */
async function seed(url: string): Promise<string> {
  const store = await openPostgresStore(url, { max: 2 });
  const now = Date.now();
  const slot = new Date(Math.floor(now / 60_000) * 60_000 - 60_000);
  const schedule = `${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`;
  try {
    for (let i = 0; i < 3; i += 1) {
      const id = `fresh-${i}`;
      await store.articles.upsert(
        {
          id,
          sourceId: 'wire',
          url: `https://news.example/${id}`,
          contentHash: `h-${id}`,
          title: `Japan defense story ${i}`,
          outlet: 'Example Wire',
          publishedAt: new Date(now - (i + 1) * 3_600_000).toISOString(),
          text: `Japan raised defense spending again, Kishida said, in story number ${i}.`,
          points: [`Japan raised defense spending (story ${i}).`],
        },
        { learned: false, now: new Date(now - 3_600_000) },
      );
      await store.articles.setTopics(id, [{ topic: 'japan-defense', relevance: 2 }]);
    }
    for (const channelId of channels)
      await store.subscriptions.upsert(
        {
          platform: 'slack',
          workspaceId: 'T1',
          channelId,
          topic: 'japan-defense',
          schedule,
          whenLabel: 'daily',
          timezone: 'UTC',
          createdBy: 'U1',
          quietNote: false,
          fromConfig: false,
        },
        new Date(now - 3_600_000),
      );
  } finally {
    await store.close();
  }
  return slot.toISOString();
}

/**
 * The digests' top-level messages that Slack accepted (thread replies carry thread_ts), per
 * channel. The fake answers the i-th chat.postMessage with the i-th scripted answer, so
 * `refused(i)` says which calls it turned away with a 429.
 */
function parentsPerChannel(slack: FakeSlackApi, refused: (i: number) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  slack.callsOf('chat.postMessage').forEach((call, i) => {
    if (refused(i) || call.params.thread_ts) return;
    const channel = String(call.params.channel);
    out.set(channel, (out.get(channel) ?? 0) + 1);
  });
  return out;
}

/** Each subscription's run of the slot: channel -> state. */
async function runStates(url: string, slot: string): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ channel_id: string; state: string }>(
      `SELECT s.channel_id, r.state FROM subscriptions s LEFT JOIN digest_runs r ON r.subscription_id = s.id AND r.slot = $1`,
      [slot],
    );
    return new Map(r.rows.map((row) => [row.channel_id, row.state]));
  } finally {
    await client.end();
  }
}

/** What the runs and the bots say, for a timeout's message. */
async function explain(url: string, slot: string, slack: FakeSlackApi, bots: SlackBot[]): Promise<string> {
  const counts: Record<string, number> = {};
  for (const s of (await runStates(url, slot)).values()) counts[String(s)] = (counts[String(s)] ?? 0) + 1;
  const logs = bots.map((b) =>
    b
      .stderr()
      .split('\n')
      .filter((l) => /digest|error/i.test(l))
      .slice(-5)
      .join('\n'),
  );
  return `${JSON.stringify(counts)}, ${slack.callsOf('chat.postMessage').length} posts\n${logs.join('\n---\n')}`;
}

/** A scripted success: the fake's default answer, with a ts of its own (threads hang off it). */
const accepted = (i: number) => ({ body: { ok: true, ts: `${1_800_000_000 + i}.000200` } });
/** Every fourth of the first 40 posts in the first test, every other of the first 60 in the second. */
const refusedFirst = (i: number) => i < 40 && i % 4 === 0;
const refusedSecond = (i: number) => i < 60 && i % 2 === 0;
const rateLimited = {
  status: 429,
  headers: { 'retry-after': '1' },
  body: { ok: false, error: 'ratelimited' },
};

/**
 * The seeded database at `url` posted to by two instances with `leaseSeconds` leases, and the fake
 * Slack they post to, which answers its first `scripted` posts 429 where `refused(i)`.
 */
async function twoInstancesPosting(
  url: string,
  leaseSeconds: string,
  scripted: number,
  refused: (i: number) => boolean,
) {
  const slack = bed.closeAfter(await startFakeSlackApi());
  slack.script(
    'chat.postMessage',
    ...Array.from({ length: scripted }, (_, i) => (refused(i) ? rateLimited : accepted(i))),
  );
  const env = { NEWSBRIEF_DB: url, NEWSBRIEF_CONFIG: config, NEWSBRIEF_LEASE_SECONDS: leaseSeconds };
  const bots = await bed.startBots(2, env, slack.apiUrl);
  return { slack, bots };
}

describe.skipIf(!db.available)('two instances, 40 Slack channels, one slot', () => {
  it(
    'GIVEN some posts answered 429 THEN every channel gets the digest exactly once',
    { timeout: 60_000 },
    async () => {
      const url = db.url();
      const slot = await seed(url);
      const { slack, bots } = await twoInstancesPosting(url, '3', 40, refusedFirst);
      await until(
        async () => [...(await runStates(url, slot)).values()].every((s) => s === 'posted'),
        40_000,
        'every run posted',
        async () => explain(url, slot, slack, bots),
      );
      const parents = parentsPerChannel(slack, refusedFirst);
      expect([...parents.keys()].sort()).toEqual(channels);
      expect([...parents.values()]).toEqual(Array(CHANNELS).fill(1));
      // Between them the two instances posted each channel's digest once (which one claims how many
      // depends on which started first; on a loaded machine one may take them all).
      const by = bots.map((b) => (b.stderr().match(/"msg":"digest posted"/g) ?? []).length);
      expect(by.reduce((a, b) => a + b, 0)).toBe(CHANNELS);
      // The fake really turned posts away: the 429s were retried, not lost.
      const refusedCalls = slack.callsOf('chat.postMessage').filter((_, i) => refusedFirst(i)).length;
      expect(refusedCalls).toBe(10);
    },
  );

  it(
    'GIVEN one instance SIGKILLed mid-fan-out THEN no channel gets it twice and none silently loses it',
    { timeout: 60_000 },
    async () => {
      const url = await db.another();
      const slot = await seed(url);
      // Slow the fan-out down with 429s so the kill lands while runs are claimed and in flight.
      const {
        slack,
        bots: [victim, survivor],
      } = await twoInstancesPosting(url, '2', 60, refusedSecond);
      await until(() => slack.callsOf('chat.postMessage').length >= 6, 20_000, 'the fan-out under way');
      victim!.child.kill('SIGKILL');
      const killedAt = parentsPerChannel(slack, refusedSecond).size;
      expect(killedAt).toBeLessThan(CHANNELS);
      // The survivor finishes its own runs and, once the victim's heartbeat lapses, adopts its runs.
      await until(
        async () =>
          [...(await runStates(url, slot)).values()].every((s) => s === 'posted' || s === 'uncertain'),
        40_000,
        'every run settled',
      );
      const states = await runStates(url, slot);
      const parents = parentsPerChannel(slack, refusedSecond);
      for (const channel of channels) {
        const count = parents.get(channel) ?? 0;
        // Never twice.
        expect(count, channel).toBeLessThanOrEqual(1);
        // Posted means it arrived; uncertain (the post was in flight when the victim died) is
        // recorded and shown in /brief status, never silently dropped, and never re-posted.
        if (states.get(channel) === 'posted') expect(count, channel).toBe(1);
      }
      expect([...states.values()].filter((s) => s === 'posted').length).toBeGreaterThan(killedAt);
      expect(survivor!.child.exitCode).toBeNull();
    },
  );
});
