// Article text is untrusted: it must render as the words it is, never as markdown, links or
// mentions. `allowed_mentions: { parse: [] }` already stops pings; these helpers also make the
// text *look* inert, so an article quoting "@everyone" does not show a highlighted mention.

const ZWSP = '\u200b';

/**
 * Breaks every mention form Discord renders: `@everyone`, `@here`, `<@id>`, `<@!id>`, `<@&role>`,
 * `<#channel>`, plus slash-command and emoji tags (`</cmd:id>`, `<:e:id>`), by putting a
 * zero-width space after the `@` or `<`. Used for text we may otherwise show as-is (notices).
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(?=[@#/:a]|t:)/g, `<${ZWSP}`);
}

/** Escapes Discord markdown (`\ * _ ~ | > \` [ ] #` and list dashes) and neutralizes mentions. */
export function escape(text: string): string {
  const escaped = text
    .replace(/[\\*_~|>`[\]]/g, (c) => `\\${c}`)
    // Headings and list markers only act at the start of a line.
    .replace(/^(\s*)([#-])/gm, '$1\\$2');
  return neutralizeMentions(escaped);
}

/**
 * A URL safe to put inside `[label](url)`: only http(s), with the characters that would end the
 * link (`)`, whitespace, `<`, `>`) percent-encoded. Anything else gives undefined (plain label).
 */
export function linkTarget(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return parsed.href.replace(
    /[()<>\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** `[label](url)` with the label escaped, or just the escaped label when there is no usable url. */
export function link(label: string, url: string | undefined): string {
  const target = linkTarget(url);
  const text = escape(label);
  return target ? `[${text}](${target})` : text;
}
