// Bolt, WebClient and the Socket Mode client log through @slack/logger's interface; this bridges
// it to our pino logger so everything lands in one structured stream. Their messages are strings
// (sometimes several); they never include tokens, and pino's redaction covers the rest.
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';

/**
 * A Slack Logger writing to `log`. Slack's chatty INFO lines (connection state) are demoted to
 * debug so a running bot's log shows what matters; warnings and errors stay as they are.
 */
export function slackLogger(log: Logger): SlackLogger {
  let level = LogLevel.DEBUG;
  let name = 'slack';
  const write =
    (lvl: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      const text = msg
        .map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : safeJson(m)))
        .join(' ');
      log[lvl]({ lib: name }, text);
    };
  return {
    debug: write('debug'),
    info: write('debug'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n: string) => {
      name = n;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
