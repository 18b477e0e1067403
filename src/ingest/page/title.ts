// The headline without the site's name: "Quake hits Osaka | The Gazette" -> "Quake hits Osaka".
// A part is dropped only when it names the site (its og:site_name or publisher, or its host), or
// when the page's own <h1> is the rest; otherwise the title is kept whole, since a colon or dash
// inside a headline ("Japan - a year on") is not a site suffix.

const SEPARATORS = /\s+[|\-–—·•»:~/\\]{1,2}\s+|\s*[|·•»]\s*/;

/** The last " | ", " - ", " – ", " — ", " · ", " :: " or " » " of a title. */
const LAST_SEPARATOR = /\s+(?:[|\-–—·»]|::)\s+(?!.*\s(?:[|\-–—·»]|::)\s)/;

function countWords(s: string): number {
  return s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** Letters and digits only, lower-cased: "The New-York Times" -> "thenewyorktimes". */
function compact(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Whether `part` is the site's name: equal to it, or to the host's name (nytimes, bbc). */
function namesSite(part: string, siteName: string | undefined, host: string | undefined): boolean {
  const p = compact(part);
  if (!p) return false;
  if (siteName) {
    const s = compact(siteName);
    if (p === s || p === `the${s}` || s === `the${p}`) return true;
  }
  if (host) {
    const labels = host
      .toLowerCase()
      .replace(/^www\d*\./, '')
      .split('.');
    const name = labels.length > 1 ? labels.slice(0, -1).join('') : (labels[0] ?? '');
    const first = labels[0] ?? '';
    // "BBC News" for bbc.co.uk, "Reuters" for reuters.com, "nytimes.com" written out.
    if (p === compact(host.replace(/^www\d*\./, '')) || p === name || p === first) return true;
    if (first.length >= 3 && p.startsWith(first) && p.length <= first.length + 8) return true;
  }
  return false;
}

export interface TitleContext {
  siteName?: string;
  host?: string;
  /** Texts of the page's <h1> elements. */
  headings?: string[];
}

/** The headline without the site's name around it. */
export function cleanTitle(raw: string | undefined, context: TitleContext): string | undefined {
  const title = raw?.replace(/[\s\u00a0]+/g, ' ').trim();
  if (!title) return undefined;
  const headings = (context.headings ?? []).map((h) => h.replace(/[\s\u00a0]+/g, ' ').trim());
  const parts = title.split(SEPARATORS).filter((p) => p.trim());
  if (parts.length < 2) return title;
  // The page's own headline is the title's first part ("Quake hits Osaka" of "Quake hits Osaka -
  // Local News - Gazette"), not a logo's text elsewhere in it.
  const heading = headings.find((h) => compact(h) === compact(parts[0] as string) && countWords(h) >= 2);
  let start = 0;
  let end = parts.length;
  while (end - start > 1 && namesSite(parts[end - 1] as string, context.siteName, context.host)) end--;
  while (end - start > 1 && namesSite(parts[start] as string, context.siteName, context.host)) start++;
  if (start > 0 || end < parts.length) {
    // Cut the original string, not the parts, so separators inside the headline survive.
    const from = title.indexOf(parts[start] as string);
    const last = parts[end - 1] as string;
    const to = title.lastIndexOf(last) + last.length;
    const kept = title.slice(from, to).trim();
    if (kept) return kept;
  }
  // "Quake hits Osaka - Local News - Gazette": the page's own headline is the part that matters.
  if (heading) return heading;
  // "Quake hits Osaka, thousands evacuated | Gazette Online": one short part after the headline's
  // last separator names the site even when the page does not say so.
  const cut = LAST_SEPARATOR.exec(title);
  if (cut) {
    const head = title.slice(0, cut.index).trim();
    const tail = title.slice(cut.index + cut[0].length).trim();
    if (countWords(tail) <= 3 && countWords(head) >= 4) return head;
  }
  return title;
}
