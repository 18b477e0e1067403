// Every /brief subcommand, in the order help lists them. Adding a command is one file and one
// line here; the Slack, Discord and console adapters all loop over this list.
import { topicBriefingCommand } from './topic-briefing.js';
import type { CommandDefinition } from './definition.js';
import { helpCommand } from './help.js';
import { statusCommand } from './status.js';
import { subscribeCommand } from './subscribe.js';
import { subscriptionsCommand } from './subscriptions.js';
import { topicsCommand } from './topics.js';
import { unsubscribeCommand } from './unsubscribe.js';
import { urlCommand } from './url.js';
import { searchCommand } from './search.js';
import { topicAddCommand } from './topic-add.js';
import { topicKeywordsCommand } from './topic-keywords.js';
import { topicRemoveCommand } from './topic-remove.js';
import { whyCommand } from './why.js';

export const commands: readonly CommandDefinition<unknown>[] = [
  topicBriefingCommand,
  topicsCommand,
  subscribeCommand,
  unsubscribeCommand,
  subscriptionsCommand,
  statusCommand,
  searchCommand,
  urlCommand,
  whyCommand,
  topicAddCommand,
  topicKeywordsCommand,
  topicRemoveCommand,
  helpCommand,
];

export function findCommand(name: string): CommandDefinition<unknown> | undefined {
  return commands.find((c) => c.name === name);
}
