// `/brief why` says the same words on Slack, Discord and the console: every fixed fragment of every
// sentence (what is left when the values are taken out) appears on each platform, and untrusted
// values (titles, errors, typed links) are escaped the platform's way.
import { describe, expect, it } from 'vitest';
import { whyText } from '../../../src/adapters/console/render-why.js';
import { renderReply as renderDiscord } from '../../../src/adapters/discord/render.js';
import { renderReply as renderSlack } from '../../../src/adapters/slack/render.js';
import type { Reply } from '../../../src/commands/ports.js';
import { explainWhy, type WhyExplanation, type WhyFacts } from '../../../src/core/why.js';
import { renderWhyLine, whyLines } from '../../../src/core/why-lines.js';
import { whyArticle, whyFacts } from '../../support/why.js';

const base: WhyFacts = whyFacts();
const failing = {
  id: 'feed',
  consecutiveFailures: 2,
  lastError: 'HTTP 503',
  nextAttemptAt: '2026-12-01T13:00:00Z',
};
const matched = (inBriefing: boolean) => ({
  slug: 'japan-defense',
  outcome: 'matched' as const,
  keywords: ['japan', 'defense'],
  inBriefing,
});
const seen = [{ sourceId: 'wire', seenAt: '2026-11-30T09:00:00Z' }];

/** One explanation per verdict, between them carrying every kind of reason. */
const explanations: WhyExplanation[] = [
  explainWhy({ ...base, sources: [{ id: 'wire', consecutiveFailures: 0 }] }),
  explainWhy({ ...base, hostSources: [{ id: 'nx', consecutiveFailures: 0 }, failing], sources: [failing] }),
  explainWhy({ ...base, asked: { kind: 'words', words: 'chip rules' }, sources: [failing] }),
  explainWhy({ ...base, hostSources: [{ id: 'nx', consecutiveFailures: 0 }] }),
  explainWhy({ ...base, expiredAt: '2026-10-01T00:00:00Z' }),
  explainWhy({
    ...base,
    stored: { article: whyArticle(), seenBy: seen, learned: true, topics: [matched(true)] },
  }),
  explainWhy({
    ...base,
    stored: {
      article: whyArticle(),
      seenBy: seen,
      learned: true,
      topics: [
        { slug: 'chips', outcome: 'no-keyword', keywords: ['semiconductor'] },
        { slug: 'sport', outcome: 'excluded', words: ['football'] },
        { slug: 'local', outcome: 'other-sources', sources: ['city-hall'] },
      ],
    },
  }),
  explainWhy({ ...base, stored: { article: whyArticle(), seenBy: seen, learned: false, topics: [] } }),
  explainWhy({
    ...base,
    stored: {
      article: whyArticle({ publishedAt: '2026-10-01T00:00:00Z' }),
      seenBy: seen,
      learned: false,
      topics: [matched(false)],
    },
  }),
  explainWhy({
    ...base,
    duplicate: true,
    sources: [failing],
    alternatives: [whyArticle({ id: 'u-3', title: 'Another' })],
    stored: {
      article: whyArticle({ id: 'u-2' }),
      seenBy: seen,
      learned: false,
      topics: [matched(true)],
      story: { lead: whyArticle({ id: 'u-0', title: 'Lead story' }), articles: 3, outlets: 2 },
    },
  }),
  explainWhy({
    ...base,
    stored: { article: whyArticle(), seenBy: seen, learned: false, topics: [matched(false)] },
  }),
];

const reply = (explanation: WhyExplanation): Reply => ({ kind: 'why', visibility: 'ephemeral', explanation });
const slackText = (e: WhyExplanation) =>
  renderSlack(reply(e))
    .blocks.map((b) => (b.type === 'section' ? (b.text?.text ?? '') : ''))
    .join('\n');
const discordText = (e: WhyExplanation) => renderDiscord(reply(e)).embeds[0]?.description ?? '';

/** The fixed words of a line: its sentence with every value replaced by a break. */
function fragments(line: ReturnType<typeof whyLines>[number]): string[] {
  const MARK = '\u0001';
  const marked = renderWhyLine(line, {
    text: () => MARK,
    code: () => MARK,
    link: () => MARK,
    time: () => MARK,
  });
  return marked
    .split(MARK)
    .map((f) => f.replace(/\d+/g, ' ').trim())
    .flatMap((f) => f.split(/ {2,}/))
    .filter((f) => f.length > 2);
}

describe('GIVEN every why verdict and reason', () => {
  it('THEN they are all covered by these fixtures', () => {
    expect(new Set(explanations.map((e) => e.verdict)).size).toBe(8);
    const kinds = new Set(explanations.flatMap((e) => e.reasons.map((r) => r.kind)));
    expect([...kinds].sort()).toEqual(
      [
        'age',
        'also-found',
        'backlog',
        'duplicate',
        'host-sources',
        'no-host-source',
        'no-source-failing',
        'no-topics-configured',
        'seen-by',
        'source-failing',
        'story',
        'stored',
        'topic',
      ].sort(),
    );
  });

  for (const e of explanations) {
    it(`THEN "${e.verdict}" (${e.reasons.map((r) => r.kind).join(', ')}) reads the same on every platform`, () => {
      const outputs = { console: whyText(e), slack: slackText(e), discord: discordText(e) };
      for (const line of whyLines(e))
        for (const fragment of fragments(line))
          for (const [platform, text] of Object.entries(outputs)) expect(text, platform).toContain(fragment);
    });
  }
});

describe('GIVEN untrusted values in an explanation', () => {
  const hostile = explainWhy({
    ...base,
    sources: [{ id: 'wire', consecutiveFailures: 1, lastError: 'bad <!channel> **x**' }],
    stored: {
      article: whyArticle({ title: '@everyone <!channel> **Bold** [x](https://evil.example)' }),
      seenBy: seen,
      learned: false,
      topics: [matched(true)],
    },
  });

  it('THEN Slack escapes them and links the title to the article', () => {
    const text = slackText(hostile);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('<https://news.example/japan-budget|');
  });

  it('THEN Discord escapes markdown and mentions and masks the link', () => {
    const text = discordText(hostile);
    expect(text).not.toMatch(/(^|[^\u200b])@everyone/);
    expect(text).toContain('\\*\\*Bold\\*\\*');
    expect(text).toContain('](https://news.example/japan-budget)');
  });

  it('THEN the console prints the title and its link as text', () => {
    expect(whyText(hostile)).toContain(
      '"@everyone <!channel> **Bold** [x](https://evil.example)" <https://news.example/japan-budget>',
    );
  });
});
