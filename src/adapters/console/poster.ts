// Digests for `platform: console` print to standard output, so the default config can show a
// digest on a fresh machine without any chat platform. When the digest has stories, it prints
// them as an indented outline: each story (its headline and how many outlets), its points under
// it and their sources under those: the same structure a threaded digest has on Slack or Discord.
import { message, say } from '../../core/messages.js';
import { ok } from '../../core/result.js';
import { stripControl } from '../../core/text/control.js';
import type { Briefing } from '../../core/types.js';
import type { ChannelPoster, DigestMessage } from '../../digests/ports.js';
import { briefingOfStories } from '../../core/digest-stories.js';
import { formatDate, renderText } from './render.js';

export function createConsolePoster(write: (text: string) => void): ChannelPoster {
  return {
    platform: 'console',
    // One terminal: digests print one after another.
    concurrency: 1,
    async post(target, message) {
      const b = message.briefing;
      const label =
        message.kind === 'new'
          ? say({ code: 'WHATS_NEW', params: { title: b.title } })
          : message.kind === 'first'
            ? say({ code: 'CONSOLE_FIRST_DIGEST', params: { title: b.title } })
            : say({ code: 'CONSOLE_DIGEST', params: { title: b.title } });
      const banner = say({
        code: 'CONSOLE_DIGEST_BANNER',
        params: { label, schedule: message.scheduleLabel, channel: target.channelId },
      });
      const body =
        message.kind === 'quiet'
          ? renderText({
              kind: 'notice',
              visibility: 'channel',
              tone: 'info',
              code: 'ALL_QUIET',
              text: say({ code: 'ALL_QUIET', params: { topic: b.topic } }),
            })
          : message.stories
            ? storyOutline(message)
            : renderText({ kind: 'briefing', visibility: 'channel', briefing: b });
      write(`${banner}\n${body}\n`);
      return ok({});
    },
  };
}

/** The digest's stories as an outline: story, then its points, then each point's sources. */
export function storyOutline(digest: DigestMessage): string {
  const lines: string[] = [];
  (digest.stories ?? []).forEach((story, i) => {
    const told: Briefing = briefingOfStories(digest.briefing, [story]);
    const byId = new Map(told.articles.map((a) => [a.id, a]));
    const head = story.points[0]?.text ?? '';
    const update = story.update ? `${message('STORY_UPDATE')} ` : '';
    const outlets = story.outlets > 1 ? ` (${message('STORY_OUTLETS', { count: story.outlets })})` : '';
    lines.push(`${i + 1}. ${update}${clean(head)}${outlets}`);
    for (const point of story.points) {
      lines.push(`     • ${clean(point.text)}`);
      for (const id of point.articleIds) {
        const a = byId.get(id);
        if (!a) continue;
        const when = a.publishedAt ? `, ${formatDate(a.publishedAt)}` : '';
        lines.push(`         - ${clean(a.title)} (${clean(a.outlet)}${when})${a.url ? ` <${a.url}>` : ''}`);
      }
    }
  });
  if (digest.more)
    lines.push(message('DIGEST_MORE_STORIES', { count: digest.more, topic: digest.briefing.topic }));
  return lines.join('\n');
}

const clean = (text: string) => stripControl(text);
