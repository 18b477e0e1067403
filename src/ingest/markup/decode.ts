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

/** Labels that WHATWG's Encoding standard maps to windows-1252. */
const WINDOWS_1252_LABELS = new Set([
  'windows-1252',
  'cp1252',
  'x-cp1252',
  'latin1',
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'l1',
  'ascii',
  'us-ascii',
  'cp819',
  'ibm819',
  'iso-ir-100',
]);

// Bytes 0x80-0x9f in windows-1252 (0 where the code page leaves a byte undefined: kept as is).
// Node 20's TextDecoder decodes these labels as ISO-8859-1, turning curly quotes into control
// characters, so this one code page is decoded here.
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes: number[] = [];
    for (let i = start; i < Math.min(bytes.length, start + CHUNK); i++) {
      const b = bytes[i] as number;
      codes.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b);
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

export function decodeBody(bytes: Uint8Array, contentType: string, kind: 'xml' | 'html' | 'json'): string {
  let label = charsetOf(contentType);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) label = 'utf-8';
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  // The head is ASCII in every encoding a feed declares itself in, so latin1 reads it safely.
  label ??= declaredInDocument(new TextDecoder('latin1').decode(bytes.subarray(0, 2048)), kind);
  if (label && WINDOWS_1252_LABELS.has(label.toLowerCase())) return decodeWindows1252(bytes);
  try {
    return new TextDecoder(label ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
