// What one channel is sent: the shared briefing restricted to what is new for it.
import { describe, expect, it } from 'vitest';
import { planDigest } from '../../../src/digests/message.js';
import { sampleBriefing } from '../../support/services.js';

const none = new Set<string>();

describe('planDigest', () => {
  it('GIVEN the first digest THEN the whole current briefing is posted', () => {
    const plan = planDigest(sampleBriefing(), {
      first: true,
      delivered: none,
      learned: new Set(['a1']),
      quietNote: false,
    });
    expect(plan).toMatchObject({ post: true, kind: 'first', articleIds: ['a1', 'a2'] });
  });

  it('GIVEN one article already sent THEN only points citing the other remain, citing only it', () => {
    const plan = planDigest(sampleBriefing(), {
      first: false,
      delivered: new Set(['a1']),
      learned: none,
      quietNote: false,
    });
    expect(plan.post).toBe(true);
    if (!plan.post) return;
    expect(plan.kind).toBe('new');
    expect(plan.briefing.articles.map((a) => a.id)).toEqual(['a2']);
    expect(plan.briefing.points.map((p) => p.articleIds)).toEqual([['a2'], ['a2']]);
  });

  it('GIVEN only learned backlog is unsent THEN nothing is posted', () => {
    const plan = planDigest(sampleBriefing(), {
      first: false,
      delivered: new Set(['a1']),
      learned: new Set(['a2']),
      quietNote: false,
    });
    expect(plan).toMatchObject({ post: false });
  });

  it('GIVEN nothing new and a quiet note wanted THEN a quiet digest without articles', () => {
    const plan = planDigest(sampleBriefing(), {
      first: false,
      delivered: new Set(['a1', 'a2']),
      learned: none,
      quietNote: true,
    });
    expect(plan).toMatchObject({
      post: true,
      kind: 'quiet',
      articleIds: [],
      briefing: { points: [], articles: [] },
    });
  });

  it('GIVEN an unsent article stored before the last posted digest THEN it is not news now', () => {
    const storedAt = new Map([
      ['a1', '2026-01-01T07:00:00.000Z'],
      ['a2', '2026-01-02T07:00:00.000Z'],
    ]);
    const plan = planDigest(sampleBriefing(), {
      first: false,
      delivered: none,
      learned: none,
      quietNote: false,
      since: '2026-01-02T00:00:00.000Z',
      storedAt,
    });
    expect(plan.post && plan.articleIds).toEqual(['a2']);
  });
});
