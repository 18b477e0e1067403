// Runs the real `newsbrief` bin as a child process, the way a user or a script would.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { SIGNING_SECRET } from '../../fakes/slack-requests.js';
import { tempWorkspace } from '../../support/workspace.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(repoRoot, 'bin/newsbrief.js');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runBin(
  args: string[],
  options: {
    input?: string;
    env?: Record<string, string>;
    cwd?: string;
    /** Run as another user (a root test run making file modes count, test/support/store-faults.ts). */
    user?: { uid?: number; gid?: number };
  } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? repoRoot,
      // A clean environment: no platform credentials leak in from the developer's shell.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        TZ: 'UTC',
        LOG_LEVEL: 'warn',
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
      ...options.user,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

export interface RunningBot {
  child: ChildProcess;
  /** Everything the bot wrote to stderr so far (its logs). */
  stderr(): string;
  /** SIGTERM, then wait for the process to exit. */
  stop(): Promise<void>;
}

/** Starts `newsbrief start` as `npm start` does, with only the given environment (plus PATH). */
export function startBot(env: Record<string, string>): RunningBot {
  const child = spawn(process.execPath, [bin, 'start'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return {
    child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resolves with the number `pattern` captures from the bot's logs once logged; rejects if the bot exits first. */
export function numberFromLogs(bot: RunningBot, pattern: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = pattern.exec(bot.stderr());
      if (m) resolve(Number(m[1]));
    };
    bot.child.once('exit', (code) => reject(new Error(`newsbrief exited with ${code}: ${bot.stderr()}`)));
    bot.child.stderr?.on('data', check);
    check();
  });
}

/** The port the Slack adapter listens on, from its start-up log line (PORT=0 lets the OS choose one). */
export function slackAdapterPort(bot: RunningBot): Promise<number> {
  return numberFromLogs(bot, /"port":(\d+)[^\n]*"msg":"slack adapter started"/);
}

export interface SlackBot extends RunningBot {
  /** http://127.0.0.1:PORT of its /slack/events. */
  base: string;
}

/** Starts the bin with Slack over HTTP on a free port (`env` adds or overrides); resolves once the adapter listens. */
export async function startSlackBot(env: Record<string, string>, apiUrl: string): Promise<SlackBot> {
  const bot = startBot({
    LOG_LEVEL: 'info',
    PORT: '0',
    TZ: 'UTC',
    SLACK_BOT_TOKEN: 'xoxb-bot-test-token-123456',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    ...env,
  });
  return { ...bot, base: `http://127.0.0.1:${await slackAdapterPort(bot)}` };
}

export interface BotTestBed {
  /** A path in the file's temp folder (configs). */
  path(...parts: string[]): string;
  /** Starts a bot (startSlackBot), stopped after the tests. */
  startBot(env: Record<string, string>, apiUrl: string): Promise<SlackBot>;
  /** Starts `count` bots at once with the same environment. */
  startBots(count: number, env: Record<string, string>, apiUrl: string): Promise<SlackBot[]>;
  /** Hands over a bot started otherwise (startBot), stopped after the tests with the others. */
  stopAfter<T extends RunningBot>(bot: T): T;
  /** Hands over a fake server or proxy, closed after the tests (once every bot has stopped). */
  closeAfter<T extends { close(): Promise<void> }>(server: T): T;
}

/**
 * What a test of the running bin starts, put away after the tests of the file (or of the describe
 * it is called in) however they ended: first every bot it started, then every server handed to
 * it, then its temp folder.
 */
export function botTestBed(prefix: string): BotTestBed {
  const workspace = tempWorkspace(prefix);
  const bots: RunningBot[] = [];
  const servers: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(bots.map((b) => b.stop()));
    await Promise.all(servers.map((s) => s.close()));
    workspace.cleanup();
  });
  const startBot = async (env: Record<string, string>, apiUrl: string) => {
    const bot = await startSlackBot(env, apiUrl);
    bots.push(bot);
    return bot;
  };
  return {
    path: workspace.path,
    startBot,
    // Each is kept as soon as it is up, so one failing to start leaves none of the others running.
    startBots: (count, env, apiUrl) =>
      Promise.all(Array.from({ length: count }, () => startBot(env, apiUrl))),
    stopAfter(bot) {
      bots.push(bot);
      return bot;
    },
    closeAfter(server) {
      servers.push(server);
      return server;
    },
  };
}
