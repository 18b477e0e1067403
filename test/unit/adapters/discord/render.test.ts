// Reply -> Discord message: every limit trimmed with "…and N more", article text escaped, and no
// message can ping anyone.
import { describe, expect, it } from 'vitest';
import type { APIEmbed } from 'discord.js';
import { embedLength, LIMITS } from '../../../../src/adapters/discord/limits.js';
import { renderDigest, renderReply, type DiscordMessage } from '../../../../src/adapters/discord/render.js';
import type { Reply, SubscriptionView } from '../../../../src/commands/ports.js';
import { hugeBriefing, japanBriefing, TOPICS } from '../../../fixtures/discord/briefing.js';

/** Any mention syntax Discord would render or resolve, unbroken. */
const LIVE_MENTION = /@(everyone|here)|<@[!&]?\d+>|<#\d+>/;

function withinLimits(msg: DiscordMessage): void {
  expect(msg.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  expect((msg.content ?? '').length).toBeLessThanOrEqual(LIMITS.content);
  expect(msg.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
  for (const e of msg.embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(LIMITS.title);
    expect((e.description ?? '').length).toBeLessThanOrEqual(LIMITS.description);
    expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(LIMITS.footer);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
  }
}

const first = (msg: DiscordMessage): APIEmbed => msg.embeds[0] as APIEmbed;

describe('GIVEN a briefing with 80 long points and 40 long articles', () => {
  const msg = renderReply({ kind: 'briefing', visibility: 'ephemeral', briefing: hugeBriefing() });

  it('THEN the message stays within every Discord limit (4,096 description, 6,000 total, 1,024 per field, 256 title)', () => {
    withinLimits(msg);
    expect(first(msg).title).toMatch(/^T+…$/);
  });

  it('THEN the description shows the first points and says how many more there are', () => {
    const description = first(msg).description ?? '';
    const shown = description.split('\n').filter((l) => l.startsWith('• Point')).length;
    expect(shown).toBeGreaterThan(5);
    expect(description.endsWith(`…and ${80 - shown} more`)).toBe(true);
  });

  it('THEN the articles field lists the first articles and says how many more', () => {
    const value = first(msg).fields?.[0]?.value ?? '';
    const shown = value.split('\n').filter((l) => l.startsWith('[Article')).length;
    expect(shown).toBeGreaterThan(0);
    expect(value.endsWith(`…and ${40 - shown} more`)).toBe(true);
  });
});

describe('GIVEN one point longer than a whole description', () => {
  it('THEN it is clipped with an ellipsis, not dropped or rejected', () => {
    const briefing = japanBriefing({ points: [{ text: 'z'.repeat(9000), articleIds: ['ap-1'] }] });
    const msg = renderReply({ kind: 'briefing', visibility: 'ephemeral', briefing });
    withinLimits(msg);
    expect(first(msg).description).toMatch(/^• z+…$/);
  });
});

describe('GIVEN an article containing @everyone, @here, a role, a user and a channel mention, and markdown', () => {
  const msg = renderReply(
    { kind: 'briefing', visibility: 'channel', briefing: japanBriefing() },
    { sharedBy: '@everyone *Hana*' },
  );
  const json = JSON.stringify(msg);

  it('THEN the message pings nobody: allowed mentions are empty and no mention syntax survives', () => {
    expect(msg.allowed_mentions).toEqual({ parse: [] });
    expect(json).not.toMatch(LIVE_MENTION);
    expect(first(msg).description).toContain(
      '@\u200beveryone @\u200bhere <\u200b@&123456789012345678\\> <\u200b@222\\> <\u200b#333\\>',
    );
  });

  it('THEN markdown in the article renders as the literal characters', () => {
    expect(first(msg).description).toContain('\\~\\~gone\\~\\~ \\`code\\` \\> quote');
    const articles = first(msg).fields?.[0]?.value ?? '';
    expect(articles).toContain('\\[click\\](https://evil.example) \\*\\*bold\\*\\*');
  });

  it('THEN a link cannot be broken out of: the ")" in the URL is encoded and the outlet is escaped', () => {
    expect(first(msg).description).toContain(
      '[Pinger <\u200b@111111111111111111\\> Times](https://example.org/a%29b)',
    );
  });

  it('THEN the shared-by line escapes the name too', () => {
    expect(msg.content).toBe('Shared by @\u200beveryone \\*Hana\\*');
  });
});

describe('GIVEN an article without a URL', () => {
  it('THEN its outlet is cited as plain text', () => {
    const briefing = japanBriefing();
    briefing.articles = briefing.articles.map((a) => ({ ...a, url: undefined }));
    expect(first(renderReply({ kind: 'briefing', visibility: 'ephemeral', briefing })).description).toContain(
      '(AP)',
    );
  });

  it('AND a javascript: URL is not linked', () => {
    const briefing = japanBriefing();
    briefing.articles = briefing.articles.map((a) => ({ ...a, url: 'javascript:alert(1)' }));
    expect(
      JSON.stringify(renderReply({ kind: 'briefing', visibility: 'ephemeral', briefing })),
    ).not.toContain('javascript:');
  });
});

describe('GIVEN a stale briefing', () => {
  it('THEN the description opens by saying how old the coverage is', () => {
    const msg = renderReply({
      kind: 'briefing',
      visibility: 'ephemeral',
      briefing: japanBriefing({ stale: true, newestAt: '2023-01-14T08:00:00.000Z' }),
    });
    expect(first(msg).description).toMatch(
      /^Nothing recent: this is the latest coverage, from <t:1673683200:f>\./,
    );
  });
});

describe('GIVEN every kind of reply', () => {
  const sub: SubscriptionView = {
    id: 's',
    topic: 'climate',
    platform: 'discord',
    workspaceId: 'g',
    channelId: 'c',
    schedule: '0 8 * * *',
    when: 'daily 08:00',
    timezone: 'UTC',
    state: 'failing',
    lastError: 'ping <@&1> @here',
    fromConfig: false,
    quietNote: false,
  };
  const many = Array.from({ length: 400 }, (_, i) => ({
    ...TOPICS[0]!,
    slug: `topic-${i}`,
    title: 'A long title '.repeat(5),
  }));
  const replies: Reply[] = [
    {
      kind: 'help',
      visibility: 'ephemeral',
      commands: [{ usage: '/brief help', description: 'How to use /brief' }],
      topics: many,
    },
    { kind: 'topics', visibility: 'ephemeral', topics: many },
    { kind: 'subscriptions', visibility: 'ephemeral', subscriptions: Array.from({ length: 200 }, () => sub) },
    {
      kind: 'status',
      visibility: 'ephemeral',
      report: {
        generatedAt: '2026-11-28T07:30:00.000Z',
        sources: Array.from({ length: 300 }, (_, i) => ({
          id: `s${i}`,
          type: 'feed',
          articleCount: i,
          consecutiveFailures: 1,
          lastError: '@everyone 500',
        })),
        failingDigests: Array.from({ length: 100 }, () => sub),
      },
    },
    {
      kind: 'notice',
      visibility: 'ephemeral',
      tone: 'error',
      code: 'UNKNOWN_TOPIC',
      text: `There is no topic "<@&42> @everyone ${'x'.repeat(3000)}".`,
    },
  ];

  it.each(replies.map((r) => [r.kind, r] as const))(
    '%s THEN stays within limits, is ephemeral and pings nobody',
    (_kind, reply) => {
      const msg = renderReply(reply);
      withinLimits(msg);
      expect(msg.flags).toBe(64);
      expect(msg.allowed_mentions).toEqual({ parse: [] });
      expect(JSON.stringify(msg)).not.toMatch(LIVE_MENTION);
    },
  );

  it('topics THEN a long list ends by saying how many more', () => {
    expect(first(renderReply(replies[1] as Reply)).description).toMatch(/…and \d+ more$/);
  });

  it('status THEN long source lists end by saying how many more', () => {
    expect(first(renderReply(replies[3] as Reply)).fields?.[0]?.value).toMatch(/…and \d+ more$/);
  });
});

describe('GIVEN a digest', () => {
  it('of 80 points THEN the channel post stays within limits and pings nobody', () => {
    const msg = renderDigest({
      briefing: hugeBriefing(),
      kind: 'first',
      scheduleLabel: 'daily 08:00 UTC',
      idempotencyKey: 'k',
    });
    withinLimits(msg);
    expect(msg.flags).toBeUndefined();
    expect(msg.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('GIVEN feedback buttons per story under a briefing', () => {
  const stories = Array.from({ length: 5 }, (_, i) => ({
    ref: `ref${i}`.padEnd(16, 'x'),
    headline: `@everyone story ${i} `.padEnd(600, 'z'),
    muted: i === 2 ? true : undefined,
  }));

  it('THEN at most 5 rows of at most 5 buttons, labels within 80 and custom ids within 100, all distinct', () => {
    const msg = renderReply({
      kind: 'briefing',
      visibility: 'ephemeral',
      briefing: hugeBriefing(),
      feedback: stories,
    });
    withinLimits(msg);
    const rows = msg.components ?? [];
    expect(rows).toHaveLength(5);
    const ids = rows.flatMap((r) => r.components.map((c) => c.custom_id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of rows) {
      expect(r.components.length).toBeLessThanOrEqual(5);
      for (const c of r.components) {
        expect(c.label.length).toBeLessThanOrEqual(80);
        expect(c.custom_id.length).toBeLessThanOrEqual(100);
      }
    }
    // Each row names its story first; the muted one says so and has no Mute button.
    expect(rows.map((r) => r.components[0]?.label.slice(0, 4))).toEqual([
      '1. @',
      '2. @',
      '🔇 3',
      '4. @',
      '5. @',
    ]);
    expect(rows.map((r) => r.components.length)).toEqual([4, 4, 3, 4, 4]);
  });

  it('THEN a one-message digest carries the same rows; a single story gets 👍, 👎, Mute this story alone', () => {
    const digest = renderDigest({
      briefing: japanBriefing(),
      kind: 'new',
      scheduleLabel: 'daily 08:00 UTC',
      idempotencyKey: 'k',
      feedback: [stories[0]!],
    });
    expect(digest.components?.map((r) => r.components.map((c) => c.custom_id))).toEqual([
      [`nb_fb:up:${stories[0]!.ref}`, `nb_fb:down:${stories[0]!.ref}`, `nb_fb:mute:${stories[0]!.ref}`],
    ]);
  });
});
