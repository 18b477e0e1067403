// `/brief subscriptions`: this channel's digests with their next run times and state.
import { z } from 'zod';
import { defineCommand } from './definition.js';
import { notice } from './replies.js';

export const subscriptionsCommand = defineCommand({
  name: 'subscriptions',
  usage: '/brief subscriptions',
  description: "This channel's digests, with their next run times",
  options: [],
  args: z.object({}),
  fromText: () => ({}),
  async execute(_args, { services, invocation, now }) {
    const subscriptions = await services.subscriptions.list(invocation, now);
    if (subscriptions.length === 0) return notice('NO_SUBSCRIPTIONS');
    return { kind: 'subscriptions', visibility: 'ephemeral', subscriptions };
  },
});
