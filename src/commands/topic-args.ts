// What the chat-topic commands share: the slug argument, the keywords argument (one string on
// Discord, the remaining words on Slack and the console) and the confirmation notice.
import { z } from 'zod';
import { message } from '../core/messages.js';
import { parseTopicWords } from '../core/chat-topics.js';
import type { CommandOption } from './definition.js';
import type { ChatTopicChange, Reply } from './ports.js';
import { notice } from './replies.js';
import { topicArgument } from './subscribe.js';

export const slugOption = (autocomplete?: 'chat-topic'): CommandOption => ({
  name: 'topic',
  description: 'The topic name: lowercase words joined by hyphens, like chip-exports',
  type: 'string',
  required: true,
  ...(autocomplete ? { autocomplete } : {}),
});

export const keywordsOption: CommandOption = {
  name: 'keywords',
  description: 'Keywords, "a phrase", -word to leave out articles that mention it',
  type: 'string',
  required: true,
};

export const slugArgument = topicArgument.transform((t) => t.toLowerCase());

export const keywordsArgument = z
  .string({ error: () => message('CHAT_TOPIC_NEEDS_KEYWORDS') })
  .trim()
  .min(1, message('CHAT_TOPIC_NEEDS_KEYWORDS'))
  .max(1000, message('CHAT_TOPIC_TOO_MANY_WORDS', { max: 30 }));

/** The words after the slug, phrases quoted again so the keywords string splits the same way. */
export function keywordsFromText(words: string[]): string {
  return words.map((w) => (/\s/.test(w) ? `"${w.replace(/"/g, '')}"` : w)).join(' ');
}

/** `<topic> <keywords...>`, as topic add and topic keywords both take them. */
export const topicAndKeywords = z.object({ topic: slugArgument, keywords: keywordsArgument });

/** Typed words (Slack, the console) as `<topic> <keywords...>`. */
export function topicAndKeywordsFromText([topic, ...words]: string[]): Record<string, unknown> {
  return { topic, keywords: keywordsFromText(words) };
}

/** The keywords string -> keywords and exclusions. */
export function topicWords(keywords: string): { keywords: string[]; exclude: string[] } {
  return parseTopicWords(keywords);
}

const quoted = (words: string[]) => words.map((w) => `\`${w.replace(/`/g, "'")}\``).join(', ');

/** "Added …" / "now follows …": the topic as stored, with how many stored articles match it. */
export function changeNotice(
  code: 'CHAT_TOPIC_ADDED' | 'CHAT_TOPIC_CHANGED',
  change: ChatTopicChange,
): Reply {
  return notice(
    code,
    {
      topic: change.topic.slug,
      keywords: quoted(change.topic.keywords),
      exclude: change.topic.exclude.length ? quoted(change.topic.exclude) : '',
      tagged: change.tagged,
    },
    'success',
  );
}
