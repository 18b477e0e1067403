// Recognizers for the non-story text that news pages and feeds wrap around an article. Each rule
// targets a kind of boilerplate by the shape it has everywhere (an imperative call to the reader,
// a credit line, a rights notice...), not by the wording of one outlet, and says why it is safe:
// a rule that misfires deletes real news, so every one is anchored to a strong signal.
// Text reaching these functions is already normalized (straight quotes, single spaces).
import { wordCount } from './tokens.js';

/**
 * A dateline at the start of a story: an optional place ("WASHINGTON", "LONDON, England"), an
 * agency in parentheses ("(AP)", "(CNN)", "(Reuters)") and an optional dash. The agency token is
 * one to three capitalized words, which is what outlets put there and what a parenthetical inside
 * a sentence rarely is.
 */
const AGENCY_DATELINE_RE =
  /^((?:\p{Lu}[\p{L}.'-]*(?:,? \p{Lu}[\p{L}.'-]*){0,4},? ?)?)\((\p{Lu}[\p{L}&.]*(?: \p{Lu}[\p{L}&.]*){0,2})\)( *(?:—|-{1,2}) *| *)/u;
/** An agency-less dateline: a place in capitals, then a dash ("WASHINGTON — "). */
const CAPS_DATELINE_RE = /^\p{Lu}[\p{Lu} .,'-]{1,40}? (?:—|-{1,2}) +/u;

/** Removes a leading dateline from the first line of a story; returns the line unchanged if none. */
export function stripDateline(line: string): string {
  const m = AGENCY_DATELINE_RE.exec(line);
  if (m) {
    const place = m[1] as string;
    const after = m[3] as string;
    const rest = line.slice(m[0].length);
    // "Biden (D) said ..." is a sentence, not a dateline: with a place before the parenthesis,
    // require what outlets do after an agency — a dash, or text glued to it ("(CNN)Following").
    const glued = after === '' && /^[\p{L}\p{N}"']/u.test(rest);
    if (place === '' || after.trim() !== '' || glued) return rest;
  }
  const caps = CAPS_DATELINE_RE.exec(line);
  // A capitals-only run is a dateline only if it is short (a place, not a shouted headline).
  if (caps && caps[0].split(' ').length <= 6) return line.slice(caps[0].length);
  return line;
}

/** A byline line: "By Jane Doe, Associated Press", "By JANE DOE and JOHN ROE". */
export function isByline(line: string): boolean {
  return (
    /^By \p{Lu}[\p{L}.'-]*(?: \p{Lu}[\p{L}.'-]*){0,3}(?:$|,| and | for | \||\s*$)/u.test(line) &&
    wordCount(line) <= 14
  );
}

/**
 * A credit for the reporting ("X contributed to this report", "X reported from Moscow"): outlets
 * put it after the last paragraph, so it marks the end of the story.
 */
export function isCredit(sentence: string): boolean {
  if (/\bcontributed (?:to (?:this|the) (?:report|story|article)|reporting|from )/i.test(sentence))
    return true;
  if (/\b(?:additional|further) reporting by\b/i.test(sentence)) return true;
  // "Michael Martinez reported and wrote this story from Los Angeles", "... wrote from Atlanta".
  if (!sentence.includes('reported') && !sentence.includes('wrote')) return false;
  return (
    /^(?:\p{Lu}[\p{L}'-]*\s){1,4}.*\b(?:reported|wrote)(?: and (?:reported|wrote))?(?: this (?:story|report))? from \p{Lu}/u.test(
      sentence,
    ) && wordCount(sentence) <= 30
  );
}

/** A copyright or rights notice; like a credit, nothing after it is story. */
export function isCopyright(sentence: string): boolean {
  return (
    /©|\(c\) ?\d{4}|^copyright\b|\bcopyright \d{4}\b/i.test(sentence) ||
    /\ball rights reserved\b/i.test(sentence) ||
    /\bmay not be (?:published|reproduced|copied)/i.test(sentence)
  );
}

/** A separator rule line. Underscores are the wire services' end-of-story mark. */
export function separatorKind(line: string): 'end' | 'rule' | null {
  if (/^[\p{L}\p{N}"'(]/u.test(line)) return null; // the common case: a line of text
  if (/^_{3,}/.test(line)) return 'end';
  if (/^[-=*~#•·]{3,}$/.test(line.replace(/ /g, ''))) return 'rule';
  return null;
}

// Imperative verbs that open calls to the reader. News prose does not address the reader with a
// bare imperative outside a quotation, so a sentence opening with one is a promotion.
const CALL_TO_ACTION_RE =
  /^(?:get|sign up|subscribe|follow|click|tap|download|like us|read|watch|join|share|visit|listen|see|check out|don't miss|find out|learn more|register|support|donate|become a|email us|send us|tell us)\b/i;
// Some of those verbs also open real sentences ("Get" in a headline pun, "See" in a quote
// paraphrase), so they count as a promotion only with a sign of addressing the reader: an
// offer of more, a platform, a newsletter, a link.
const READER_CUE_RE =
  /\b(?:us|our|here|more|newsletter|newsletters|updates|app|podcast|twitter|facebook|instagram|youtube|tiktok|the latest|original story|full (?:story|episode|coverage)|episode|free|today|now|from the \p{Lu})\b|@\w|\.com\b|https?:/iu;

/** A promotional or newsletter line ("Get more information from ...", "Sign up for ..."). */
export function isPromo(sentence: string): boolean {
  if (/^(?:read|see|watch|more|related|also read|listen)(?: more| also| this)?:/i.test(sentence)) return true;
  return CALL_TO_ACTION_RE.test(sentence) && READER_CUE_RE.test(sentence);
}

/** A note about the piece rather than news: editor's notes, opinion disclaimers. */
export function isEditorialNote(sentence: string): boolean {
  return (
    /^editor'?s note\b/i.test(sentence) || /\b(?:views|opinions) expressed (?:in this|here)\b/i.test(sentence)
  );
}

/**
 * A photo caption or credit: "(AP Photo/Evan Vucci)", "Photo: ...", "FILE - In this ... photo",
 * gallery controls ("Hide Caption", "1 of 12").
 */
export function isCaption(sentence: string): boolean {
  return (
    /^(?:photo|image|picture|caption|credit|file photo|video)s?\s*:/i.test(sentence) ||
    /^FILE - /.test(sentence) ||
    /\((?:AP|Reuters|AFP|EPA|Getty) ?(?:Photo|Images)\b/i.test(sentence) ||
    /\bhide caption\b|^\d+ of \d+$/i.test(sentence) ||
    /\bphoto (?:by|credit|courtesy)\b/i.test(sentence)
  );
}

/**
 * A section label: a short line with no sentence punctuation ("preparation area", "READ MORE"),
 * a short line ending in a colon, or an all-capitals line. Story text is made of sentences, and a
 * phrase of three words or fewer without punctuation cannot carry a point.
 */
export function isLabel(line: string): boolean {
  const words = wordCount(line);
  if (/:$/.test(line) && words <= 6) return true;
  if (words <= 6 && /\p{Lu}{2}/u.test(line) && !/\p{Ll}/u.test(line)) return true;
  return words <= 3 && !/[.!?"')]$/.test(line);
}

/**
 * A stray link caption or subheading from a page: a short phrase closed by " ." (a space before
 * the period). Extraction leaves that shape where a link's title or a subhead stood; an edited
 * sentence never has a space before its full stop.
 */
export function isLinkCaption(sentence: string): boolean {
  return / \.$/.test(sentence) && wordCount(sentence) <= 14;
}

/** A label glued to the front of a sentence ("RELATED: FBI agents search ..."). */
export function hasCapsLabelPrefix(sentence: string): boolean {
  // The colon test first: it rules out nearly every sentence without the Unicode pattern.
  return sentence.includes(':') && /^\p{Lu}{2,}(?: \p{Lu}{2,})?:/u.test(sentence);
}

// Nearly every sentence of a story is plain prose, and running each recognizer on each sentence
// is most of the cleaning time; these two cheap scans find the few sentences worth a closer look.
// Every recognizer above needs one of these starts or one of these fragments to fire.
const SUSPECT_START_RE =
  /^(?:get|sign|subscribe|follow|click|tap|download|like|read|watch|join|share|visit|listen|see|check|don't|find|learn|register|support|donate|become|email|send|tell|more|related|also|editor|photo|image|picture|caption|credit|file|video|copyright|\d+ of)\b/i;
const SUSPECT_ANYWHERE_SOURCE =
  'contributed|reporting by|reported|wrote|©|\\(c\\)|rights reserved|may not be|expressed|photo|caption';
const SUSPECT_ANYWHERE_RE = new RegExp(SUSPECT_ANYWHERE_SOURCE, 'i');
const SUSPECT_ANYWHERE_ALL_RE = new RegExp(SUSPECT_ANYWHERE_SOURCE, 'gi');

/** True when `text` holds a suspect fragment (see classifySentence). */
export function hasSuspectFragment(text: string): boolean {
  return SUSPECT_ANYWHERE_RE.test(text);
}

/**
 * Where the suspect fragments of a line start, ascending: one scan of the line instead of one
 * per sentence. No fragment can span a sentence boundary (a boundary is punctuation then space,
 * and no fragment holds both), so a sentence holds a fragment exactly when one of these starts
 * inside it.
 */
export function suspectFragmentStarts(line: string): number[] {
  const starts: number[] = [];
  SUSPECT_ANYWHERE_ALL_RE.lastIndex = 0;
  for (let m = SUSPECT_ANYWHERE_ALL_RE.exec(line); m !== null; m = SUSPECT_ANYWHERE_ALL_RE.exec(line))
    starts.push(m.index);
  return starts;
}

/**
 * What a sentence of a story line is: story text, boilerplate to drop, or the story's end.
 * `holdsFragment` says whether the sentence holds a suspect fragment (hasSuspectFragment), when
 * the caller already knows; it is tested here otherwise.
 */
export function classifySentence(sentence: string, holdsFragment?: boolean): 'keep' | 'drop' | 'end' {
  if (sentence.endsWith(' .') && isLinkCaption(sentence)) return 'drop';
  if (hasCapsLabelPrefix(sentence)) return 'drop';
  if (!SUSPECT_START_RE.test(sentence) && !(holdsFragment ?? SUSPECT_ANYWHERE_RE.test(sentence)))
    return 'keep';
  if (isCredit(sentence) || isCopyright(sentence)) return 'end';
  if (isPromo(sentence) || isCaption(sentence) || isEditorialNote(sentence)) return 'drop';
  return 'keep';
}
