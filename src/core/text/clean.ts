// Article text cleaning: normalize characters and whitespace, then remove what is not story
// (datelines, bylines, credits, promotions, rights notices, captions, labels) and everything
// after the story's end. The summarizer and everything stored downstream see only this text.

import {
  classifySentence,
  isByline,
  isCaption,
  isLabel,
  separatorKind,
  stripDateline,
  suspectFragmentStarts,
} from './boilerplate.js';
import { splitSentences } from './sentences.js';

/**
 * Removes boilerplate from raw article text and normalizes it. Paragraphs are kept, one per line
 * (`\n` between them); quotes become straight quotes and dashes are unified.
 */
export function cleanArticleText(raw: string): string {
  return cleanParagraphs(raw)
    .map((p) => p.join(' '))
    .join('\n');
}

/**
 * The cleaned article as paragraphs of sentences. The summarizer uses this directly so that a
 * text is split into sentences once, not once to clean and again to summarize.
 */
export function cleanParagraphs(raw: string): string[][] {
  const paragraphs: string[][] = [];
  let storyStarted = false;
  for (const rawLine of normalize(raw).split('\n')) {
    const line = rawLine.trim();
    if (!line) continue;
    const separator = separatorKind(line);
    if (separator === 'end' && storyStarted) break;
    if (separator) continue;
    // Bylines, labels and captions stand on short lines of their own in feeds and pages; a long
    // line is a paragraph, whose sentences are checked one by one below.
    if (line.length < 400 && (isByline(line) || isLabel(line) || isCaption(line))) continue;
    const text = storyStarted ? line : stripDateline(line);
    const { sentences, ended } = storySentences(text, storyStarted);
    if (sentences.length > 0) {
      paragraphs.push(sentences);
      storyStarted = true;
    }
    if (ended) break;
  }
  return paragraphs;
}

/** The story sentences of one line, and whether an end-of-story marker was met in it. */
function storySentences(line: string, storyStarted: boolean): { sentences: string[]; ended: boolean } {
  const kept: string[] = [];
  const fragments = suspectFragmentStarts(line);
  let next = 0; // the first fragment not before the current sentence
  let end = 0; // where the previous sentence ended in the line
  for (const sentence of splitSentences(line)) {
    let holdsFragment = false;
    if (next < fragments.length) {
      // Sentences are consecutive pieces of the line with only spaces between them, so the
      // first occurrence after the previous one is this sentence itself.
      const start = line.indexOf(sentence, end);
      end = start + sentence.length;
      while (next < fragments.length && (fragments[next] as number) < start) next++;
      holdsFragment = next < fragments.length && (fragments[next] as number) < end;
    }
    const kind = classifySentence(sentence, holdsFragment);
    // A credit or rights notice closes the story; when nothing came before it, it is a stray
    // notice at the top of the page, dropped on its own.
    if (kind === 'end' && (storyStarted || kept.length > 0)) return { sentences: kept, ended: true };
    if (kind === 'keep') kept.push(stripLinkArtifact(sentence));
  }
  return { sentences: kept, ended: false };
}

/** A long sentence that still ends in " ." (extraction spacing) gets a normal full stop. */
function stripLinkArtifact(sentence: string): string {
  return sentence.endsWith(' .') ? sentence.slice(0, -2) + '.' : sentence;
}

// Straight quotes make every later pattern simpler (one quote character to look for), and a
// dash between spaces reads the same whatever dash the source typed, so they become one form.
const CHAR_MAP: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2033': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2015': '\u2014',
};
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
  '&nbsp;': ' ',
  '&lt;': '<',
  '&gt;': '>',
};

// Each pass below runs only when its characters occur: most texts need few of them, and every
// pass over a whole article costs as much as splitting it into sentences.
const SPECIAL_SPACE_RE = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;
const QUOTE_RE = /[\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u2033\u00ab\u00bb\u2015]/g;
const INVISIBLE_RE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const NON_ASCII_RE = /[\u0080-\uffff]/;

function normalize(raw: string): string {
  let t = raw;
  if (t.includes('\r')) t = t.replace(/\r\n?/g, '\n');
  // Feeds sometimes hand over text with a few entities left undecoded.
  if (t.includes('&')) t = t.replace(/&(?:amp|quot|#39|apos|nbsp|lt|gt);/g, (e) => ENTITIES[e] ?? e);
  const nonAscii = NON_ASCII_RE.test(t);
  if (nonAscii) {
    t = t.replace(QUOTE_RE, (c) => CHAR_MAP[c] ?? c);
    // Zero-width characters and soft hyphens are invisible and break word matching.
    t = t.replace(INVISIBLE_RE, '');
    // A spaced en dash is a dash of punctuation, like a spaced double hyphen below.
    if (t.includes('\u2013')) t = t.replace(/ \u2013 /g, ' \u2014 ');
  }
  // Every kind of horizontal space is one space (all but the tab are outside ASCII).
  if (nonAscii || t.includes('\t')) t = t.replace(SPECIAL_SPACE_RE, ' ');
  // A spaced double hyphen is the typewriter's em dash.
  if (t.includes('--')) t = t.replace(/ -- /g, ' \u2014 ');
  if (t.includes('  ')) t = t.replace(/ {2,}/g, ' ');
  return t.trim();
}
