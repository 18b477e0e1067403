// Small constructors for replies, so every command builds notices the same way (text always
// from the messages table).
import { message, type MessageCode } from '../core/messages.js';
import type { Problem, Reply } from './ports.js';

export function notice(
  code: MessageCode,
  params: Record<string, string | number> = {},
  tone: 'info' | 'success' | 'error' = 'info',
): Reply {
  return { kind: 'notice', visibility: 'ephemeral', tone, code, text: message(code, params) };
}

export function problemReply(problem: Problem): Reply {
  return notice(problem.code, problem.params, 'error');
}

/** Echoed user input is shortened so a pasted essay cannot blow up a reply. */
export function echo(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
