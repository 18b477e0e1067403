// Hand-written article pages for the extractor's tests: each builds one layout that real sites
// use (and that once made the extractor fail), around made-up story text.

const SUBJECTS = [
  'The harbour authority',
  'Local fishermen',
  'The city council',
  'Engineers',
  'The mayor',
  'Residents',
];
const VERBS = [
  'said on Tuesday that',
  'warned that',
  'confirmed that',
  'argued that',
  'reported that',
  'expect that',
];
const CLAUSES = [
  'the new sea wall would be finished before the typhoon season, at a cost of 40 million yen',
  'repairs to the northern pier had taken longer than planned, because of the winter storms',
  'catches of mackerel fell by a third last year, the lowest figure in two decades',
  'the ferry to the islands will run twice a day again from March, weather permitting',
  'a second crane would be installed, so that container ships can be unloaded overnight',
  'the old fish market will become a museum, with a café and a hall for concerts',
  'more than 2,000 people signed a petition asking for a footbridge across the canal',
  'the budget for dredging the channel doubled, after silt from the river closed one berth',
];

/** The `i`-th made-up news paragraph: two sentences, distinct for every i below 48. */
export function paragraph(i: number): string {
  const s = (k: number) =>
    `${SUBJECTS[k % SUBJECTS.length]} ${VERBS[Math.floor(k / 6) % VERBS.length]} ${CLAUSES[k % CLAUSES.length]}.`;
  return `${s(i)} ${s(i + 7)}`;
}

/** Paragraphs i..i+n-1. */
export function paragraphs(from: number, n: number): string[] {
  return Array.from({ length: n }, (_, k) => paragraph(from + k));
}

/** A full page around a body, with a site header, navigation and footer like real pages have. */
export function page(body: string, head = '<title>Harbour works begin | The Gazette</title>'): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}</head><body>
<header class="site-header"><a href="/">The Gazette</a></header>
<nav class="main-nav"><ul><li><a href="/world">World</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
${body}
<footer class="site-footer"><p>Copyright 2026 The Gazette. All rights reserved. <a href="/terms">Terms</a></p></footer>
</body></html>`;
}

export const p = (texts: string[]) => texts.map((t) => `<p>${t}</p>`).join('\n');
