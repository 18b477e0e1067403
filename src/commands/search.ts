// `/brief search <words>`: a briefing on any words over the stored articles. Quoted phrases and
// -word exclusions work (core/search.ts); see services/search.ts for how it is answered.
import { z } from 'zod';
import { message } from '../core/messages.js';
import { defineCommand } from './definition.js';
import { briefingReply, problemEchoing } from './replies.js';

export const searchCommand = defineCommand({
  name: 'search',
  usage: '/brief search <words> ["a phrase"] [-word]',
  description: 'A briefing on any words over the stored articles ("phrases", -word to leave out)',
  options: [
    {
      name: 'words',
      description: 'Words, "a quoted phrase", -word to leave out',
      type: 'string',
      required: true,
    },
    {
      name: 'share',
      description: 'Post the briefing in the channel for everyone',
      type: 'boolean',
      required: false,
    },
  ],
  args: z.object({
    words: z.string().trim().max(300, message('SEARCH_TOO_LONG')).default(''),
    share: z.boolean().default(false),
  }),
  // The words keep their quotes: the query parser needs to see the phrases.
  fromText: (words) => {
    const share = words.length > 1 && words[words.length - 1]?.toLowerCase() === 'share';
    const kept = share ? words.slice(0, -1) : words;
    return { words: kept.map((w) => (/\s/.test(w) ? `"${w}"` : w)).join(' '), share };
  },
  async execute({ words, share }, { services, now }) {
    const result = await services.search.search(words, now);
    if (!result.ok) return problemEchoing(result.error, 'query');
    return briefingReply(result.value, share, `search ${words}`);
  },
});
