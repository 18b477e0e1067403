// The console prints a digest's stories as an indented outline: the same structure as a thread
// (one entry per story, its points under it, their sources under those), and the "more" line.
import { describe, expect, it } from 'vitest';
import { createConsolePoster } from '../../../../src/adapters/console/poster.js';
import { storiesOf } from '../../../../src/core/digest-stories.js';
import type { Briefing } from '../../../../src/core/types.js';

const briefing: Briefing = {
  topic: 'storm',
  title: 'The storm',
  generatedAt: '2026-11-29T08:00:00.000Z',
  stale: false,
  matchedCount: 3,
  articles: [
    { id: 'a', title: 'Power cut across the coast', outlet: 'AP', publishedAt: '2026-11-29T06:00:00.000Z' },
    { id: 'b', title: 'Schools shut', outlet: 'Reuters', url: 'https://news.example/b' },
  ],
  points: [
    { text: 'The storm cut power to 200,000 homes.', articleIds: ['a', 'b'], story: 0, storyOutlets: 2 },
    { text: 'Schools stay closed until Wednesday.', articleIds: ['b'], story: 0 },
    { text: 'The harbour bridge was closed.', articleIds: ['a'], story: 1 },
  ],
};

describe('console digest outline', () => {
  it('GIVEN two stories, one an update, and 4 left out THEN an outline with points and sources indented under each story', async () => {
    const stories = storiesOf(briefing).map((s, i) => ({ ...s, update: i === 1 }));
    let out = '';
    const poster = createConsolePoster((t) => void (out += t));
    await poster.post(
      { platform: 'console', workspaceId: 'local', channelId: 'c1' },
      { briefing, kind: 'new', scheduleLabel: 'daily 08:00 UTC', idempotencyKey: 'k', stories, more: 4 },
    );
    const lines = out.trim().split('\n');
    expect(lines.slice(1)).toEqual([
      '1. The storm cut power to 200,000 homes. (2 outlets on this story)',
      '     • The storm cut power to 200,000 homes.',
      '         - Power cut across the coast (AP, 29 Nov 2026)',
      '         - Schools shut (Reuters) <https://news.example/b>',
      '     • Schools stay closed until Wednesday.',
      '         - Schools shut (Reuters) <https://news.example/b>',
      '2. Update: The harbour bridge was closed.',
      '     • The harbour bridge was closed.',
      '         - Power cut across the coast (AP, 29 Nov 2026)',
      'and 4 more stories: `/brief storm`',
    ]);
  });
});
