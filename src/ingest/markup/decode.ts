// Bytes -> text in the encoding the document declares: the Content-Type charset, else a byte
// order mark, else the XML declaration or an HTML meta tag, else UTF-8. An unknown label falls
// back to UTF-8 rather than failing the source.

function declaredInDocument(head: string, kind: 'xml' | 'html' | 'json'): string | undefined {
  if (kind === 'xml') return /<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1];
  if (kind === 'html') return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  return undefined;
}

/** The charset parameter of a Content-Type header. */
export function charsetOf(contentType: string): string | undefined {
  return /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1];
}

export function decodeBody(bytes: Uint8Array, contentType: string, kind: 'xml' | 'html' | 'json'): string {
  let label = charsetOf(contentType);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) label = 'utf-8';
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  // The head is ASCII in every encoding a feed declares itself in, so latin1 reads it safely.
  label ??= declaredInDocument(new TextDecoder('latin1').decode(bytes.subarray(0, 2048)), kind);
  try {
    return new TextDecoder(label ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
