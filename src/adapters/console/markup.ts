// Markdown building blocks for `newsbrief brief --format markdown` (plain text needs none): the
// same names as the Slack and Discord adapters' markup helpers, for the same jobs.

/** Markdown special characters in article text would change the rendering; escape them. */
export function escape(text: string): string {
  return text.replace(/([\\`*_{}[\]<>#|~])/g, '\\$1');
}

/** `[label](url)` with the label escaped, or the escaped label alone without a url. */
export function link(label: string, url: string | undefined): string {
  return url ? `[${escape(label)}](${url.replace(/[()\s]/g, encodeURIComponent)})` : escape(label);
}
