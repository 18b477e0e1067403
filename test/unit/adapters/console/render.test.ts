import { describe, expect, it } from 'vitest';
import { formatDate, renderText } from '../../../../src/adapters/console/render.js';
import { renderReply as renderDiscord } from '../../../../src/adapters/discord/render.js';
import { renderReply } from '../../../../src/adapters/slack/render.js';
import { sampleBriefing } from '../../../support/services.js';

describe('console briefing text', () => {
  it('GIVEN three articles from two outlets THEN "sources" counts the outlets, as Slack does, and the articles apart', () => {
    const base = sampleBriefing();
    const briefing = sampleBriefing({
      articles: [...base.articles, { id: 'a3', title: 'More from AP', outlet: 'AP' }],
    });
    const text = renderText({ kind: 'briefing', visibility: 'ephemeral', briefing });
    expect(text).toContain(' · 2 sources · 3 articles · ');
    const slack = JSON.stringify(renderReply({ kind: 'briefing', visibility: 'ephemeral', briefing }));
    expect(slack).toContain('2 sources · 3 articles');
    const discord = renderDiscord({ kind: 'briefing', visibility: 'ephemeral', briefing });
    expect(discord.embeds[0]?.footer?.text).toMatch(/^2 sources · /);
  });

  it('GIVEN a time THEN it carries its time zone; a date alone does not', () => {
    expect(formatDate('2026-12-01T18:22:00.000Z', 'UTC', true)).toBe('1 Dec 2026, 18:22 UTC');
    expect(formatDate('2026-12-01T18:22:00.000Z', 'Asia/Tokyo', true)).toBe('2 Dec 2026, 03:22 GMT+9');
    expect(formatDate('2026-12-01T18:22:00.000Z', 'UTC')).toBe('1 Dec 2026');
    const text = renderText({ kind: 'briefing', visibility: 'ephemeral', briefing: sampleBriefing() });
    expect(text).toMatch(/Briefing made 28 Nov 2026, \d\d:\d\d \S+ · /);
  });
});
