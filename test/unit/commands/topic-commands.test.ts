// How `/brief topic add|keywords|remove` are typed and refused: the words after `topic` route to
// the chat-topic commands (while `/brief topic <slug>` stays a briefing), keywords and exclusions
// reach the service as typed, and people without channel-management rights are refused in words
// before anything changes.
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/commands/dispatch.js';
import type { ChatTopicRequest, ChatTopicService, Services } from '../../../src/commands/ports.js';
import { fakeBriefingService, fakeServices, invocation, sampleBriefing } from '../../support/services.js';

/** Records what reached it; answers like a service that accepted the change. */
function recordingTopics(): ChatTopicService & { calls: unknown[] } {
  const calls: unknown[] = [];
  const change = (r: ChatTopicRequest) => ({
    ok: true as const,
    value: { topic: { slug: r.slug, title: r.slug, keywords: r.keywords, exclude: r.exclude }, tagged: 2 },
  });
  return {
    calls,
    add: async (_i, r) => (calls.push(['add', r]), change(r)),
    setKeywords: async (_i, r) => (calls.push(['keywords', r]), change(r)),
    remove: async (_i, slug) => (
      calls.push(['remove', slug]),
      {
        ok: true,
        value: { topic: { slug, title: slug, keywords: ['x'], exclude: [] }, tagged: 0, digests: 1 },
      }
    ),
    chatSlugs: () => [],
  };
}

const services = (chatTopics: ChatTopicService): Services =>
  fakeServices({
    briefings: fakeBriefingService([{ slug: 'japan-defense', title: 'Japan', articleCount: 1 }], {
      'japan-defense': sampleBriefing(),
    }),
    chatTopics,
  });

describe('/brief topic add|keywords|remove', () => {
  it('GIVEN "topic add" with words, a phrase and exclusions THEN the add command gets them, and "topic <slug>" still briefs', async () => {
    const topics = recordingTopics();
    const reply = await dispatch(
      { text: 'topic add Chip-Exports semiconductor "export controls" -football' },
      invocation(),
      services(topics),
    );
    expect(topics.calls).toEqual([
      [
        'add',
        { slug: 'chip-exports', keywords: ['semiconductor', 'export controls'], exclude: ['football'] },
      ],
    ]);
    expect(reply).toMatchObject({ kind: 'notice', code: 'CHAT_TOPIC_ADDED', tone: 'success' });
    if (reply.kind === 'notice') expect(reply.text).toContain('2 stored articles match it now');
    expect((await dispatch({ text: 'topic japan-defense' }, invocation(), services(topics))).kind).toBe(
      'briefing',
    );
  });

  it('GIVEN the Discord subcommands with options THEN they reach the same service calls', async () => {
    const topics = recordingTopics();
    await dispatch(
      { name: 'topic-keywords', options: { topic: 'chips', keywords: 'chip -"potato chips"' } },
      invocation(),
      services(topics),
    );
    await dispatch({ name: 'topic-remove', options: { topic: 'chips' } }, invocation(), services(topics));
    expect(topics.calls).toEqual([
      ['keywords', { slug: 'chips', keywords: ['chip'], exclude: ['potato chips'] }],
      ['remove', 'chips'],
    ]);
  });

  it('GIVEN no keywords THEN the usage says to give one, and nothing is changed', async () => {
    const topics = recordingTopics();
    const reply = await dispatch({ text: 'topic add chips' }, invocation(), services(topics));
    expect(reply).toMatchObject({ kind: 'notice', code: 'BAD_ARGUMENTS' });
    if (reply.kind === 'notice') expect(reply.text).toContain('at least one keyword');
    expect(topics.calls).toEqual([]);
  });

  it('GIVEN someone without channel-management rights THEN each change is refused in words and nothing reaches the service', async () => {
    const topics = recordingTopics();
    const visitor = invocation({
      rights: { canManage: () => false, holders: 'the Manage Channels permission' },
    });
    for (const text of ['topic add chips chip', 'topic keywords chips chip', 'topic remove chips']) {
      const reply = await dispatch({ text }, visitor, services(topics));
      expect(reply, text).toMatchObject({ kind: 'notice', code: 'NOT_ALLOWED', tone: 'error' });
      if (reply.kind === 'notice') expect(reply.text).toContain('the Manage Channels permission');
    }
    expect(topics.calls).toEqual([]);
  });
});
