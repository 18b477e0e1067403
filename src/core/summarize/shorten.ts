// Shortening a sentence into a point without changing what it states. Every operation only
// deletes words (then fixes the capital letter and the full stop), so a point can never say a
// word the article did not.
import { wordCount } from '../text/tokens.js';

/** Hard limit on a point's length, in words (a point should be one short sentence: ideally under 25 words, never over 35). */
export const MAX_POINT_WORDS = 35;

// Connectives link a sentence to the one before it; out of context they only mislead ("But the
// official said..." with nothing to contrast). Words that also work as adverbs ("still", "now")
// count only when a comma marks them as connectives. "Instead of ..." and "In addition to ..."
// open a phrase, not a link to the sentence before, so they stay.
const LEADING_CONNECTIVE_RE =
  /^(?:(?:but|and|however|meanwhile|moreover|furthermore|nevertheless|nonetheless|additionally|instead|indeed|separately|similarly|likewise|consequently|in addition|in fact|of course|as a result|on the other hand|in other words|at the same time)(?! (?:of|to)\b),?|(?:still|yet|so|now|then|also|thus|again|besides),) +/i;

/**
 * "It comes as ...", "This all comes after ...": a frame whose pronoun points back, wrapped
 * around a clause that is news on its own; the point keeps the clause.
 */
export const COMES_AS_RE = /^(?:it|this|that)(?: all)? (?:comes|came) (?:as|after|amid|just as) (?=\p{L})/iu;

// A trailing attribution (", he said.", ", a security source told CNN.", ", according to the
// AP.") tells who stated the fact, not the fact; briefing points cite their article instead.
// The speaker may take several words but no comma or quotation mark, so a clause with content of
// its own ("..., but the minister, who resigned in 2019, said otherwise") is kept whole.
const TRAILING_SAID_RE =
  /,"? [^,;"]{1,90}? (?:said|says|added|told [\p{Lu}][\p{L}]*(?: [\p{Lu}][\p{L}]*)?)(?: on \p{Lu}\p{Ll}+day| in a statement| on Twitter| Monday| Tuesday| Wednesday| Thursday| Friday| Saturday| Sunday)?[.!]?$/u;
const TRAILING_ACCORDING_RE = /, according to [^,;"]{1,80}?[.!]?$/u;
const TRAILING_SAID_NAME_RE = /, (?:said|says) [\p{Lu}][^,;"]{0,40}(?:, [^,;"]{0,50})?[.!]?$/u;
// Each pattern with a cheap test for a word that any match of it contains, tried in this order.
const ATTRIBUTIONS: readonly (readonly [RegExp, RegExp])[] = [
  [TRAILING_SAID_RE, / (?:said|says|added|told)/],
  [TRAILING_ACCORDING_RE, /, according to /],
  [TRAILING_SAID_NAME_RE, /, (?:said|says) /],
];

/** A point longer than this is cut at a clause boundary when one leaves a full statement. */
export const TARGET_POINT_WORDS = 25;

/** Shortens a sentence into a point; returns null if it cannot be made short enough. */
export function shorten(
  sentence: string,
  targetWords: number = TARGET_POINT_WORDS,
  maxWords: number = MAX_POINT_WORDS,
): string | null {
  let s = sentence.trim();
  s = s.replace(LEADING_CONNECTIVE_RE, '').replace(COMES_AS_RE, '');
  s = dropAttribution(s);
  s = s.replace(PARENTHESIS_RE, '').replace(DASH_ASIDE_RE, '');
  s = tidy(s);
  // Over the target, cut at a clause boundary: what goes is a trailing clause, never the
  // apposition that tells who someone is (see COMMA_ASIDE_RE).
  if (wordCount(s) > targetWords) s = cutAtClause(s, targetWords) ?? s;
  // A cut can expose an attribution that sat before the clause it removed.
  s = tidy(dropAttribution(s.replace(/\.$/, '')));
  // Over the hard limit, detail goes before the point does: first the asides between commas.
  if (wordCount(s) > maxWords) s = tidy(s.replace(COMMA_ASIDE_RE, ''));
  if (wordCount(s) > maxWords) {
    const cut = cutAtClause(s, maxWords) ?? cutAtClause(s, maxWords, BARE_BREAK_RE);
    if (!cut) return null;
    s = cut;
  }
  return s;
}

function dropAttribution(s: string): string {
  // A sentence that is a quotation keeps its attribution: without it the point would put the
  // speaker's words in the article's mouth.
  if (s.startsWith('"')) return s;
  for (const [re, cue] of ATTRIBUTIONS) {
    // The cue is a word every match holds: without it the (backtracking) pattern cannot match.
    if (!cue.test(s)) continue;
    const m = re.exec(s);
    // '..., "biggest challenge," he added.' keeps its closing quotation mark.
    if (m && wordCount(s.slice(0, m.index)) >= 6)
      return s.slice(0, m.index) + (m[0].startsWith(',"') ? '"' : '');
  }
  return s;
}

