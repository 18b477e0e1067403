// `/brief <topic>`: the topic's current briefing (the command named topic: Discord's `/brief topic`);
// an unknown topic gets the closest names.
import { z } from 'zod';
import { closest } from '../core/suggest.js';
import { defineCommand } from './definition.js';
import { echo, notice } from './replies.js';
import { message } from '../core/messages.js';

export const topicBriefingCommand = defineCommand({
  name: 'topic',
  usage: '/brief <topic>',
  description: 'The key points of the latest coverage of a topic, with their sources',
  options: [
    {
      name: 'topic',
      description: 'The topic to brief on',
      type: 'string',
      required: true,
      autocomplete: 'topic',
    },
    {
      name: 'share',
      description: 'Post the briefing in the channel for everyone',
      type: 'boolean',
      required: false,
    },
  ],
  args: z.object({
    topic: z.string().trim().min(1, message('NAME_A_TOPIC')),
    share: z.boolean().default(false),
  }),
  fromText: (words) => ({
    topic: words[0] ?? '',
    share: words.slice(1).some((w) => w.toLowerCase() === 'share'),
  }),
  async execute({ topic, share }, { services, now, invocation }) {
    const slug = topic.toLowerCase();
    const briefing = await services.briefings.brief(slug, now);
    if (!briefing) {
      const slugs = (await services.briefings.listTopics()).map((t) => t.slug);
      if (slugs.length === 0) return notice('NO_TOPICS');
      const quote = (names: string[]) => names.map((s) => `\`${s}\``);
      const near = closest(slug, slugs);
      if (near.length > 0)
        return notice('UNKNOWN_TOPIC', { topic: echo(topic), suggestions: quote(near).join(' or ') });
      // Nothing spelt alike: still name some topics there are, so the reply always points somewhere.
      const some = quote(slugs.slice(0, 5)).join(', ');
      return notice('UNKNOWN_TOPIC_LIST', {
        topic: echo(topic),
        topics: slugs.length > 5 ? `${some}, …` : some,
      });
    }
    if (briefing.points.length === 0) return notice('NO_ARTICLES', { topic: slug });
    const visibility = share ? 'channel' : 'ephemeral';
    // Buttons are a courtesy: a store that cannot save their stories must not cost the answer.
    const feedback = await services.feedback
      ?.storiesFor?.(invocation, briefing, now)
      .catch((err: unknown) => {
        services.log?.warn({ error: String(err), topic: slug }, 'feedback buttons left out of a briefing');
        return undefined;
      });
    return { kind: 'briefing', visibility, briefing, ...(feedback?.length ? { feedback } : {}) };
  },
});
