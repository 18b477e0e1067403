// `/brief topic add <slug> <keywords...>`: a topic made from chat, stored beside the config's
// topics; the articles already stored are tagged at once. Needs channel-management rights.
import { defineCommand } from './definition.js';
import { problemReply } from './replies.js';
import {
  changeNotice,
  keywordsOption,
  slugOption,
  topicAndKeywords,
  topicAndKeywordsFromText,
  topicWords,
} from './topic-args.js';
import { message } from '../core/messages.js';

export const topicAddCommand = defineCommand({
  name: 'topic-add',
  typed: ['topic', 'add'],
  usage: '/brief topic add <topic> <keywords...> ["a phrase"] [-word]',
  description: 'Add a topic from chat with its keywords (-word leaves out articles)',
  options: [slugOption(), keywordsOption],
  requiresManageChannel: { action: message('ACTION_TOPIC_ADD') },
  args: topicAndKeywords,
  fromText: topicAndKeywordsFromText,
  async execute({ topic, keywords }, { services, invocation, now }) {
    const result = await services.chatTopics.add(invocation, { slug: topic, ...topicWords(keywords) }, now);
    if (!result.ok) return problemReply(result.error);
    return changeNotice('CHAT_TOPIC_ADDED', result.value);
  },
});
