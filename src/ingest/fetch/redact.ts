// Feed addresses sometimes carry credentials (`?token=...`, `https://user:pass@host`). Anything we
// log or store as a source's last error shows the address through this first, so a secret in a
// config URL never reaches logs or `/brief status`.

const SECRET_PARAM = /token|key|secret|sig|signature|password|passwd|auth|session|credential/i;

/** The URL with userinfo removed and the values of secret-looking query parameters masked. */
export function redactUrl(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return link;
  }
  url.username = '';
  url.password = '';
  for (const name of [...url.searchParams.keys()])
    if (SECRET_PARAM.test(name)) url.searchParams.set(name, '***');
  return url.toString().replaceAll('%2A%2A%2A', '***');
}

/** A URL inside free text: a scheme, `://`, and everything up to a space, quote or bracket. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`\\]+/gi;

/**
 * The text with every URL in it redacted (userinfo gone, secret parameters masked). Error texts
 * from fetch, undici and parsers can quote the address they failed on; each goes through this
 * before it is logged, stored as a source's last error or shown in `/brief status`.
 */
export function redactUrls(text: string): string {
  return text.replace(URL_IN_TEXT, (link) => {
    // A trailing full stop or bracket closes the sentence, not the URL.
    const tail = /[.,;:!?)\]]+$/.exec(link)?.[0] ?? '';
    const bare = tail ? link.slice(0, -tail.length) : link;
    const redacted = redactUrl(bare);
    // An address URL cannot parse can still carry `user:pass@`: drop that part by hand.
    return `${redacted === bare ? bare.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1') : redacted}${tail}`;
  });
}

/**
 * Credentials written into a feed address (`https://user:pass@host/feed.xml`): fetch refuses
 * such URLs, so they are taken out of the address and sent as HTTP Basic authentication.
 */
export function splitCredentials(link: string): { url: string; authorization?: string } {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return { url: link };
  }
  if (!url.username && !url.password) return { url: link };
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  return {
    url: url.toString(),
    authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
  };
}
