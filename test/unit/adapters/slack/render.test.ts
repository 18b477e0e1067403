import { describe, expect, it } from 'vitest';
import { renderDigest, renderReply, type Block } from '../../../../src/adapters/slack/render.js';
import { packLines } from '../../../../src/adapters/slack/limits.js';
import { escape, link } from '../../../../src/adapters/slack/markup.js';
import type { Reply } from '../../../../src/commands/ports.js';
import { message } from '../../../../src/core/messages.js';
import type { Briefing } from '../../../../src/core/types.js';
import { BRIEFING } from '../../../fakes/slack-services.js';

const briefingReply = (briefing: Briefing, visibility: 'ephemeral' | 'channel' = 'ephemeral'): Reply => ({
  kind: 'briefing',
  visibility,
  briefing,
});

/**
 * Every piece of mrkdwn in a message, with the fallback. Headers are plain_text, which Slack
 * shows literally and never parses for mentions; tests check them on their own.
 */
function texts(msg: { text: string; blocks: Block[] }): string[] {
  const out = [msg.text];
  for (const b of msg.blocks) {
    if (b.type === 'section' && b.text) out.push(b.text.text);
    if (b.type === 'context') for (const e of b.elements) if ('text' in e) out.push(e.text);
  }
  return out;
}

/** Anything Slack would turn into a ping: special mentions, user/group mentions, or bare broadcasts. */
const PING = /<!(channel|here|everyone|subteam)|<@[UW]|(^|[^\u2060])@(channel|here|everyone)\b/;

function bigBriefing(points: number, chars: number): Briefing {
  const articles = Array.from({ length: 40 }, (_, i) => ({
    id: `a${i}`,
    title: `Article ${i} `.padEnd(250, 'x'),
    outlet: `Outlet ${i}`,
    url: `https://news.example/${i}`,
  }));
  return {
    ...BRIEFING,
    title: 'T'.repeat(400),
    articles,
    points: Array.from({ length: points }, (_, i) => ({
      text: `Point ${i} `.padEnd(chars, 'y'),
      articleIds: [`a${i % 40}`, `a${(i + 1) % 40}`],
    })),
  };
}

describe('GIVEN article text with markup and mentions', () => {
  const evil: Briefing = {
    ...BRIEFING,
    title: '@channel <!here> Tokyo & allies',
    articles: [
      {
        id: 'x',
        title: '<https://evil.example|Click> <@U123>',
        outlet: 'Wire <!everyone>',
        url: 'https://ok.example/a?b=1&c=2',
      },
    ],
    points: [
      {
        text: 'Officials said <!channel> and <!here|here> then @everyone and @here, cc <@U123> and <!subteam^S1>.',
        articleIds: ['x'],
      },
      { text: 'A forged <https://evil.example|link to AP> & more > less', articleIds: ['x'] },
    ],
  };
  const msg = renderReply(briefingReply(evil));

  it('THEN nothing in the message can ping anybody', () => {
    for (const t of texts(msg)) expect(t).not.toMatch(PING);
  });

  it('THEN &, < and > are escaped so no link can be forged', () => {
    const all = texts(msg).join('\n');
    expect(all).toContain('&lt;https://evil.example|link to AP&gt; &amp; more &gt; less');
    expect(all).not.toContain('<https://evil.example');
  });

  it('THEN the real source link survives with its query string escaped', () => {
    expect(texts(msg).join('\n')).toContain('<https://ok.example/a?b=1&amp;c=2|Wire &lt;!everyone&gt;>');
  });

  it('THEN the header is plain_text (never parsed for mentions) with the bare broadcast word neutralized too', () => {
    const header = msg.blocks[0];
    expect(header).toMatchObject({ type: 'header', text: { type: 'plain_text' } });
    if (header?.type === 'header') expect(header.text.text).not.toMatch(/(^|[^\u2060])@channel/);
  });
});

