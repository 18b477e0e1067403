// The repository contract every store keeps, written once and run against SQLite (always) and
// PostgreSQL (when a server is reachable; required in CI): what ingestion, /brief, the digests
// and retention rely on, through the Store port only. A store that breaks one of these rules
// breaks something a user sees: a duplicate article, a digest posted twice, a lost subscription.
import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from '../../src/core/search.js';
import type { ArticleInput, Store, Subscription, SubscriptionInput } from '../../src/store/ports.js';
import { neverFetchedSource, subscriptionInput } from '../support/store.js';

/** A fresh, empty database; `open` may be called again to reopen it (a restart of the bot). */
export interface ContractDatabase {
  open(): Promise<Store>;
}

const T0 = new Date('2026-03-02T08:00:00.000Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function article(id: string, over: Partial<ArticleInput> = {}): ArticleInput {
  return {
    id,
    sourceId: 'wire',
    url: `https://news.example/${id}`,
    contentHash: `hash-${id}`,
    title: `Title of ${id}`,
    outlet: 'Example Wire',
    publishedAt: '2026-03-01T10:00:00.000Z',
    text: `Body text of ${id}.`,
    points: [`Point one of ${id}.`],
    ...over,
  };
}

/** A daily 08:00 digest of the chips topic in `channelId`. */
const subscription = (channelId: string, over: Partial<SubscriptionInput> = {}): SubscriptionInput =>
  subscriptionInput({ channelId, topic: 'chips', ...over });

/** Opens a fresh database, runs `fn` on its store, and closes it even when `fn` fails. */
async function withStore(
  fresh: () => Promise<ContractDatabase>,
  fn: (s: Store, db: ContractDatabase) => Promise<void>,
) {
  const db = await fresh();
  const store = await db.open();
  try {
    await fn(store, db);
  } finally {
    await store.close();
  }
}

