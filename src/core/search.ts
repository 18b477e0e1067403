// `/brief search <words>`: what people type, as a query any store can run. Quoted text is a
// phrase (its words in that order), `-word` or `-"a phrase"` leaves out articles containing it,
// and the other words must all appear. Words are the tokens the rest of newsbrief uses (lowercase,
// apostrophes dropped); function words ("the", "what", "with") are dropped from the plain words,
// since "what happened with the chip export rules" is about chips, exports and rules. Each store
// turns a SearchQuery into its own full-text syntax (SQLite FTS5 MATCH, PostgreSQL tsquery).
import { isStopword } from './text/stopwords.js';
import { tokenize } from './text/tokens.js';

/** A phrase is one or more words that must appear in this order; a single word is a phrase of one. */
export type SearchPhrase = string[];

export interface SearchQuery {
  /** Every one of these must appear (title or text). Never empty for a runnable query. */
  include: SearchPhrase[];
  /** An article containing any of these is left out. */
  exclude: SearchPhrase[];
}

/** Search text longer than this is cut: a query is a few words, not an article. */
const MAX_QUERY_CHARS = 300;
/** Phrases kept from one query, so a pasted paragraph cannot become a thousand-term query. */
const MAX_PHRASES = 12;

const PART = /(-?)(?:"([^"]*)"?|\u201c([^\u201d]*)\u201d?|(\S+))/g;

export function parseSearchQuery(text: string): SearchQuery {
  const wanted: { words: SearchPhrase; plain: boolean }[] = [];
  const exclude: SearchPhrase[] = [];
  for (const m of text.slice(0, MAX_QUERY_CHARS).matchAll(PART)) {
    const quoted = m[2] ?? m[3];
    const words = tokenize(quoted ?? m[4] ?? '');
    if (words.length === 0) continue;
    if (m[1] === '-') exclude.push(words);
    // An unquoted word with inner punctuation ("u.s.", "f-35") reads as a phrase of its parts.
    else wanted.push({ words, plain: quoted === undefined && words.length === 1 });
  }
  const isFiller = (w: { words: SearchPhrase; plain: boolean }) =>
    w.plain && isStopword(w.words[0] as string);
  // Only function words ("the who"): search for them as typed rather than for nothing.
  const kept = wanted.every(isFiller) ? wanted : wanted.filter((w) => !isFiller(w));
  return {
    include: dedupe(kept.map((w) => w.words)).slice(0, MAX_PHRASES),
    exclude: dedupe(exclude).slice(0, MAX_PHRASES),
  };
}

function dedupe(phrases: SearchPhrase[]): SearchPhrase[] {
  const seen = new Set<string>();
  return phrases.filter((p) => {
    const key = p.join(' ');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The query as people would type it back: `chip "export rules" -japan`. */
export function describeSearch(query: SearchQuery): string {
  const show = (p: SearchPhrase) => (p.length > 1 ? `"${p.join(' ')}"` : (p[0] as string));
  return [...query.include.map(show), ...query.exclude.map((p) => `-${show(p)}`)].join(' ');
}

/** Every word the query asks for, for a briefing's relevance (its "keywords"). */
export function searchKeywords(query: SearchQuery): string[] {
  return query.include.map((p) => p.join(' '));
}
