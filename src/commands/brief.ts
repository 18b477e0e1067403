// `/brief <topic>`: the topic's current briefing; an unknown topic gets the closest names.
import { z } from 'zod';
import { closest } from '../core/suggest.js';
import { defineCommand } from './definition.js';
import { echo, notice } from './replies.js';

export const briefCommand = defineCommand({
  name: 'topic',
  usage: '/brief <topic>',
  description: 'The key points of the latest coverage of a topic, with their sources',
  options: [
    { name: 'topic', description: 'The topic to brief on', type: 'string', required: true, autocomplete: 'topic' },
    { name: 'share', description: 'Post the briefing in the channel for everyone', type: 'boolean', required: false },
  ],
  args: z.object({ topic: z.string().trim().min(1, 'Name a topic.'), share: z.boolean().default(false) }),
  fromText: (words) => ({ topic: words[0] ?? '', share: words.slice(1).some((w) => w.toLowerCase() === 'share') }),
  execute({ topic, share }, { services, now }) {
    const slug = topic.toLowerCase();
    const briefing = services.briefings.brief(slug, now);
    if (!briefing) {
      const slugs = services.briefings.listTopics().map((t) => t.slug);
      if (slugs.length === 0) return notice('NO_TOPICS');
      // Nothing spelt alike: still name a few topics there are, so the reply always points somewhere.
      const near = closest(slug, slugs);
      const suggestions = (near.length > 0 ? near : slugs.slice(0, 3)).map((s) => `\`${s}\``);
      return notice('UNKNOWN_TOPIC', { topic: echo(topic), suggestions: suggestions.join(' or ') });
    }
    if (briefing.points.length === 0) return notice('NO_ARTICLES', { topic: slug });
    return { kind: 'briefing', visibility: share ? 'channel' : 'ephemeral', briefing };
  },
});
