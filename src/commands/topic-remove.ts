// `/brief topic remove <slug>`: removes a topic made in chat (its tags go with it). A config topic
// is refused in words; digests still subscribed to the topic are counted in the reply.
import { z } from 'zod';
import { defineCommand } from './definition.js';
import { notice, problemReply } from './replies.js';
import { slugArgument, slugOption } from './topic-args.js';
import { message } from '../core/messages.js';

export const topicRemoveCommand = defineCommand({
  name: 'topic-remove',
  typed: ['topic', 'remove'],
  usage: '/brief topic remove <topic>',
  description: 'Remove a topic made in chat (config topics are removed in the config file)',
  options: [slugOption('chat-topic')],
  requiresManageChannel: { action: message('ACTION_TOPIC_REMOVE') },
  args: z.object({ topic: slugArgument }),
  fromText: ([topic, ...extra]) => ({ topic, ...(extra.length ? { extra } : {}) }),
  async execute({ topic }, { services, invocation }) {
    const result = await services.chatTopics.remove(invocation, topic);
    if (!result.ok) return problemReply(result.error);
    return notice(
      'CHAT_TOPIC_REMOVED',
      { topic: result.value.topic.slug, digests: result.value.digests ?? 0 },
      'success',
    );
  },
});