describe('GIVEN a briefing', () => {
  const msg = renderReply(briefingReply(BRIEFING));
  const all = JSON.stringify(msg.blocks);

  it('THEN it has the title header, a context line with sources and update time, and points citing their outlets', () => {
    expect(msg.blocks[0]).toMatchObject({
      type: 'header',
      text: { type: 'plain_text', text: BRIEFING.title },
    });
    expect(all).toContain('2 sources');
    expect(all).toContain('<!date^');
    expect(all).toContain(
      '• Biden praised Japan for its historic defense buildup. (<https://apnews.example/biden-kishida|AP>)',
    );
  });

  it('THEN a point carried by many outlets links five of them and counts the rest', () => {
    const many = bigBriefing(1, 50);
    many.points = [{ text: 'Everyone reported it.', articleIds: many.articles.slice(0, 8).map((a) => a.id) }];
    const line =
      texts(renderReply(briefingReply(many))).find((t) => t.startsWith('• Everyone reported it.')) ?? '';
    expect((line.match(/<https:\/\/news\.example\/\d+\|Outlet \d+>/g) ?? []).length).toBe(5);
    expect(line).toContain(', +3)');
  });

  it('THEN an outlet without a url is named in plain text', () => {
    expect(all).toContain('(<https://apnews.example/biden-kishida|AP>, Local file)');
  });

  it('THEN the articles used are listed', () => {
    expect(all).toContain('<https://apnews.example/biden-kishida|Biden, Kishida vow closer ties>: AP');
    expect(all).toContain('Tokyo doubles defense budget: Local file');
  });

  it('THEN the private copy has a "Share in channel" button carrying the topic, and a shared copy has none but says who shared it', () => {
    expect(msg.blocks.at(-1)).toMatchObject({
      type: 'actions',
      elements: [
        { action_id: 'brief_share', value: 'japan-defense', text: { text: message('SLACK_SHARE_BUTTON') } },
      ],
    });
    const shared = renderReply(briefingReply(BRIEFING, 'channel'), { sharedBy: '<@U0ALICE>' });
    expect(JSON.stringify(shared.blocks)).not.toContain('brief_share');
    expect(JSON.stringify(shared.blocks)).toContain('Shared by <@U0ALICE>');
  });

  it('THEN the fallback text names the topic and its first point', () => {
    expect(msg.text).toContain(BRIEFING.title);
    expect(msg.text).toContain('Biden praised Japan');
  });
});

describe("GIVEN a briefing far beyond Slack's limits (60 points of 400 characters, 40 long articles, a 400-character title)", () => {
  const msg = renderReply(briefingReply(bigBriefing(60, 400)));

  it('THEN it stays within 50 blocks, 3,000 per section and 150 per header', () => {
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    for (const b of msg.blocks) {
      if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
      if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(150);
      if (b.type === 'context')
        for (const e of b.elements) if ('text' in e) expect(e.text.length).toBeLessThanOrEqual(3000);
    }
    expect(msg.text.length).toBeLessThanOrEqual(3000);
  });

  it('THEN it says how many points and articles were left out, and the counts add up', () => {
    const all = texts(msg).join('\n');
    const shown = (all.match(/• Point \d+/g) ?? []).length;
    const more = /…and (\d+) more points/.exec(all);
    expect(more).not.toBeNull();
    expect(shown + Number(more?.[1])).toBe(60);
    expect(all).toMatch(/…and \d+ more articles/);
  });
});

describe('GIVEN every other kind of reply', () => {
  const topics = Array.from({ length: 400 }, (_, i) => ({
    slug: `topic-${i}`,
    title: `Topic number ${i} about <!here> things`.padEnd(120, '.'),
    articleCount: i,
  }));
  const replies: Reply[] = [
    {
      kind: 'help',
      visibility: 'ephemeral',
      commands: [{ usage: '/brief <topic>', description: 'A briefing' }],
      topics,
    },
    { kind: 'topics', visibility: 'ephemeral', topics },
    {
      kind: 'status',
      visibility: 'ephemeral',
      report: {
        generatedAt: '2023-01-01T00:00:00Z',
        failingDigests: [],
        sources: topics.map((t) => ({
          id: t.slug,
          type: 'feed',
          articleCount: 1,
          consecutiveFailures: 2,
          lastError: 'HTTP 500 <@U1>',
        })),
      },
    },
    {
      kind: 'subscriptions',
      visibility: 'ephemeral',
      subscriptions: [
        {
          id: 's',
          topic: 'japan-defense',
          platform: 'slack',
          workspaceId: 'T1',
          channelId: 'C1',
          schedule: '0 8 * * *',
          when: 'daily 08:00',
          timezone: 'Asia/Tokyo',
          state: 'failing',
          lastError: 'not_in_channel',
          fromConfig: true,
          quietNote: false,
        },
      ],
    },
    {
      kind: 'notice',
      visibility: 'ephemeral',
      tone: 'error',
      code: 'UNKNOWN_TOPIC',
      text: message('UNKNOWN_TOPIC', { topic: '<!channel> @here' }),
    },
  ];
  for (const reply of replies) {
    it(`THEN ${reply.kind} renders within the limits, with nothing that pings`, () => {
      const msg = renderReply(reply);
      expect(msg.blocks.length).toBeGreaterThan(0);
      expect(msg.blocks.length).toBeLessThanOrEqual(50);
      for (const t of texts(msg)) {
        expect(t.length).toBeLessThanOrEqual(3000);
        expect(t).not.toMatch(PING);
      }
    });
  }

  it('THEN 400 topics are trimmed with a note saying how many more', () => {
    expect(texts(renderReply(replies[1] as Reply)).join('\n')).toMatch(/…and \d+ more topics/);
  });

  it('THEN a failing subscription shows its state and error', () => {
    const all = texts(renderReply(replies[3] as Reply)).join('\n');
    expect(all).toContain('*failing*: not_in_channel');
    expect(all).toContain('(config file)');
  });
});

