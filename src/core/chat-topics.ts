// Topics made from chat (`/brief topic add <slug> <keywords...>`): what a person typed -> a topic
// with the same shape and rules as a config topic, or the reason it cannot be one. Pure. The
// config's topics stay the admin's: chat cannot add one of the same name, change or remove it.
import type { Message } from './messages.js';
import type { Topic } from './types.js';

/** Like a config slug: lowercase letters and digits in words joined by single hyphens. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_CHARS = 60;
/** Keywords and exclusions of one chat topic, together; a topic is a handful of words. */
export const MAX_TOPIC_WORDS = 30;
export const MAX_KEYWORD_CHARS = 60;

/** Why something typed cannot be done: a message code and its values. */
export type TopicProblem = Message;

/** A topic made in chat: who made it, when, and where. */
export interface ChatTopic extends Topic {
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A word, "a phrase" (straight or curly quotes), each maybe with a leading `-`. */
const PART = /(-?)(?:"([^"]*)"?|\u201c([^\u201d]*)\u201d?|(\S+))/g;

/**
 * The words after the slug: each word or "quoted phrase" is a keyword, `-word` or `-"a phrase"` an
 * exclusion (like `/brief search`). Case and spacing are folded and repeats dropped.
 */
export function parseTopicWords(text: string): { keywords: string[]; exclude: string[] } {
  const keywords: string[] = [];
  const exclude: string[] = [];
  for (const m of text.matchAll(PART)) {
    const word = (m[2] ?? m[3] ?? m[4] ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
    // A lone "-" is a word, not an empty exclusion.
    const [list, value] = m[1] === '-' && word ? [exclude, word] : [keywords, m[1] === '-' ? '-' : word];
    if (value && !list.includes(value)) list.push(value);
  }
  return { keywords, exclude };
}

/** "chip-export-rules" -> "Chip export rules": the title briefings show for a chat topic. */
export function titleFromSlug(slug: string): string {
  const words = slug.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Why a slug cannot name a new chat topic, or undefined when it can. */
export function slugProblem(slug: string, reserved: readonly string[]): TopicProblem | undefined {
  if (slug.length > MAX_SLUG_CHARS)
    return { code: 'TOPIC_TOO_LONG', params: { length: slug.length, max: MAX_SLUG_CHARS } };
  if (!SLUG.test(slug)) return { code: 'CHAT_TOPIC_BAD_SLUG', params: { topic: slug } };
  if (reserved.includes(slug)) return { code: 'CHAT_TOPIC_RESERVED', params: { topic: slug } };
  return undefined;
}

/** Why these words cannot be a topic's keywords, or undefined when they can. */
export function wordsProblem(words: { keywords: string[]; exclude: string[] }): TopicProblem | undefined {
  if (words.keywords.length === 0) return { code: 'CHAT_TOPIC_NEEDS_KEYWORDS' };
  if (words.keywords.length + words.exclude.length > MAX_TOPIC_WORDS)
    return { code: 'CHAT_TOPIC_TOO_MANY_WORDS', params: { max: MAX_TOPIC_WORDS } };
  const long = [...words.keywords, ...words.exclude].find((w) => w.length > MAX_KEYWORD_CHARS);
  if (long) return { code: 'CHAT_TOPIC_WORD_TOO_LONG', params: { max: MAX_KEYWORD_CHARS } };
  return undefined;
}
