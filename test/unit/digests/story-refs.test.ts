// Story references for feedback buttons, saved on a real SQLite store: a fan-out's deliveries of
// one topic show the same stories at once, and each story must be saved once, not once per
// channel (on PostgreSQL each extra save queued on the same row's lock); a save that failed
// must be tried again by the next message showing the story.
import { describe, expect, it } from 'vitest';
import { createStoryRefs } from '../../../src/digests/story-refs.js';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import type { ChannelMemoryRepository } from '../../../src/store/ports.js';
import { tempWorkspaceForTest } from '../../support/workspace.js';

const NOW = new Date('2026-11-28T08:00:00.000Z');
const stories = [
  { articleIds: ['a1', 'a2'], points: [{ text: 'Harbour talks resume on Monday.' }] },
  { articleIds: ['b1'], points: [{ text: 'The budget vote is delayed.' }] },
];

function countingMemory(memory: ChannelMemoryRepository) {
  const saves: string[] = [];
  let failNext = false;
  return {
    saves,
    failOnce: () => (failNext = true),
    saveStory: async (s: Parameters<ChannelMemoryRepository['saveStory']>[0]) => {
      saves.push(s.ref);
      if (failNext) {
        failNext = false;
        throw new Error('database is locked');
      }
      await memory.saveStory(s);
    },
  };
}

describe('story references', () => {
  it('GIVEN 50 deliveries asking for the same stories at once THEN each story is saved once and every one gets the same stored references', async () => {
    const store = openSqliteStore(tempWorkspaceForTest().path('nb.db'));
    try {
      const memory = countingMemory(store.memory);
      const refs = createStoryRefs(memory);
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => refs.refsOf('japan-defense', stories as never, NOW)),
      );
      expect(new Set(answers.map((a) => a.join(','))).size).toBe(1);
      expect(memory.saves).toHaveLength(2);
      for (const ref of answers[0] as string[]) {
        expect((await store.memory.story(ref))?.topic).toBe('japan-defense');
      }
    } finally {
      await store.close();
    }
  });

  it('GIVEN a save that failed THEN the next message showing the story saves it again', async () => {
    const store = openSqliteStore(tempWorkspaceForTest().path('nb.db'));
    try {
      const memory = countingMemory(store.memory);
      const refs = createStoryRefs(memory);
      memory.failOnce();
      await expect(refs.refsOf('japan-defense', stories.slice(0, 1) as never, NOW)).rejects.toThrow(/locked/);
      const [ref] = await refs.refsOf('japan-defense', stories.slice(0, 1) as never, NOW);
      expect(memory.saves).toHaveLength(2);
      expect((await store.memory.story(ref as string))?.headline).toBe('Harbour talks resume on Monday.');
    } finally {
      await store.close();
    }
  });
});
