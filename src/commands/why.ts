// `/brief why <link or title words>`: what happened to an article (never stored, stored and why it
// is or is not in a topic, backlog, duplicate, story, too old, expired, its source failing). The
// service gathers the facts (services/why.ts); the core decides (core/why.ts).
import { z } from 'zod';
import { defineCommand } from './definition.js';
import { notice, problemReply } from './replies.js';
import { message } from '../core/messages.js';

export const whyCommand = defineCommand({
  name: 'why',
  usage: '/brief why <link or title words>',
  description: 'What happened to an article: why it did or did not reach a briefing or digest',
  options: [
    {
      name: 'article',
      description: "The article's link, or words of its title",
      type: 'string',
      required: true,
    },
  ],
  args: z.object({
    article: z.string().trim().max(2000, message('WHY_TOO_LONG')).default(''),
  }),
  // Quotes grouped a phrase; for title words they only matter as the words they hold.
  fromText: (words) => ({ article: words.join(' ') }),
  async execute({ article }, { services, invocation, now }) {
    if (!article) return notice('WHY_EMPTY', {}, 'error');
    const result = await services.why.explain(article, invocation, now);
    if (!result.ok) return problemReply(result.error);
    return { kind: 'why', visibility: 'ephemeral', explanation: result.value };
  },
});
