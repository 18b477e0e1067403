// The /brief definition Discord registers, derived from the platform-neutral registry so a new
// subcommand appears in Discord without touching this folder.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, CommandOption } from '../../commands/definition.js';
import { commands } from '../../commands/registry.js';
import { truncate } from './limits.js';
import { message } from '../../core/messages.js';

/** Discord caps command, subcommand and option descriptions at 100 characters. */
const DESCRIPTION_MAX = 100;
const MANAGE_NOTE = ' (Manage Channels)';

function option(o: CommandOption): APIApplicationCommandBasicOption {
  const description = truncate(o.description, DESCRIPTION_MAX);
  if (o.type === 'boolean')
    return { type: ApplicationCommandOptionType.Boolean, name: o.name, description, required: o.required };
  const base = {
    type: ApplicationCommandOptionType.String,
    name: o.name,
    description,
    required: o.required,
  } as const;
  return o.autocomplete ? { ...base, autocomplete: true } : base;
}

/**
 * Discord cannot set permissions per subcommand, so subcommands that need Manage Channels say so
 * in their description; the handler checks the member's permissions again when they run.
 */
function subcommand(c: CommandDefinition<unknown>): APIApplicationCommandSubcommandOption {
  const note = c.requiresManageChannel ? MANAGE_NOTE : '';
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: c.name,
    description: truncate(c.description, DESCRIPTION_MAX - note.length) + note,
    // Discord requires required options before optional ones.
    options: [...c.options].sort((a, b) => Number(b.required) - Number(a.required)).map(option),
  };
}

/** The one `/brief` chat-input command with a subcommand per registry entry. Guild-only. */
export function briefCommandDefinition(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    type: ApplicationCommandType.ChatInput,
    name: 'brief',
    description: message('DISCORD_COMMAND_DESCRIPTION'),
    // null: everyone may brief; subscribe/unsubscribe check Manage Channels when run.
    default_member_permissions: null,
    dm_permission: false,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: commands.map(subcommand),
  };
}

/** Every command this bot registers (one today; a list because Discord's bulk PUT takes one). */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [briefCommandDefinition()];
}
