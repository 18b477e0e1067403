// Bolt, WebClient and the Socket Mode client log through @slack/logger's interface; this bridges
// it to our pino logger so everything lands in one structured stream. Their messages are strings
// (sometimes several); they never include tokens, and pino's redaction covers the rest.
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from 'pino';
import { createLogSampler, lineKind, type LogSampler } from '../../log-sampler.js';

/**
 * A Slack Logger writing to `log`. Slack's chatty INFO lines (connection state) are demoted to
 * debug so a running bot's log shows what matters; warnings and errors stay as they are.
 */
export function slackLogger(log: Logger, sampler: LogSampler = createLogSampler()): SlackLogger {
  let level = LogLevel.DEBUG;
  let name = 'slack';
  const write =
    (lvl: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      const text = msg
        .map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : safeJson(m)))
        .join(' ');
      if (lvl === 'debug') return log.debug({ lib: name }, text);
      // Warnings and errors repeat per request (a bad signature on every forged request):
      // a few of each kind per minute, then one line with how many more there were.
      for (const { key, count } of sampler.drainSuppressed())
        log.warn(
          { lib: name, suppressed: count, like: key },
          `${count} more log lines like this were not written`,
        );
      if (sampler.admit(lineKind(text))) log[lvl]({ lib: name }, text);
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
