// One line of console input -> dispatch -> text. The console's user is the machine's owner, so
// they hold every right; the "channel" is the terminal itself.
import { dispatch } from '../../commands/dispatch.js';
import type { Invocation, Services } from '../../commands/ports.js';
import { message } from '../../core/messages.js';
import { renderText } from './render.js';

export const CONSOLE_CHANNEL = { workspaceId: 'local', channelId: 'console' } as const;

export function consoleInvocation(userName: string): Invocation {
  return {
    platform: 'console',
    ...CONSOLE_CHANNEL,
    userId: userName,
    userName,
    rights: { canManage: () => true, holders: message('CONSOLE_MANAGE_RIGHT') },
  };
}

/** `/brief japan-defense`, `brief japan-defense` and `japan-defense` all mean the same here. */
export function commandText(line: string): string | undefined {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  const m = /^\/?brief(?:\s+|$)/i.exec(trimmed);
  return m ? trimmed.slice(m[0].length) : trimmed;
}

export async function handleLine(
  line: string,
  invocation: Invocation,
  services: Services,
  now = new Date(),
): Promise<string | undefined> {
  const text = commandText(line);
  if (text === undefined) return undefined;
  const reply = await dispatch({ text }, invocation, services, now);
  return renderText(reply);
}
