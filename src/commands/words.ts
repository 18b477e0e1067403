// Splits command text into words the way people type it in chat: whitespace separates words,
// and straight or curly quotes group a phrase (a cron expression like "0 8 * * 1-5").
import { cutAt, stripControl } from '../core/text/control.js';

/** Commands longer than this are not commands; the rest is ignored rather than parsed. */
export const MAX_COMMAND_LENGTH = 500;

const QUOTES: Record<string, string> = {
  '"': '"',
  "'": "'",
  '\u201c': '\u201d',
  '\u2018': '\u2019',
  '\u201e': '\u201d',
};

export function splitWords(text: string): string[] {
  const input = stripControl(cutAt(text, MAX_COMMAND_LENGTH));
  const words: string[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const close = QUOTES[ch];
    if (close) {
      const end = input.indexOf(close, i + 1);
      if (end > i) {
        words.push(input.slice(i + 1, end).trim());
        i = end + 1;
        continue;
      }
    }
    let j = i;
    while (j < input.length && !/\s/.test(input[j] as string)) j++;
    words.push(input.slice(i, j));
    i = j;
  }
  return words;
}
