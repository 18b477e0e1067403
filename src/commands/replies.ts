// Small constructors for replies, so every command builds notices the same way (text always
// from the messages table).
import { message, type MessageCode } from '../core/messages.js';
import { cutAt, stripControl } from '../core/text/control.js';
import type { Problem, Reply } from './ports.js';

/**
 * Notice params that can carry what a person typed (a topic, a schedule, a time zone...). The
 * notice's text already has them stripped and shortened; an adapter whose markup could act on
 * them (Discord's `[label](url)`, `**bold**`) escapes these before rendering the sentence.
 */
export const ECHOED_PARAMS: ReadonlySet<string> = new Set([
  'topic',
  'name',
  'when',
  'time',
  'cron',
  'timezone',
  'day',
]);

export function notice(
  code: MessageCode,
  params: Record<string, string | number> = {},
  tone: 'info' | 'success' | 'error' = 'info',
): Reply {
  const safe = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && ECHOED_PARAMS.has(k) ? echo(v) : v]),
  );
  return { kind: 'notice', visibility: 'ephemeral', tone, code, text: message(code, safe), params: safe };
}

export function problemReply(problem: Problem): Reply {
  return notice(problem.code, problem.params, 'error');
}

/**
 * Echoed user input is shortened so a pasted essay cannot blow up a reply, cut on a character
 * boundary (never half an emoji), and stripped of control characters like article text.
 */
export function echo(text: string, max = 80): string {
  const oneLine = stripControl(text).replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${cutAt(oneLine, max - 1)}…` : oneLine;
}
