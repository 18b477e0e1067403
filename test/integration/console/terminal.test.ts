// The console adapter on a terminal, driven through its streams exactly as a terminal sends keys:
// line editing, history, Ctrl-C, and a digest arriving while someone is typing.
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startConsoleAdapter, type ConsoleAdapter } from '../../../src/adapters/console/index.js';
import { slackServices } from '../../fakes/slack-services.js';
import { BRIEFING } from '../../fakes/slack-services.js';

const UP = '\x1b[A';
const LEFT = '\x1b[D';
const BACKSPACE = '\x7f';
const CTRL_C = '\x03';
const CTRL_D = '\x04';
/** One key as a terminal sends it: an escape sequence or one character. */
// eslint-disable-next-line no-control-regex
const ONE_KEY = /\x1b\[[0-9;]*[A-Za-z]|[\s\S]/gu;
/** A line only the answer to `/brief topics` has (help lists topics without the bullet). */
const TOPICS_REPLY = '• japan-defense:';

interface Terminal {
  console: ConsoleAdapter;
  /** Sends keys one at a time, as a person types them (an escape sequence is one key). */
  type(keys: string): Promise<void>;
  /** Everything printed so far, terminal escapes removed. */
  screen(): string;
  /** Waits until `what` has been printed `times` times in all. */
  printed(what: string, times?: number): Promise<void>;
}

let open: Terminal | undefined;
afterEach(async () => {
  await open?.console.stop();
  open = undefined;
});

function terminal(): Terminal {
  const input = new PassThrough();
  const output = new PassThrough();
  let raw = '';
  output.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
  const screen = () => raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, ''); // eslint-disable-line no-control-regex
  const count = (what: string) => screen().split(what).length - 1;
  const console = startConsoleAdapter({
    input,
    output,
    services: slackServices(),
    log: pino({ level: 'silent' }),
    interactive: true,
  });
  open = {
    console,
    async type(keys) {
      for (const key of keys.match(ONE_KEY) ?? []) {
        input.write(key);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    },
    screen,
    printed: (what, times = 1) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`never printed ${what} x${times}:\n${screen()}`)),
          5_000,
        );
        const check = () => {
          if (count(what) < times) return;
          clearTimeout(timer);
          output.off('data', check);
          resolve();
        };
        output.on('data', check);
        check();
      }),
  };
  return open;
}

describe('GIVEN the console on a terminal', () => {
  it('THEN the up arrow brings back the last command instead of printing ^[[A', async () => {
    const t = terminal();
    await t.type('/brief topics\r');
    await t.printed(TOPICS_REPLY);
    await t.type(`${UP}\r`);
    await t.printed(TOPICS_REPLY, 2);
    expect(t.screen()).not.toContain('^[[A');
    expect(t.screen()).not.toContain('There is no topic');
  });

  it('THEN backspace and the left arrow edit the line before it is sent', async () => {
    const t = terminal();
    await t.type(`/brief opicz${BACKSPACE}s${LEFT.repeat(5)}t\r`);
    await t.printed(TOPICS_REPLY);
    expect(t.screen()).not.toContain('There is no topic');
  });

  it('THEN a digest printed while a command is half typed comes above a redrawn prompt that keeps the typing', async () => {
    const t = terminal();
    await t.printed('brief> ');
    await t.type('/brief top');
    await t.printed('/brief top');
    await t.console.poster.post(
      { platform: 'console', workspaceId: 'local', channelId: 'console' },
      { briefing: BRIEFING, kind: 'new', scheduleLabel: 'daily 08:00 UTC', idempotencyKey: 'k1' },
    );
    const afterDigest = t.screen().slice(t.screen().indexOf("What's new"));
    // The prompt and the half-typed command are drawn again after the digest.
    expect(afterDigest).toMatch(/Sources[\s\S]*brief> \/brief top$/);
    await t.type('ics\r');
    await t.printed(TOPICS_REPLY);
  });

  it('THEN Ctrl-C drops a half-typed line, and on an empty line quits like Ctrl-D', async () => {
    const t = terminal();
    await t.type(`/brief nonsense${CTRL_C}`);
    await t.type('/brief topics\r');
    await t.printed(TOPICS_REPLY);
    expect(t.screen()).not.toContain('nonsense/brief topics');
    await t.type(CTRL_C);
    await t.console.done;
  });

  it('THEN Ctrl-D ends the console once the last command is answered', async () => {
    const t = terminal();
    await t.type(`/brief topics\r${CTRL_D}`);
    await t.console.done;
    expect(t.screen()).toContain(TOPICS_REPLY);
  });
});
