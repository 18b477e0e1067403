// Sentence splitting for news text. A period is a boundary only when what follows looks like the
// start of a new sentence and what precedes is not an abbreviation; newlines are always
// boundaries, because cleaned article text keeps one paragraph (or one caption, label...) per
// line and a line without final punctuation is still a unit of its own.

// Titles and ranks sit before a name, so a period after them never ends a sentence.
const TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'lt',
  'gen',
  'col',
  'capt',
  'cmdr',
  'adm',
  'maj',
  'sgt',
  'cpl',
  'pvt',
  'gov',
  'sen',
  'rep',
  'rev',
  'hon',
  'pres',
  'supt',
  'det',
  'insp',
  'fr',
  'mt',
  'ft',
  'vs',
  'atty',
  'brig',
  'messrs',
  'mme',
  'rt',
  'sens',
  'reps',
  'gens',
]);

// These abbreviate a word that is normally followed by a number ("Jan. 5", "No. 10").
const BEFORE_NUMBER = new Set([
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'no',
  'nos',
  'vol',
  'art',
  'sec',
  'ch',
  'p',
  'pp',
  'fig',
  'approx',
  'est',
]);

// Company suffixes, "etc." and dotted acronyms ("U.S.", "a.m.") can end a sentence or sit inside
// one; they end it only when the next word is one that typically opens a sentence.
const OPENERS = new Set([
  'a',
  'an',
  'the',
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'you',
  'this',
  'that',
  'these',
  'those',
  'there',
  'his',
  'her',
  'their',
  'its',
  'our',
  'my',
  'but',
  'and',
  'so',
  'yet',
  'in',
  'on',
  'at',
  'as',
  'after',
  'before',
  'when',
  'while',
  'if',
  'since',
  'for',
  'with',
  'some',
  'many',
  'most',
  'all',
  'one',
  'two',
  'however',
  'meanwhile',
  'now',
  'then',
  'still',
  'also',
  'what',
  'why',
  'how',
  'who',
  'where',
  'last',
  'earlier',
  'later',
  'according',
  'officials',
  'police',
  'other',
]);

// Candidate boundary: terminal punctuation (or an ellipsis), any closing quotes or brackets,
// whitespace, then something that can open a sentence: an opening quote or bracket, an
// upper-case letter, a digit or a copyright sign. A lower-case next word never starts a
// sentence in news copy ('..." he said.'), which settles most quote cases by itself.
const CANDIDATE_RE = /([.!?]+|\u2026)(["'\u201d\u2019)\]]*)\s+(?=["'\u201c\u2018([]*[\p{Lu}\p{N}©])/gu;
const NEXT_WORD_RE = /["'\u201c\u2018([]*([\p{L}\p{N}][\p{L}\p{N}'\u2019-]*)/uy;
const NON_ASCII_WORD_CHAR_RE = /[\p{L}\p{N}]/u;

/** A letter, digit or period at line[i] (ASCII tested by code: this runs for every period). */
function isWordOrDot(line: string, i: number): boolean {
  const c = line.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46;
  return NON_ASCII_WORD_CHAR_RE.test(line.charAt(i));
}

/** Splits text into sentences; every newline is a boundary, and no sentence is empty. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed) splitLine(trimmed, out);
  }
  return out;
}

function splitLine(line: string, out: string[]): void {
  CANDIDATE_RE.lastIndex = 0;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = CANDIDATE_RE.exec(line)) !== null) {
    const punct = m[1] as string;
    const closers = m[2] as string;
    if (punct === '.' && !closers && !periodEnds(line, start, m.index, CANDIDATE_RE.lastIndex)) continue;
    const sentence = line.slice(start, m.index + punct.length + closers.length).trim();
    if (sentence) out.push(sentence);
    start = CANDIDATE_RE.lastIndex;
  }
  const rest = line.slice(start).trim();
  if (rest) out.push(rest);
}

/** Decides whether the single period at `dot` ends the sentence begun at `start`. */
function periodEnds(line: string, start: number, dot: number, next: number): boolean {
  // The word before the period, reduced to its trailing letters, digits and inner dots:
  // "(CNN)U.S" -> "U.S", "pro-U.S" -> "U.S".
  let i = dot;
  while (i > start && isWordOrDot(line, i - 1)) i--;
  const word = line.slice(i, dot);
  // A space before the period (" .") is a link-caption artifact that always closes its phrase.
  if (word === '') return true;
  const lower = word.toLowerCase();

  // A list number ("2. The ...") belongs with the item text that follows it.
  if (i === start && /^\d{1,3}$/.test(word)) return false;
  // Single initials: "J. K. Rowling", "Harry S. Truman".
  if (word.length <= 2 && /^\p{Lu}$/u.test(word)) return false;
  if (TITLES.has(lower)) return false;
  if (BEFORE_NUMBER.has(lower) && /^\d/.test(wordAt(line, next))) return false;
  const dotted = word.includes('.') && /^(?:\p{L}\.)+\p{L}$/u.test(word); // U.S, a.m, D.C
  if (dotted || lower === 'inc' || lower === 'corp' || lower === 'co' || lower === 'ltd' || lower === 'etc') {
    return OPENERS.has(wordAt(line, next).toLowerCase());
  }
  return true;
}

/** The word that starts at `next` (past any opening quotes or brackets); '' if none. */
function wordAt(line: string, next: number): string {
  // Only the rules above that need it look at the next word: most periods are decided before.
  NEXT_WORD_RE.lastIndex = next;
  return NEXT_WORD_RE.exec(line)?.[1] ?? '';
}
