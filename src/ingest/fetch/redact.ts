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
