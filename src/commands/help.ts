// `/brief` or `/brief help`: how to use it, and the topics there are.
import { z } from 'zod';
import { defineCommand } from './definition.js';
// The registry imports this file too; the binding is only read when help runs, after both loaded.
import { commands } from './registry.js';

export const helpCommand = defineCommand({
  name: 'help',
  usage: '/brief help',
  description: 'How to use /brief, and the topics there are',
  options: [],
  args: z.object({}),
  fromText: () => ({}),
  async execute(_args, { services }) {
    return {
      kind: 'help',
      visibility: 'ephemeral',
      commands: commands.map((c) => ({ usage: c.usage, description: c.description })),
      topics: await services.briefings.listTopics(),
    };
  },
});
