// A digest run on real SQLite: what a channel receives, and what it never receives twice.
import { afterEach, describe, expect, it } from 'vitest';
import {
  channelGone,
  createFakeDigestPoster,
  rateLimited,
  type FakeDigestPoster,
} from '../../fakes/digest-poster.js';
import { channel, makeHarness, type Harness } from './harness.js';

const NOW = new Date('2026-11-28T08:00:00.000Z');
const SLOT1 = new Date('2026-11-28T08:00:00.000Z');
const SLOT2 = new Date('2026-11-29T08:00:00.000Z');
const SLOT3 = new Date('2026-11-30T08:00:00.000Z');

let h: Harness;
let poster: FakeDigestPoster;

function setup(extra: Parameters<typeof makeHarness>[0]['extra'] = {}) {
  poster = createFakeDigestPoster('console');
  h = makeHarness({ posters: { console: poster }, now: () => NOW, extra });
  return h;
}

async function subscribe(channelId: string, topic = 'japan-defense'): Promise<string> {
  const r = await h.service.subscriptions.subscribe(channel(channelId), { topic, when: 'daily 08:00' }, NOW);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.id;
}

const articleIdsOf = (i: number, channelId = 'c1') => {
  const post = poster.postsTo(channelId)[i];
  return post?.message.briefing.articles.map((a) => a.id).sort();
};

afterEach(async () => {
  await h.close();
});