export function storeContract(name: string, fresh: () => Promise<ContractDatabase>): void {
  const run = (fn: (s: Store, db: ContractDatabase) => Promise<void>) => () => withStore(fresh, fn);

  describe(`${name}: the store contract`, () => {
    it(
      'articles: an upsert is new, then unchanged for the same content, then updated when the text changes; get returns what was stored',
      run(async (s) => {
        expect(await s.articles.upsert(article('a1'), { learned: false, now: T0 })).toBe('new');
        expect(await s.articles.upsert(article('a1'), { learned: false, now: later(5) })).toBe('unchanged');
        expect(
          await s.articles.upsert(article('a1', { contentHash: 'hash-a1-v2', text: 'Corrected body.' }), {
            learned: false,
            now: later(10),
          }),
        ).toBe('updated');
        const got = await s.articles.get('a1');
        expect(got).toMatchObject({
          id: 'a1',
          sourceId: 'wire',
          url: 'https://news.example/a1',
          title: 'Title of a1',
          text: 'Corrected body.',
          points: ['Point one of a1.'],
          publishedAt: '2026-03-01T10:00:00.000Z',
          // first stored, not last updated
          fetchedAt: T0.toISOString(),
        });
        expect(await s.articles.get('nope')).toBeUndefined();
        expect(await s.articles.fingerprint('a1')).toEqual({
          contentHash: 'hash-a1-v2',
          title: 'Title of a1',
          sourceId: 'wire',
        });
        expect(await s.articles.findByHash('hash-a1-v2')).toBe('a1');
        expect(await s.articles.findByHash('hash-a1')).toBeUndefined();
      }),
    );

    it(
      'articles: backlog is marked learned; sources that carried an article are linked once each, first-seen first; remove takes everything',
      run(async (s) => {
        await s.articles.upsert(article('old'), { learned: true, now: T0 });
        await s.articles.upsert(article('fresh'), { learned: false, now: T0 });
        expect(await s.articles.isLearned('old')).toBe(true);
        expect(await s.articles.isLearned('fresh')).toBe(false);
        expect(await s.articles.linkSource('fresh', 'mirror', later(1))).toBe(true);
        expect(await s.articles.linkSource('fresh', 'mirror', later(2))).toBe(false);
        expect(await s.articles.sourcesOf('fresh')).toEqual(['wire', 'mirror']);
        expect(Object.fromEntries(await s.articles.countBySource())).toEqual({ wire: 2, mirror: 1 });
        expect((await s.articles.idsOfSource('wire')).sort()).toEqual(['fresh', 'old']);
        expect(await s.articles.allIds()).toEqual(['fresh', 'old']);
        const walked: string[] = [];
        for await (const a of s.articles.iterateAll()) walked.push(a.id);
        expect(walked).toEqual(['fresh', 'old']);
        await s.articles.setTopics('fresh', [{ topic: 'chips', relevance: 2 }]);
        expect(await s.articles.remove(['fresh', 'missing'])).toBe(1);
        expect(await s.articles.get('fresh')).toBeUndefined();
        expect(await s.articles.sourcesOf('fresh')).toEqual([]);
        expect(await s.articles.forTopic('chips', 10)).toEqual([]);
        // Removed by hand (a local file deleted), not expired: no tombstone.
        expect(await s.articles.wasExpired('fresh')).toBe(false);
        expect(await s.articles.getMeta('k')).toBeUndefined();
        await s.articles.setMeta('k', 'one');
        await s.articles.setMeta('k', 'two');
        expect(await s.articles.getMeta('k')).toBe('two');
      }),
    );

    it(
      'topics: setTopics replaces the tags; forTopic is newest first with relevance and without text; summaries count and date each topic',
      run(async (s) => {
        await s.articles.upsert(article('mar1', { publishedAt: '2026-03-01T10:00:00.000Z' }), {
          learned: false,
          now: T0,
        });
        await s.articles.upsert(article('feb1', { publishedAt: '2026-02-01T10:00:00.000Z' }), {
          learned: true,
          now: T0,
        });
        // No published date: ordered by when it was stored.
        await s.articles.upsert(article('nodate', { publishedAt: undefined }), { learned: false, now: T0 });
        await s.articles.setTopics('mar1', [
          { topic: 'chips', relevance: 3 },
          { topic: 'trade', relevance: 1 },
        ]);
        await s.articles.setTopics('feb1', [{ topic: 'chips', relevance: 1.5 }]);
        await s.articles.setTopics('nodate', [{ topic: 'chips', relevance: 1 }]);
        const chips = await s.articles.forTopic('chips', 10);
        expect(chips.map((a) => a.id)).toEqual(['nodate', 'mar1', 'feb1']);
        expect(chips[1]).toMatchObject({ relevance: 3, learned: false, points: ['Point one of mar1.'] });
        expect(chips[2]).toMatchObject({ learned: true });
        expect('text' in (chips[0] as object)).toBe(false);
        expect((await s.articles.forTopic('chips', 1)).map((a) => a.id)).toEqual(['nodate']);
        await s.articles.setTopics('mar1', [{ topic: 'trade', relevance: 2 }]);
        expect((await s.articles.forTopic('chips', 10)).map((a) => a.id)).toEqual(['nodate', 'feb1']);
        expect(
          await s.articles.topicSummaries([
            { slug: 'chips', title: 'Chips' },
            { slug: 'trade', title: 'Trade' },
            { slug: 'empty', title: 'Empty' },
          ]),
        ).toEqual([
          { slug: 'chips', title: 'Chips', articleCount: 2, newestAt: T0.toISOString() },
          { slug: 'trade', title: 'Trade', articleCount: 1, newestAt: '2026-03-01T10:00:00.000Z' },
          { slug: 'empty', title: 'Empty', articleCount: 0, newestAt: undefined },
        ]);
        // An update keeps the tags, now dated by the new publication time.
        await s.articles.upsert(
          article('feb1', { contentHash: 'v2', publishedAt: '2026-03-02T07:00:00.000Z' }),
          { learned: false, now: later(1) },
        );
        expect((await s.articles.forTopic('chips', 10)).map((a) => a.id)).toEqual(['nodate', 'feb1']);
      }),
    );

    it(
      'story index: candidates share band keys, most shared first, never the article itself, with signature and story id',
      run(async (s) => {
        for (const id of ['s1', 's2', 's3'])
          await s.articles.upsert(article(id, { storyId: id === 's3' ? 'story-x' : undefined }), {
            learned: false,
            now: T0,
          });
        await s.stories.save('s1', [1, 2, 3], [10, 11]);
        await s.stories.save('s2', [4, 5, 6], [10, 12]);
        await s.stories.save('s3', [7, 8, 9], [10, 11, 12]);
        const found = await s.stories.candidates([10, 11, 12], 's1');
        expect(found[0]).toEqual({ id: 's3', storyId: 'story-x', signature: [7, 8, 9] });
        expect(found.map((c) => c.id).sort()).toEqual(['s2', 's3']);
        expect(await s.stories.candidates([99], 's1')).toEqual([]);
        expect(await s.stories.candidates([], 's1')).toEqual([]);
      }),
    );

    it(
      'sources: a failure counts and keeps the validators; a success clears the error; list shows every configured source in order',
      run(async (s) => {
        await s.sources.recordSuccess('wire', 'feed', {
          now: T0,
          etag: '"e1"',
          lastModified: 'Mon, 02 Mar 2026 08:00:00 GMT',
          nextAttemptAt: later(15),
        });
        await s.sources.recordFailure('wire', 'feed', {
          now: later(15),
          error: 'HTTP 503',
          nextAttemptAt: later(20),
        });
        await s.sources.recordFailure('wire', 'feed', {
          now: later(20),
          error: 'HTTP 502',
          nextAttemptAt: later(30),
        });
        expect(await s.sources.get('wire')).toMatchObject({
          etag: '"e1"',
          lastModified: 'Mon, 02 Mar 2026 08:00:00 GMT',
          lastError: 'HTTP 502',
          consecutiveFailures: 2,
          nextAttemptAt: later(30).toISOString(),
          lastSuccessAt: T0.toISOString(),
          firstFetchDone: true,
        });
        await s.articles.upsert(article('w1'), { learned: false, now: T0 });
        const listed = await s.sources.list([
          { id: 'never', type: 'page' },
          { id: 'wire', type: 'feed' },
        ]);
        expect(listed).toEqual([
          neverFetchedSource('never', 'page'),
          expect.objectContaining({
            id: 'wire',
            articleCount: 1,
            consecutiveFailures: 2,
            lastError: 'HTTP 502',
          }),
        ]);
        await s.sources.recordSuccess('wire', 'feed', { now: later(30), etag: '"e2"' });
        expect(await s.sources.get('wire')).toMatchObject({
          etag: '"e2"',
          consecutiveFailures: 0,
          lastError: undefined,
        });
        // A source that only ever failed has not had its first fetch.
        await s.sources.recordFailure('down', 'feed', { now: T0, error: 'DNS', nextAttemptAt: later(5) });
        expect(await s.sources.get('down')).toMatchObject({ firstFetchDone: false, consecutiveFailures: 1 });
        expect(await s.sources.get('unknown')).toBeUndefined();
      }),
    );

    it(
      'subscriptions: upsert creates once per channel and topic, re-schedules in place (same id) and un-pauses; find and forChannel match config digests of any workspace',
      run(async (s) => {
        const first = await s.subscriptions.upsert(subscription('C1'), T0);
        expect(first.created).toBe(true);
        expect(first.subscription).toMatchObject({
          state: 'active',
          consecutiveFailures: 0,
          createdAt: T0.toISOString(),
          updatedAt: T0.toISOString(),
        });
        const same = await s.subscriptions.upsert(subscription('C1'), later(1));
        expect(same).toMatchObject({
          created: false,
          subscription: { id: first.subscription.id, updatedAt: T0.toISOString() },
        });
        const moved = await s.subscriptions.upsert(
          subscription('C1', { schedule: '0 9 * * *', whenLabel: 'daily 09:00' }),
          later(2),
        );
        expect(moved.subscription).toMatchObject({
          id: first.subscription.id,
          schedule: '0 9 * * *',
          updatedAt: later(2).toISOString(),
        });
        await s.subscriptions.markFailed(first.subscription.id, 'channel_not_found', true, 2);
        expect(
          (await s.subscriptions.markFailed(first.subscription.id, 'channel_not_found', true, 2))?.state,
        ).toBe('paused');
        expect(await s.subscriptions.due('0 9 * * *', 'UTC')).toEqual([]);
        expect(await s.subscriptions.schedules()).toEqual([]);
        const back = await s.subscriptions.upsert(
          subscription('C1', { schedule: '0 9 * * *', whenLabel: 'daily 09:00' }),
          later(3),
        );
        expect(back.subscription).toMatchObject({ state: 'active', consecutiveFailures: 0 });

        const cfg = await s.subscriptions.upsert(
          subscription('C2', { workspaceId: '', fromConfig: true, topic: 'trade' }),
          T0,
        );
        await s.subscriptions.upsert(subscription('C2', { topic: 'chips' }), T0);
        await s.subscriptions.upsert(subscription('C3', { platform: 'discord', workspaceId: 'G1' }), T0);
        expect(
          (await s.subscriptions.find({ platform: 'slack', workspaceId: 'T9', channelId: 'C2' }, 'trade'))
            ?.id,
        ).toBe(cfg.subscription.id);
        expect(
          await s.subscriptions.find({ platform: 'slack', workspaceId: 'T9', channelId: 'C2' }, 'chips'),
        ).toBeUndefined();
        expect(
          (await s.subscriptions.forChannel({ platform: 'slack', workspaceId: 'T1', channelId: 'C2' })).map(
            (x) => x.topic,
          ),
        ).toEqual(['chips', 'trade']);
        expect((await s.subscriptions.fromConfig()).map((x) => x.id)).toEqual([cfg.subscription.id]);
        expect(await s.subscriptions.count()).toBe(4);
        // By platform, workspace, channel, topic.
        expect(
          (await s.subscriptions.all()).map(
            (x) => `${x.platform}/${x.workspaceId}/${x.channelId}/${x.topic}`,
          ),
        ).toEqual(['discord/G1/C3/chips', 'slack//C2/trade', 'slack/T1/C1/chips', 'slack/T1/C2/chips']);
        expect((await s.subscriptions.due('0 8 * * *', 'UTC')).length).toBe(3);
        expect((await s.subscriptions.schedules()).map((x) => x.schedule).sort()).toEqual([
          '0 8 * * *',
          '0 9 * * *',
        ]);
        const failing = await s.subscriptions.markFailed(cfg.subscription.id, 'rate limited', false, 2);
        expect(failing).toMatchObject({
          state: 'failing',
          consecutiveFailures: 0,
          lastError: 'rate limited',
        });
        await s.subscriptions.markHealthy(cfg.subscription.id);
        expect(await s.subscriptions.get(cfg.subscription.id)).toMatchObject({
          state: 'active',
          lastError: undefined,
        });
        await s.subscriptions.remove(cfg.subscription.id);
        expect(await s.subscriptions.get(cfg.subscription.id)).toBeUndefined();
        expect(await s.subscriptions.count()).toBe(3);
      }),
    );

    it(
      'digests: a slot is claimed once; claim before post, markPosting, markPosted records the delivered articles; a failure may be retried',
      run(async (s) => {
        const { subscription: sub } = await s.subscriptions.upsert(subscription('C1'), T0);
        const slot = '2026-03-02T08:00:00.000Z';
        expect(await s.deliveries.hasPosted(sub.id)).toBe(false);
        expect(await s.deliveries.claim(sub.id, slot, T0)).toBe(true);
        expect(await s.deliveries.claim(sub.id, slot, T0)).toBe(false);
        expect(await s.deliveries.getRun(sub.id, slot)).toMatchObject({
          state: 'claimed',
          attempts: 0,
          claimedAt: T0.toISOString(),
        });
        expect(await s.deliveries.markPosting(sub.id, slot, 'digest', ['a1', 'a2'])).toBe(true);
        await s.deliveries.markRetryable(sub.id, slot, 'HTTP 429');
        expect(await s.deliveries.getRun(sub.id, slot)).toMatchObject({
          state: 'claimed',
          attempts: 1,
          error: 'HTTP 429',
          articleIds: ['a1', 'a2'],
          kind: 'digest',
        });
        expect(await s.deliveries.markPosting(sub.id, slot, 'digest', ['a1', 'a2'])).toBe(true);
        await s.deliveries.markPosted(sub.id, slot, ['a1', 'a2'], 'msg-1', later(1));
        expect(await s.deliveries.getRun(sub.id, slot)).toMatchObject({ state: 'posted', attempts: 2 });
        expect([...(await s.deliveries.delivered(sub.id))].sort()).toEqual(['a1', 'a2']);
        expect(await s.deliveries.hasPosted(sub.id)).toBe(true);
        expect(await s.deliveries.lastPostedAt(sub.id)).toBe(T0.toISOString());
        expect(await s.deliveries.unfinished()).toEqual([]);
        // The next slot: nothing new to post.
        const next = '2026-03-03T08:00:00.000Z';
        expect(await s.deliveries.claim(sub.id, next, later(1440))).toBe(true);
        await s.deliveries.finish(sub.id, next, 'nothing', undefined, later(1441));
        expect(await s.deliveries.latestRun(sub.id)).toMatchObject({ slot: next, state: 'nothing' });
        expect(await s.deliveries.lastPostedAt(sub.id)).toBe(T0.toISOString());
        // A missed slot recorded as skipped is never run later; a slot with a run cannot be skipped.
        expect(await s.deliveries.skip(sub.id, '2026-03-04T08:00:00.000Z', 'missed', later(3000))).toBe(true);
        expect(await s.deliveries.claim(sub.id, '2026-03-04T08:00:00.000Z', later(3000))).toBe(false);
        expect(await s.deliveries.skip(sub.id, next, 'missed', later(3000))).toBe(false);
      }),
    );

    it(
      'digests: runsAt names the subscriptions with a run at a slot; context reads what a channel was sent and muted in one call; recordPosted lands the run, its articles, facts and thread replies together',
      run(async (s) => {
        const a = (await s.subscriptions.upsert(subscription('C1'), T0)).subscription;
        const b = (await s.subscriptions.upsert(subscription('C2'), T0)).subscription;
        const c = (await s.subscriptions.upsert(subscription('C3'), T0)).subscription;
        const slot = '2026-03-02T08:00:00.000Z';
        const channel = { platform: a.platform, workspaceId: a.workspaceId, channelId: a.channelId };
        await s.deliveries.claim(a.id, slot, T0);
        await s.deliveries.skip(b.id, slot, 'missed', T0);
        expect([...(await s.deliveries.runsAt(slot, [a.id, b.id, c.id]))].sort()).toEqual(
          [a.id, b.id].sort(),
        );
        expect(await s.deliveries.runsAt('2026-03-03T08:00:00.000Z', [a.id, b.id, c.id])).toEqual(new Set());
        expect(await s.deliveries.runsAt(slot, [])).toEqual(new Set());

        expect(await s.deliveries.context(a.id, channel, 10)).toEqual({
          hasPosted: false,
          delivered: new Set(),
          lastPostedAt: undefined,
          sentFacts: [],
          mutedArticles: new Set(),
        });
        await s.memory.mute(channel, ['m1'], 'U1', T0);
        expect(await s.deliveries.markPosting(a.id, slot, 'digest', ['x1', 'x2'])).toBe(true);
        await s.deliveries.recordPosted(
          a.id,
          slot,
          {
            articleIds: ['x1', 'x2'],
            messageId: 'msg-1',
            facts: ['Fact one.', 'Fact two.'],
            replies: { parentId: 'msg-1', payloads: ['{"n":1}', '{"n":2}'] },
          },
          later(1),
        );
        expect(await s.deliveries.getRun(a.id, slot)).toMatchObject({ state: 'posted' });
        const after = await s.deliveries.context(a.id, channel, 10);
        expect({ ...after, sentFacts: [...after.sentFacts].sort() }).toEqual({
          hasPosted: true,
          delivered: new Set(['x1', 'x2']),
          lastPostedAt: T0.toISOString(),
          sentFacts: ['Fact one.', 'Fact two.'],
          mutedArticles: new Set(['m1']),
        });
        // The same as the single-purpose reads give.
        expect(after.delivered).toEqual(await s.deliveries.delivered(a.id));
        expect(after.lastPostedAt).toBe(await s.deliveries.lastPostedAt(a.id));
        expect([...after.sentFacts].sort()).toEqual([...(await s.memory.sentFacts(a.id, 10))].sort());
        expect((await s.deliveries.context(a.id, channel, 1)).sentFacts).toHaveLength(1);
        expect(
          (await s.threads.forRun(a.id, slot)).map((r) => [r.position, r.parentId, r.payload, r.state]),
        ).toEqual([
          [1, 'msg-1', '{"n":1}', 'pending'],
          [2, 'msg-1', '{"n":2}', 'pending'],
        ]);
        // Another channel's history is its own.
        expect(await s.deliveries.context(c.id, { ...channel, channelId: c.channelId }, 10)).toMatchObject({
          hasPosted: false,
          delivered: new Set(),
          mutedArticles: new Set(),
        });

        // An unthreaded digest that carried nothing new to remember: posted, no replies.
        await s.deliveries.claim(c.id, slot, T0);
        await s.deliveries.recordPosted(c.id, slot, { articleIds: [], facts: [] }, later(2));
        expect(await s.deliveries.getRun(c.id, slot)).toMatchObject({ state: 'posted' });
        expect(await s.threads.forRun(c.id, slot)).toEqual([]);
        expect(await s.deliveries.hasPosted(c.id)).toBe(true);
      }),
    );

    it(
      'digests: calls made at once, as a fan-out makes them, each get their own answer: of two claims on one slot only one wins, and a call that fails fails alone',
      run(async (s) => {
        const subs: Subscription[] = [];
        for (const ch of ['C1', 'C2', 'C3', 'C4', 'C5'])
          subs.push((await s.subscriptions.upsert(subscription(ch), T0)).subscription);
        const slot = '2026-03-02T08:00:00.000Z';
        const channel = (x: Subscription) => ({
          platform: x.platform,
          workspaceId: x.workspaceId,
          channelId: x.channelId,
        });
        const [first] = subs as [Subscription];
        expect(
          await Promise.all([
            ...subs.map((x) => s.deliveries.claim(x.id, slot, T0)),
            s.deliveries.claim(first.id, slot, T0),
          ]),
        ).toEqual([true, true, true, true, true, false]);
        expect(
          (await Promise.all(subs.map((x) => s.deliveries.context(x.id, channel(x), 10)))).map(
            (c) => c.hasPosted,
          ),
        ).toEqual([false, false, false, false, false]);
        expect(
          await Promise.all([
            ...subs.map((x) => s.deliveries.markPosting(x.id, slot, 'digest', [`a-${x.channelId}`])),
            s.deliveries.markPosting(first.id, '2026-03-09T08:00:00.000Z', 'digest', []),
          ]),
        ).toEqual([true, true, true, true, true, false]);
        await Promise.all(
          subs.map((x) =>
            s.deliveries.recordPosted(
              x.id,
              slot,
              { articleIds: [`a-${x.channelId}`], facts: [`Fact of ${x.channelId}.`] },
              later(1),
            ),
          ),
        );
        for (const [i, c] of (
          await Promise.all(subs.map((x) => s.deliveries.context(x.id, channel(x), 10)))
        ).entries()) {
          const ch = subs[i]?.channelId;
          expect(c).toMatchObject({
            hasPosted: true,
            delivered: new Set([`a-${ch}`]),
            sentFacts: [`Fact of ${ch}.`],
          });
        }
        // A subscription deleted meanwhile: its claim fails, the one made with it does not.
        const next = '2026-03-03T08:00:00.000Z';
        const mixed = await Promise.allSettled([
          s.deliveries.claim('no-such-subscription', next, T0),
          s.deliveries.claim(first.id, next, T0),
        ]);
        expect(mixed.map((m) => m.status)).toEqual(['rejected', 'fulfilled']);
        expect(mixed[1]).toMatchObject({ value: true });
      }),
    );

    it(
      'digests: runs left claimed or posting by a process that died are found by the next one (the crash rule), oldest slot first',
      run(async (s, db) => {
        const a = (await s.subscriptions.upsert(subscription('C1'), T0)).subscription;
        const b = (await s.subscriptions.upsert(subscription('C2'), T0)).subscription;
        const c = (await s.subscriptions.upsert(subscription('C3'), T0)).subscription;
        await s.deliveries.claim(a.id, '2026-03-02T09:00:00.000Z', T0);
        await s.deliveries.claim(b.id, '2026-03-02T08:00:00.000Z', T0);
        await s.deliveries.markPosting(b.id, '2026-03-02T08:00:00.000Z', 'digest', ['x']);
        await s.deliveries.claim(c.id, '2026-03-02T08:00:00.000Z', T0);
        await s.deliveries.markPosting(c.id, '2026-03-02T08:00:00.000Z', 'digest', ['y']);
        await s.deliveries.markPosted(c.id, '2026-03-02T08:00:00.000Z', ['y'], undefined, T0);
        // The process dies (the store is dropped without finishing anything); a new one opens it.
        const again = await db.open();
        try {
          const open = await again.deliveries.unfinished();
          expect(open.map((r) => [r.subscriptionId, r.state])).toEqual([
            [b.id, 'posting'],
            [a.id, 'claimed'],
          ]);
          // What the new process does with them: posting is uncertain (never re-posted).
          await again.deliveries.finish(
            b.id,
            '2026-03-02T08:00:00.000Z',
            'uncertain',
            'stopped while posting',
            later(1),
          );
          expect(await again.deliveries.hasPosted(b.id)).toBe(true);
          expect(await again.deliveries.markPosting(a.id, '2026-03-02T09:00:00.000Z', 'digest', [])).toBe(
            true,
          );
        } finally {
          await again.close();
        }
      }),
    );

    it(
      'transactions: every write inside lands together, or none when the function throws',
      run(async (s) => {
        await expect(
          s.withTransaction(async (tx) => {
            await tx.articles.upsert(article('t1'), { learned: false, now: T0 });
            await tx.sources.recordSuccess('wire', 'feed', { now: T0 });
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await s.articles.get('t1')).toBeUndefined();
        expect(await s.sources.get('wire')).toBeUndefined();
        const n = await s.withTransaction(async (tx) => {
          await tx.articles.upsert(article('t2'), { learned: false, now: T0 });
          await tx.articles.setTopics('t2', [{ topic: 'chips', relevance: 1 }]);
          return 7;
        });
        expect(n).toBe(7);
        expect((await s.articles.forTopic('chips', 5)).map((x) => x.id)).toEqual(['t2']);
      }),
    );

    it(
      "retention: old web articles go (ids kept as tombstones), local ones stay; old runs go but each subscription's latest posted one stays",
      run(async (s) => {
        await s.sources.recordSuccess('wire', 'feed', { now: T0 });
        await s.sources.recordSuccess('notes', 'file', { now: T0 });
        await s.articles.upsert(article('ancient', { publishedAt: '2025-01-01T00:00:00.000Z' }), {
          learned: false,
          now: T0,
        });
        await s.articles.upsert(article('recent', { publishedAt: '2026-03-01T00:00:00.000Z' }), {
          learned: false,
          now: T0,
        });
        await s.articles.upsert(
          article('local', { sourceId: 'notes', url: undefined, publishedAt: '2025-01-01T00:00:00.000Z' }),
          { learned: false, now: T0 },
        );
        await s.articles.setTopics('ancient', [{ topic: 'chips', relevance: 1 }]);
        const sub = (await s.subscriptions.upsert(subscription('C1'), T0)).subscription;
        for (const slot of ['2025-01-01T08:00:00.000Z', '2025-01-02T08:00:00.000Z']) {
          await s.deliveries.claim(sub.id, slot, T0);
          await s.deliveries.markPosting(sub.id, slot, 'digest', ['ancient']);
          await s.deliveries.markPosted(sub.id, slot, ['ancient'], undefined, T0);
        }
        await s.deliveries.claim(sub.id, '2025-01-03T08:00:00.000Z', T0);
        await s.deliveries.finish(sub.id, '2025-01-03T08:00:00.000Z', 'nothing', undefined, T0);
        const result = await s.pruneExpired(new Date('2026-01-01T00:00:00.000Z'), T0);
        expect(result).toEqual({ articles: 1, runs: 2 });
        expect(await s.articles.get('ancient')).toBeUndefined();
        expect(await s.articles.wasExpired('ancient')).toBe(true);
        expect(await s.articles.get('local')).toBeDefined();
        expect(await s.articles.get('recent')).toBeDefined();
        expect(await s.articles.forTopic('chips', 5)).toEqual([]);
        expect(await s.deliveries.hasPosted(sub.id)).toBe(true);
        expect(await s.deliveries.getRun(sub.id, '2025-01-02T08:00:00.000Z')).toMatchObject({
          state: 'posted',
        });
        expect(await s.pruneExpired(new Date('2026-01-01T00:00:00.000Z'), T0)).toEqual({
          articles: 0,
          runs: 0,
        });
      }),
    );

    it(
      'search: every word must appear (stemmed), quoted phrases keep their order, -word leaves articles out, title words rank higher',
      run(async (s) => {
        await s.articles.upsert(
          article('exports', {
            title: 'Chip export rules tightened',
            text: 'The new export rules cover advanced chips sold abroad.',
          }),
          { learned: false, now: T0 },
        );
        await s.articles.upsert(
          article('japan', {
            title: 'Japan weighs rules',
            text: 'Japan said chip export rules would follow the US lead.',
          }),
          { learned: false, now: T0 },
        );
        await s.articles.upsert(
          article('reversed', {
            title: 'Rules on exports',
            text: 'Officials discussed rules; the chip plant exports wafers.',
          }),
          { learned: false, now: T0 },
        );
        await s.articles.upsert(article('other', { title: 'Weather', text: 'Rain tomorrow.' }), {
          learned: false,
          now: T0,
        });
        const ids = async (q: string) => (await s.search.search(parseSearchQuery(q), 10)).map((a) => a.id);
        expect((await ids('chip exports')).sort()).toEqual(['exports', 'japan', 'reversed']);
        expect((await ids('"export rules"')).sort()).toEqual(['exports', 'japan']);
        expect(await ids('"export rules" -japan')).toEqual(['exports']);
        expect(await ids('chip -"export rules"')).toEqual(['reversed']);
        expect(await ids('weather rain')).toEqual(['other']);
        expect(await ids('volcano')).toEqual([]);
        expect(await ids('what are the export rules')).toContain('exports');
        // A word in the title weighs more than the same word in the text.
        await s.articles.upsert(article('in-title', { title: 'Tariffs rise', text: 'Ports are busy.' }), {
          learned: false,
          now: T0,
        });
        await s.articles.upsert(
          article('in-text', { title: 'Ports are busy', text: 'Tariffs rise at ports.' }),
          {
            learned: false,
            now: T0,
          },
        );
        expect(await ids('tariffs')).toEqual(['in-title', 'in-text']);
        const hit = (await s.search.search(parseSearchQuery('weather'), 1))[0];
        expect(hit).toMatchObject({ id: 'other', title: 'Weather', points: ['Point one of other.'] });
        expect(hit?.relevance).toBeGreaterThan(0);
        expect(await s.search.search(parseSearchQuery('-weather'), 10)).toEqual([]);
        // Updated text is searched by its new words.
        await s.articles.upsert(
          article('other', { contentHash: 'v2', title: 'Weather', text: 'Snow tomorrow.' }),
          { learned: false, now: later(1) },
        );
        expect(await ids('snow')).toEqual(['other']);
        expect(await ids('rain')).toEqual([]);
        await s.articles.remove(['other']);
        expect(await ids('snow')).toEqual([]);
      }),
    );

    it(
      'health: an open store is ok',
      run(async (s) => {
        expect(await s.health()).toEqual({ state: 'ok' });
      }),
    );
  });
}
