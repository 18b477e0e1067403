// The one entry point adapters call: parse (text or platform options) -> validate with the
// command's schema -> check rights -> execute. Expected failures come back as notices; a bug is
// caught here once, logged with a reference, and answered politely. Adapters call it once per
// command and add no catch of their own around it.
import { randomBytes } from 'node:crypto';
import type { CommandOutcome } from '../ops/metrics.js';
import type { CommandDefinition } from './definition.js';
import type { Invocation, Reply, Services } from './ports.js';
import { commands, findCommand } from './registry.js';
import { notice } from './replies.js';
import { splitWords } from './words.js';
import { message } from '../core/messages.js';

/** Text after `/brief` (Slack, console), or a subcommand with named options (Discord). */
export type CommandInput = { text: string } | { name: string; options: Record<string, unknown> };

interface ResolvedCommand {
  command: CommandDefinition<unknown>;
  raw: Record<string, unknown>;
}

/** Finds the subcommand and its raw arguments; a first word that is no subcommand is a topic. */
function resolveCommand(input: CommandInput): ResolvedCommand | Reply {
  if ('name' in input) {
    const command = findCommand(input.name);
    if (!command)
      return notice('UNKNOWN_SUBCOMMAND', { name: input.name, usage: message('TRY_HELP') }, 'error');
    return { command, raw: input.options };
  }
  const words = splitWords(input.text);
  const first = words[0]?.toLowerCase();
  if (first === undefined) return { command: findCommand('help') as CommandDefinition<unknown>, raw: {} };
  const lower = words.map((w) => w.toLowerCase());
  const phrased = commands.find((c) => c.typed?.every((w, i) => lower[i] === w));
  if (phrased?.typed) return { command: phrased, raw: phrased.fromText(words.slice(phrased.typed.length)) };
  const named = commands.find((c) => c.name === first);
  if (named) return { command: named, raw: named.fromText(words.slice(1)) };
  const brief = findCommand('topic') as CommandDefinition<unknown>;
  return { command: brief, raw: brief.fromText(words) };
}

export async function dispatch(
  input: CommandInput,
  invocation: Invocation,
  services: Services,
  now = new Date(),
): Promise<Reply> {
  const started = performance.now();
  const resolved = resolveCommand(input);
  const reply = await answer(resolved, invocation, services, now);
  services.metrics?.commandAnswered(
    'command' in resolved ? resolved.command.name : 'unknown',
    invocation.platform,
    outcomeOf(reply),
    (performance.now() - started) / 1000,
  );
  return reply;
}

/** A caught bug is `failed`; any other error notice (usage, rights, unknown topic) is `refused`. */
const FAULT_NOTICES = {
  locked: 'STORE_LOCKED',
  'read-only': 'STORE_READ_ONLY',
  'disk-full': 'STORE_FULL',
  damaged: 'STORE_DAMAGED',
} as const;

/** The reply code for an error that is a StoreFault (src/store/health.ts), if it is one. */
function storeFaultNotice(err: unknown) {
  const e = err as { code?: unknown; fault?: unknown } | undefined;
  if (e?.code !== 'STORE_FAULT' || typeof e.fault !== 'string') return undefined;
  return Object.hasOwn(FAULT_NOTICES, e.fault)
    ? FAULT_NOTICES[e.fault as keyof typeof FAULT_NOTICES]
    : undefined;
}

function outcomeOf(reply: Reply): CommandOutcome {
  if (reply.kind !== 'notice' || reply.tone !== 'error') return 'ok';
  return reply.code === 'INTERNAL_ERROR' ? 'failed' : 'refused';
}

async function answer(
  resolved: ResolvedCommand | Reply,
  invocation: Invocation,
  services: Services,
  now: Date,
): Promise<Reply> {
  if (!('command' in resolved)) return resolved;
  const { command, raw } = resolved;
  if ('extra' in raw) return notice('USAGE', { usage: command.usage }, 'error');
  const parsed = command.args.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues[0]?.message ?? message('ARGUMENTS_NOT_RIGHT');
    return notice(
      'BAD_ARGUMENTS',
      { detail: detail.endsWith('.') ? detail : `${detail}.`, usage: command.usage },
      'error',
    );
  }
  try {
    // The rights check may call the platform, so it is asked only here, inside the one catch.
    if (command.requiresManageChannel && !(await invocation.rights.canManage())) {
      const { action } = command.requiresManageChannel;
      return notice('NOT_ALLOWED', { action, right: invocation.rights.holders }, 'error');
    }
    return await command.execute(parsed.data, { invocation, services, now });
  } catch (err) {
    // The database cannot be reached (a PostgreSQL restart): not a bug, and worth retrying.
    if ((err as { code?: unknown } | undefined)?.code === 'STORE_UNAVAILABLE') {
      services.log?.warn({ command: command.name, err: (err as Error).message }, 'storage unavailable');
      return notice('STORE_UNAVAILABLE', {}, 'error');
    }
    // A fault of the store itself (SQLite: locked by another process, read-only, full, damaged):
    // said in words, not as a bug with a reference. Duck-typed so commands import no store code.
    const fault = storeFaultNotice(err);
    if (fault) {
      services.log?.warn({ command: command.name, fault: (err as Error).message }, 'store fault');
      return notice(fault, {}, 'error');
    }
    const reference = randomBytes(4).toString('hex');
    services.log?.error(
      { err, reference, command: command.name, platform: invocation.platform },
      'command failed',
    );
    return notice('INTERNAL_ERROR', { reference }, 'error');
  }
}