describe('a digest run', () => {
  it('GIVEN a new subscription WHEN its first slot runs THEN the channel gets the current briefing as a first digest', async () => {
    setup();
    await h.addArticle('a1', 'japan-defense');
    await h.addArticle('a2', 'japan-defense');
    const id = await subscribe('c1');
    await h.service.runSlot(id, SLOT1);
    expect(poster.posts).toHaveLength(1);
    expect(poster.posts[0]?.message.kind).toBe('first');
    expect(articleIdsOf(0)).toEqual(['a1', 'a2']);
    expect(poster.posts[0]?.message.scheduleLabel).toBe('daily 08:00 UTC');
  });

  it('GIVEN articles already sent WHEN the next slot runs THEN only the new article is sent', async () => {
    setup();
    await h.addArticle('a1', 'japan-defense');
    const id = await subscribe('c1');
    await h.service.runSlot(id, SLOT1);
    await h.addArticle('a2', 'japan-defense');
    await h.service.runSlot(id, SLOT2);
    expect(poster.posts).toHaveLength(2);
    expect(poster.posts[1]?.message.kind).toBe('new');
    expect(articleIdsOf(1)).toEqual(['a2']);
    expect(poster.posts[1]?.message.briefing.points.every((p) => p.articleIds.every((a) => a === 'a2'))).toBe(
      true,
    );
  });

  it('GIVEN nothing new since the last digest WHEN the slot runs THEN nothing is posted', async () => {
    setup();
    await h.addArticle('a1', 'japan-defense');
    const id = await subscribe('c1');
    await h.service.runSlot(id, SLOT1);
    await h.service.runSlot(id, SLOT2);
    expect(poster.posts).toHaveLength(1);
  });

  it('GIVEN a subscription asking for an all-quiet note WHEN nothing is new THEN a quiet digest is posted', async () => {
    setup();
    await h.addArticle('a1', 'japan-defense');
    const id = await subscribe('c1');
    h.db.prepare('UPDATE subscriptions SET quiet_note = 1 WHERE id = ?').run(id);
    await h.service.runSlot(id, SLOT1);
    await h.service.runSlot(id, SLOT2);
    expect(poster.posts.map((p) => p.message.kind)).toEqual(['first', 'quiet']);
    expect(poster.posts[1]?.message.briefing.articles).toEqual([]);
  });

  it('GIVEN backlog learned on a source first fetch WHEN later slots run THEN it is never announced as news', async () => {
    setup();
    await h.addArticle('a1', 'japan-defense');
    const id = await subscribe('c1');
    await h.service.runSlot(id, SLOT1);
    await h.addArticle('backlog', 'japan-defense', { learned: true });
    await h.addArticle('fresh', 'japan-defense');
    await h.service.runSlot(id, SLOT2);
    await h.service.runSlot(id, SLOT3);
    expect(poster.posts).toHaveLength(2);
    expect(articleIdsOf(1)).toEqual(['fresh']);
  });

  it('GIVEN an article stored before the last digest that only now joins the briefing WHEN the next slot runs THEN it is not announced as new', async () => {
    setup();
    await h.addArticle('a1', 'japan-defense');
    // Stored a day earlier under another topic; a keyword added to japan-defense re-tags it later.
    await h.addArticle('older', 'climate', { publishedAt: '2026-11-27T08:00:00.000Z' });
    const id = await subscribe('c1');
    await h.service.runSlot(id, SLOT1);
    await h.articles.setTopics('older', [{ topic: 'japan-defense', relevance: 1 }]);
    await h.addArticle('fresh', 'japan-defense');
    await h.service.runSlot(id, SLOT2);
    expect(poster.posts).toHaveLength(2);
    expect(articleIdsOf(1)).toEqual(['fresh']);
  });

  it('GIVEN the same slot run twice WHEN the second run starts THEN the channel still gets one post', async () => {
    setup();
    await h.addArticle('a1', 'japan-defense');
    const id = await subscribe('c1');
    await Promise.all([h.service.runSlot(id, SLOT1), h.service.runSlot(id, SLOT1)]);
    await h.service.runSlot(id, SLOT1);
    expect(poster.posts).toHaveLength(1);
  });

  it('GIVEN a channel that is gone next to healthy ones WHEN slots run THEN the others get their digest and it is marked failing, then paused', async () => {
    setup();
    await h.addArticle('a1', 'japan-defense');
    const ok1 = await subscribe('c1');
    const gone = await subscribe('gone');
    const ok2 = await subscribe('c2');
    poster.respond((target) => (target.channelId === 'gone' ? channelGone : undefined));
    const runAll = async (slot: Date) => {
      for (const id of [ok1, gone, ok2]) await h.service.runSlot(id, slot);
    };
    await runAll(SLOT1);
    expect(poster.postsTo('c1')).toHaveLength(1);
    expect(poster.postsTo('c2')).toHaveLength(1);
    const failing = await h.service.failing();
    expect(failing.map((s) => [s.channelId, s.state])).toEqual([['gone', 'failing']]);
    expect(failing[0]?.lastError).toContain('no longer exists');
    expect((await h.service.subscriptions.list(channel('gone'), NOW))[0]?.state).toBe('failing');

    await runAll(SLOT2);
    await runAll(SLOT3);
    const paused = await h.service.failing();
    expect(paused.map((s) => [s.channelId, s.state])).toEqual([['gone', 'paused']]);
    expect(paused[0]?.lastError).toMatch(/Paused after 3 failed digests/);
    expect(paused[0]?.nextRunAt).toBeUndefined();
    expect(h.logs.some((l) => l.msg === 'digest subscription paused after repeated failures')).toBe(true);
  });

  it('GIVEN a paused subscription WHEN the channel subscribes again THEN it is active again', async () => {
    setup({ pauseAfter: 1 });
    await h.addArticle('a1', 'japan-defense');
    const id = await subscribe('gone');
    poster.respond(() => channelGone);
    await h.service.runSlot(id, SLOT1);
    expect((await h.service.failing())[0]?.state).toBe('paused');
    await subscribe('gone');
    expect((await h.service.subscriptions.list(channel('gone'), NOW))[0]?.state).toBe('active');
  });

  it('GIVEN the platform answers 429 twice WHEN the slot runs THEN the digest is delivered once after the Retry-After', async () => {
    setup();
    await h.addArticle('a1', 'japan-defense');
    const id = await subscribe('c1');
    poster.respond((_t, _m, attempt) => (attempt <= 2 ? rateLimited(5) : undefined));
    await h.service.runSlot(id, SLOT1);
    expect(poster.calls).toHaveLength(3);
    expect(poster.posts).toHaveLength(1);
    expect(await h.service.failing()).toEqual([]);
  });

  it('GIVEN the run is no longer held by this process when a retry comes (adopted by another instance, or its claim lost by the database) WHEN the retry is due THEN it is not posted', async () => {
    setup();
    await h.addArticle('a1', 'japan-defense');
    const id = await subscribe('c1');
    poster.respond((_t, _m, attempt) => {
      if (attempt > 1) return undefined;
      // While the 429 is waited out, the run stops being ours: its row is gone, so writing
      // 'posting' for the retry finds nothing this process holds.
      h.db.prepare('DELETE FROM digest_runs WHERE subscription_id = ?').run(id);
      return rateLimited(1);
    });
    await h.service.runSlot(id, SLOT1);
    expect(poster.calls).toHaveLength(1);
    expect(poster.posts).toHaveLength(0);
  });

  it('GIVEN the platform keeps answering 429 WHEN attempts run out THEN the slot is given up visibly and its articles come in the next digest', async () => {
    setup({ maxAttempts: 2 });
    await h.addArticle('a1', 'japan-defense');
    const id = await subscribe('c1');
    await h.service.runSlot(id, SLOT1);
    await h.addArticle('a2', 'japan-defense');
    poster.respond(() => rateLimited(1));
    await h.service.runSlot(id, SLOT2);
    expect(poster.posts).toHaveLength(1);
    expect((await h.service.failing())[0]?.lastError).toMatch(/tried 2 times/);
    poster.respond(() => undefined);
    await h.service.runSlot(id, SLOT3);
    expect(articleIdsOf(1)).toEqual(['a2']);
    expect(await h.service.failing()).toEqual([]);
  });

  it('GIVEN no adapter for the platform WHEN the slot runs THEN the subscription says why instead of failing silently', async () => {
    setup();
    await h.addArticle('a1', 'japan-defense');
    const r = await h.service.subscriptions.subscribe(
      channel('C1', 'slack', 'T1'),
      { topic: 'japan-defense', when: 'hourly' },
      NOW,
    );
    if (!r.ok) throw new Error('subscribe failed');
    await h.service.runSlot(r.value.id, SLOT1);
    expect((await h.service.failing(channel('C1', 'slack', 'T1')))[0]?.lastError).toContain(
      'slack adapter is not running',
    );
    expect(await h.service.failing(channel('C1', 'discord', 'G1'))).toEqual([]);
  });
});
