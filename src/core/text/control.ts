// Characters that must never travel from an article (or a user's command) to a terminal or a chat
// platform: terminal escape sequences (`ESC [ 2 J` clears the screen, `ESC ] 0 ; … BEL` retitles
// the window), other C0/C1 control characters, NUL bytes, and bidirectional overrides that make
// text display in another order than it reads. Newlines stay (they separate paragraphs); tabs
// become spaces; a lone surrogate (half of an emoji) becomes U+FFFD so JSON stays valid.

// ESC + CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), or ESC + one character; the 8-bit
// CSI (U+009B) too.
// eslint-disable-next-line no-control-regex
const ESCAPES = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?/g;
// C0 except \t and \n, DEL, C1, and the bidi embedding/override/isolate controls.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text without escape sequences and control characters (newlines kept, \r\n -> \n). */
export function stripControl(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(ESCAPES, '')
    .replace(/\t/g, ' ')
    .replace(CONTROLS, '')
    .replace(LONE_SURROGATE, '\ufffd');
}

/** True when stripControl would change nothing (for tests and cheap checks). */
export function isClean(text: string): boolean {
  return stripControl(text) === text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
}

/**
 * The first `max` UTF-16 units of `text` (platform limits count those) without cutting a
 * character in half: a surrogate pair is kept whole or dropped whole.
 */
export function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max));
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}
