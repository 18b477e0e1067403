// Small constructors for replies, so every command builds notices the same way (text always
// from the messages table).
import {
  mapParams,
  say,
  type Message,
  type MessageArgs,
  type MessageCode,
  type MessageParams,
} from '../core/messages.js';
import { cutAt, stripControl } from '../core/text/control.js';
import type { Briefing } from '../core/types.js';
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

type Tone = 'info' | 'success' | 'error';

/** A code's values (none for a code that takes none, `{}` allowed), then the tone. */
type NoticeArgs<C extends MessageCode> =
  MessageArgs<C> extends []
    ? [params?: Record<string, never>, tone?: Tone]
    : [params: MessageParams<C>, tone?: Tone];

export function notice<C extends MessageCode>(code: C, ...args: NoticeArgs<C>): Reply {
  const [params, tone] = args;
  // NoticeArgs ties the values to the code; TypeScript cannot see that through the generic.
  return noticeOf({ code, params } as unknown as Message, tone);
}

export function problemReply(problem: Problem): Reply {
  return noticeOf(problem, 'error');
}

/**
 * A problem whose `param` holds what the person typed (their search words, their link), shortened
 * and stripped as `echo` does before it is shown back to them.
 */
export function problemEchoing(problem: Problem, param: string): Reply {
  return problemReply(mapParams(problem, (k, v) => (k === param && typeof v === 'string' ? echo(v) : v)));
}

/** A briefing for the asker alone, or for the whole channel when they asked to share it. */
export function briefingReply(briefing: Briefing, share: boolean, shareText: string): Reply {
  return { kind: 'briefing', visibility: share ? 'channel' : 'ephemeral', briefing, shareText };
}

/** A notice from a code carried with its values; what a person typed is shortened and stripped. */
function noticeOf(m: Message, tone: Tone = 'info'): Reply {
  const safe = mapParams(m, (k, v) => (typeof v === 'string' && ECHOED_PARAMS.has(k) ? echo(v) : v));
  const params = (safe.params ?? {}) as Record<string, string | number>;
  return { kind: 'notice', visibility: 'ephemeral', tone, code: m.code, text: say(safe), params };
}

/**
 * Echoed user input is shortened so a pasted essay cannot blow up a reply, cut on a character
 * boundary (never half an emoji), and stripped of control characters like article text.
 */
export function echo(text: string, max = 80): string {
  const oneLine = stripControl(text).replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${cutAt(oneLine, max - 1)}…` : oneLine;
}