describe('GIVEN a quiet digest', () => {
  it('THEN it is the all-quiet sentence', () => {
    const msg = renderDigest({
      briefing: BRIEFING,
      kind: 'quiet',
      scheduleLabel: 'hourly UTC',
      idempotencyKey: 'k',
    });
    expect(msg.text).toBe(escape(message('ALL_QUIET', { topic: BRIEFING.title })));
  });
});

describe('GIVEN the mrkdwn helpers', () => {
  it('THEN link() drops non-http urls and keeps | from ending the url early', () => {
    expect(link('X', 'javascript:alert(1)')).toBe('X');
    expect(link('A|B', 'https://a.example/x|y')).toBe('<https://a.example/x%7Cy|A¦B>');
  });

  it('THEN packLines never exceeds the section limit, even for one huge line', () => {
    const packed = packLines(['z'.repeat(10_000), 'short'], 1, (n) => `…and ${n} more`);
    expect(packed.texts[0]?.length).toBeLessThanOrEqual(3000);
    expect(packed.texts[0]).toContain('…and 1 more');
  });
});

describe('GIVEN feedback buttons per story under a briefing', () => {
  const stories = Array.from({ length: 5 }, (_, i) => ({
    ref: `ref${i}`.padEnd(16, 'x'),
    headline: `<!channel> story ${i} `.padEnd(600, 'z'),
    muted: i === 2 ? true : undefined,
  }));

  it('THEN a huge briefing with five stories stays within 50 blocks and 25 elements per actions block, nobody pinged', () => {
    const msg = renderReply({ ...briefingReply(bigBriefing(80, 1000)), feedback: stories } as Reply);
    expect(msg.blocks.length).toBeLessThanOrEqual(50);
    for (const b of msg.blocks) if (b.type === 'actions') expect(b.elements.length).toBeLessThanOrEqual(25);
    for (const t of texts(msg)) expect(t).not.toMatch(PING);
    const rows = msg.blocks.filter(
      (b) =>
        b.type === 'actions' &&
        b.elements.some((e) => 'action_id' in e && e.action_id === 'brief_feedback_up'),
    );
    expect(rows).toHaveLength(5);
    // The muted story: 👍 and 👎 only, and its line says it is muted here.
    expect(rows.map((b) => (b.type === 'actions' ? b.elements.length : 0))).toEqual([3, 3, 2, 3, 3]);
    expect(texts(msg).join('\n')).toContain("muted in this channel's digests");
  });

  it('THEN one unmuted story gets the three buttons with no naming line', () => {
    const msg = renderReply({ ...briefingReply(BRIEFING), feedback: [stories[0]!] } as Reply);
    const actions = msg.blocks.filter((b) => b.type === 'actions');
    expect(
      actions[0]?.type === 'actions' && actions[0].elements.map((e) => ('action_id' in e ? e.action_id : '')),
    ).toEqual(['brief_feedback_up', 'brief_feedback_down', 'brief_feedback_mute']);
    expect(texts(msg).join('\n')).not.toContain('1. ');
  });
});
