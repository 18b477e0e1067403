// The console adapter: reads /brief commands line by line from a stream (a terminal or a pipe),
// prints each reply in order, and finishes at end of input. On a terminal, readline edits the
// line (arrows, Home/End, Ctrl-W...) and keeps a history (up/down); a digest that prints while
// someone is typing is written above the prompt, and the prompt comes back with what they typed.
import { userInfo } from 'node:os';
import { clearLine, createInterface, cursorTo } from 'node:readline';
import type { Logger } from 'pino';
import type { Services } from '../../commands/ports.js';
import type { Adapter } from '../adapter.js';
import { consoleInvocation, handleLine } from './handlers.js';
import { createConsolePoster } from './poster.js';
import { message } from '../../core/messages.js';

export interface ConsoleAdapter extends Adapter {
  /** Resolves when input has ended and every command read has been answered. */
  readonly done: Promise<void>;
}

const PROMPT = 'brief> ';
/** Lines kept for the up arrow; readline's default is 30. */
const HISTORY_SIZE = 500;

export function startConsoleAdapter(deps: {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  services: Services;
  log: Logger;
  /** A terminal: line editing, history, a prompt and a greeting; off for pipes. */
  interactive: boolean;
}): ConsoleAdapter {
  const { interactive, output } = deps;
  const rl = createInterface({
    input: deps.input,
    output: interactive ? output : undefined,
    terminal: interactive,
    historySize: HISTORY_SIZE,
    prompt: PROMPT,
  });
  const write = (text: string) => output.write(text.endsWith('\n') ? text : `${text}\n`);
  let user = 'owner';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): any name will do for the console's one user.
  }
  const invocation = consoleInvocation(user);
  const prompt = () => {
    if (interactive) rl.prompt(true);
  };
  if (interactive) write(message('CONSOLE_WELCOME'));
  prompt();

  // Lines are answered strictly in order: each waits for the previous reply. While one is being
  // answered there is no prompt on screen.
  let answering = 0;
  let chain = Promise.resolve();
  rl.on('line', (line) => {
    answering++;
    chain = chain.then(async () => {
      try {
        const out = await handleLine(line, invocation, deps.services);
        if (out !== undefined) write(interactive ? out : `${out}\n`);
      } catch (err) {
        deps.log.error({ err }, 'console command failed');
      }
      answering--;
      if (answering === 0) prompt();
    });
  });
  // A digest arrives at any moment: on a terminal, wipe the prompt line, print, redraw the prompt
  // with the half-typed line (rl.prompt(true) keeps the cursor where it was).
  const printDigest = (text: string) => {
    if (!interactive || answering > 0) {
      write(text);
      return;
    }
    clearLine(output, 0);
    cursorTo(output, 0);
    write(text);
    prompt();
  };
  // A terminal in raw mode turns Ctrl-C into a key, not a signal: like a shell, it drops the
  // half-typed line; on an empty line it quits, as Ctrl-D does.
  rl.on('SIGINT', () => {
    if (rl.line.length > 0) {
      output.write('^C\n');
      rl.write(null, { ctrl: true, name: 'e' });
      rl.write(null, { ctrl: true, name: 'u' });
      prompt();
      return;
    }
    output.write('\n');
    rl.close();
  });
  const done = new Promise<void>((resolve) => rl.once('close', () => void chain.then(resolve)));
  return {
    platform: 'console',
    poster: createConsolePoster(printDigest),
    done,
    stop: async () => rl.close(),
  };
}
