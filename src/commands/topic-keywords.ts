// `/brief topic keywords <slug> <keywords...>`: replaces a chat topic's keywords and exclusions;
// stored articles are tagged again at once. A config topic is refused in words.
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

export const topicKeywordsCommand = defineCommand({
  name: 'topic-keywords',
  typed: ['topic', 'keywords'],
  usage: '/brief topic keywords <topic> <keywords...> ["a phrase"] [-word]',
  description: "Replace a chat topic's keywords (config topics are changed in the config file)",
  options: [slugOption('chat-topic'), keywordsOption],
  requiresManageChannel: { action: message('ACTION_TOPIC_KEYWORDS') },
  args: topicAndKeywords,
  fromText: topicAndKeywordsFromText,
  async execute({ topic, keywords }, { services, invocation, now }) {
    const result = await services.chatTopics.setKeywords(
      invocation,
      { slug: topic, ...topicWords(keywords) },
      now,
    );
    if (!result.ok) return problemReply(result.error);
    return changeNotice('CHAT_TOPIC_CHANGED', result.value);
  },
});