// A short parenthesis or a pair of dashes sets off an aside (an acronym, a clarification); the
// sentence states its fact without it.
const PARENTHESIS_RE = / \([^()]{1,60}\)/g;
const DASH_ASIDE_RE = / \u2014 [^\u2014]{1,80} \u2014(?= )/g;
// An aside between two commas that opens like an apposition or a non-defining clause ("Pugh, a
// 47-year-old convert, was arrested", "leaders, including its commander, were killed"). It drops
// detail without changing the main statement, but news identifies a person or place by such an
// apposition on first mention ("Lee Kuan Yew, the founding Prime Minister of Singapore, died"),
// and a point without it may not say who acted; so it goes only from points over the hard
// limit. An aside never spans a dash: "Once again, the lure ... foreigners — this time," is not
// one.
const COMMA_ASIDE_RE =
  /, (?:who|which|whose|including|a|an|the|now|then|once|formerly|known as|best known|also|both) [^,;"\u2014]{1,80},(?= \p{Ll})/gu;

/** Capital first letter, single spaces, no space before punctuation, a final full stop. */
function tidy(s: string): string {
  let t = s.includes('  ') ? s.replace(/ {2,}/g, ' ') : s;
  t = t.replace(/ ([,.;:!?])/g, '$1').trim();
  t = t.replace(/[,;:\u2014-]+$/, '').trim();
  if (!t) return t;
  t = t.charAt(0).toUpperCase() + t.slice(1);
  if (!/[.!?]["')]?$/.test(t)) t += '.';
  return t;
}

// Where a long sentence may be cut and still leave a complete statement: before a non-defining
// clause (", which", ", who"), a second clause (", while", "; "), a participle phrase
// (", killing ..."), a purpose clause (", partly to bolster ..."), or a trailing dash phrase.
const CLAUSE_BREAK_RE =
  /(?:, (?:which|who|where|while|whereas|although|though|but|as|after|before|because|including|with|and|amid|despite|according|a|an|the|\p{Ll}+ing|(?:\p{Ll}+ly )?to \p{Ll}+) |; | \u2014 |: )/gu;
// Without a comma, a subordinating conjunction still opens an adverbial clause ("... talks on
// Friday as Japan looks to ...", "... allies amid growing concerns ..."); the main clause stands
// without it. Used only for sentences over the hard limit, which would otherwise be lost.
const BARE_BREAK_RE = / (?:as|amid|while|after|because|despite|since|although|whereas|following) /g;
// A head that opens with a subordinator is a dependent clause ("As the dust settles after ...",
// "Even with the chapter shutting ..."); its main clause is what follows the comma, so cutting
// there would leave no statement.
const SUBORDINATE_START_RE =
  /^(?:even|as|when|while|after|before|although|though|if|because|since|despite|unlike|with|without|amid|once|until|whether|following|in|on|at|for|by|during|to)\b/i;

function cutAtClause(s: string, maxWords: number, breaks: RegExp = CLAUSE_BREAK_RE): string | null {
  // Without a comma to mark it, a clause break is less certain: demand a longer head.
  const minWords = breaks === CLAUSE_BREAK_RE ? 8 : 12;
  // A leading dependent phrase ends at the first comma; no cut may fall inside or right after it.
  const firstComma = s.indexOf(', ');
  const leadingPhraseEnd = SUBORDINATE_START_RE.test(s) && firstComma > 0 ? firstComma : -1;
  let best: string | null = null;
  // Words and quotation marks of s[0..counted), counted on from break to break rather than
  // again from the start for each head.
  let counted = 0;
  let words = 0;
  let quotes = 0;
  let inWord = false;
  breaks.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = breaks.exec(s)) !== null) {
    if (m.index <= leadingPhraseEnd) continue;
    for (; counted < m.index; counted++) {
      const c = s.charCodeAt(counted);
      if (c === 34) quotes++;
      if (c !== 32 && !inWord) words++;
      inWord = c !== 32;
    }
    if (words > maxWords) break;
    // A cut that leaves an unclosed quotation would misquote.
    if (words >= minWords && quotes % 2 === 0) {
      const head = s.slice(0, m.index);
      if (endsInStatement(head)) best = head;
    }
  }
  return best === null ? null : tidy(best);
}

/**
 * Whether a head cut before a clause break still ends in a statement, judged by its last comma
 * segment. A segment of three words or fewer after a comma is an inserted phrase, not the end of
 * a clause ("the Republican Congress manufacture, then escalate", "Never one to miss an
 * opportunity, Trump"); a short one opened by a conjunction is the start of a second clause cut
 * off before its verb ("... in the past, and over the weekend").
 */
function endsInStatement(head: string): boolean {
  const lastComma = head.lastIndexOf(', ');
  if (lastComma < 0) return true;
  const tail = head.slice(lastComma + 2);
  const words = wordCount(tail);
  if (words <= 3) return false;
  return !(words <= 5 && /^(?:and|but|or|so|yet)\b/.test(tail));
}
