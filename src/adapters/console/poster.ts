// Digests for `platform: console` print to standard output, so the default config can show a
// digest on a fresh machine without any chat platform.
import type { ChannelPoster } from '../../digests/ports.js';
import { renderText } from './render.js';

export function createConsolePoster(write: (text: string) => void): ChannelPoster {
  return {
    platform: 'console',
    // One terminal: digests print one after another.
    concurrency: 1,
    async post(target, message) {
      const b = message.briefing;
      const label =
        message.kind === 'new'
          ? `What's new: ${b.title}`
          : message.kind === 'first'
            ? `First digest: ${b.title}`
            : `Digest: ${b.title}`;
      const banner = `--- ${label} (${message.scheduleLabel}, channel ${target.channelId}) ---`;
      const body =
        message.kind === 'quiet'
          ? renderText({
              kind: 'notice',
              visibility: 'channel',
              tone: 'info',
              code: 'ALL_QUIET',
              text: `All quiet on "${b.topic}": nothing new since the last digest.`,
            })
          : renderText({ kind: 'briefing', visibility: 'channel', briefing: b });
      write(`${banner}\n${body}\n`);
      return { ok: true };
    },
  };
}
