// `/brief topics`: each topic with its article count and newest article.
import { z } from 'zod';
import { defineCommand } from './definition.js';
import { notice } from './replies.js';

export const topicsCommand = defineCommand({
  name: 'topics',
  usage: '/brief topics',
  description: 'The topics there are, with how many articles each has and the newest',
  options: [],
  args: z.object({}),
  fromText: () => ({}),
  async execute(_args, { services }) {
    const topics = await services.briefings.listTopics();
    if (topics.length === 0) return notice('NO_TOPICS');
    return { kind: 'topics', visibility: 'ephemeral', topics };
  },
});
