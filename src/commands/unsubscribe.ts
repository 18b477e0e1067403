// `/brief unsubscribe <topic>`: stop that digest in this channel.
import { z } from 'zod';
import { topicArgument } from './subscribe.js';
import { defineCommand } from './definition.js';
import { notice, problemReply } from './replies.js';
import { message } from '../core/messages.js';

export const unsubscribeCommand = defineCommand({
  name: 'unsubscribe',
  usage: '/brief unsubscribe <topic>',
  description: "Stop a topic's digest in this channel",
  options: [
    { name: 'topic', description: 'The topic', type: 'string', required: true, autocomplete: 'topic' },
  ],
  requiresManageChannel: { action: message('ACTION_UNSUBSCRIBE') },
  args: z.object({ topic: topicArgument }),
  fromText: (words) => ({ topic: words[0], ...(words.length > 1 ? { extra: words.slice(1) } : {}) }),
  async execute({ topic }, { services, invocation }) {
    const result = await services.subscriptions.unsubscribe(invocation, topic.toLowerCase());
    if (!result.ok) return problemReply(result.error);
    return notice('UNSUBSCRIBED', { topic: result.value.topic }, 'success');
  },
});
