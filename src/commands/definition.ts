// The shape of one /brief subcommand. Each command lives in its own file and exports one of
// these; the registry lists them, and every adapter (text on Slack and the console, options on
// Discord) goes through the same argument schema and execute.
import type { z } from 'zod';
import type { Invocation, Reply, Services } from './ports.js';

export interface CommandOption {
  name: string;
  description: string;
  type: 'string' | 'boolean';
  required: boolean;
  /** What Discord autocomplete should suggest for this option. */
  autocomplete?: 'topic' | 'chat-topic' | 'timezone';
}

export interface CommandContext {
  invocation: Invocation;
  services: Services;
  now: Date;
}

export interface CommandDefinition<Args = Record<string, unknown>> {
  /** Subcommand name (Discord subcommand; first word on Slack and the console). */
  name: string;
  /**
   * How it is typed on Slack and the console when that is not `name`: `['topic', 'add']` for the
   * Discord subcommand `topic-add`. Checked before single-word names.
   */
  typed?: readonly string[];
  /** How a person types it, e.g. `/brief subscribe <topic> <when> [time zone]`. */
  usage: string;
  description: string;
  options: CommandOption[];
  /** Subscribing and unsubscribing change what a channel receives. */
  requiresManageChannel?: { action: string };
  args: z.ZodType<Args>;
  /** Maps the words after the subcommand name to raw arguments for `args`. */
  fromText(words: string[]): Record<string, unknown>;
  execute(args: Args, context: CommandContext): Reply | Promise<Reply>;
}

/** Lets the registry hold commands with different argument types. */
export function defineCommand<Args>(definition: CommandDefinition<Args>): CommandDefinition<unknown> {
  return definition as unknown as CommandDefinition<unknown>;
}
