// The console in main.ts's platform list: always on. Alone, it reads commands from standard input
// and the bot ends with the input; beside another platform it only prints console digests.
import type { PlatformEntry } from '../adapter.js';
import { startConsoleAdapter } from './index.js';
import { createConsolePoster } from './poster.js';

export const consolePlatform: PlatformEntry = {
  platform: 'console',
  enabled: () => true,
  health: (_env, alone) => (alone ? {} : undefined),
  async start({ services, log, alone }) {
    if (!alone)
      return {
        platform: 'console',
        poster: createConsolePoster((text) => process.stdout.write(text)),
        stop: async () => undefined,
      };
    return startConsoleAdapter({
      input: process.stdin,
      output: process.stdout,
      services,
      log,
      interactive: process.stdin.isTTY === true,
    });
  },
};
