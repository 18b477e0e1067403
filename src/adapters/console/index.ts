// The console adapter: reads /brief commands line by line from a stream (a terminal or a pipe),
// prints each reply in order, and finishes at end of input.
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import type { Logger } from 'pino';
import type { Services } from '../../commands/ports.js';
import type { Adapter } from '../adapter.js';
import { consoleInvocation, handleLine } from './handlers.js';
import { createConsolePoster } from './poster.js';

export interface ConsoleAdapter extends Adapter {
  /** Resolves when input has ended and every command read has been answered. */
  readonly done: Promise<void>;
}

export function startConsoleAdapter(deps: {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  services: Services;
  log: Logger;
  /** Show a prompt and greeting (a terminal); off for pipes. */
  interactive: boolean;
}): ConsoleAdapter {
  const write = (text: string) => deps.output.write(text.endsWith('\n') ? text : `${text}\n`);
  const rl = createInterface({ input: deps.input, terminal: false });
  let user = 'owner';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): any name will do for the console's one user.
  }
  const invocation = consoleInvocation(user);
  const prompt = () => {
    if (deps.interactive) deps.output.write('brief> ');
  };
  if (deps.interactive) write('newsbrief console. Type /brief help for commands, Ctrl-D to quit.');
  prompt();

  // Lines are answered strictly in order: each waits for the previous reply.
  let chain = Promise.resolve();
  rl.on('line', (line) => {
    chain = chain.then(async () => {
      try {
        const out = await handleLine(line, invocation, deps.services);
        if (out !== undefined) write(deps.interactive ? out : `${out}\n`);
      } catch (err) {
        deps.log.error({ err }, 'console command failed');
      }
      prompt();
    });
  });
  const done = new Promise<void>((resolve) => rl.once('close', () => void chain.then(resolve)));
  return {
    platform: 'console',
    poster: createConsolePoster(write),
    done,
    stop: async () => rl.close(),
  };
}
