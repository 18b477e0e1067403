import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../src/ingest/markup/decode.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('decodeBody', () => {
  it('GIVEN windows-1252 bytes declared in the XML prolog THEN curly quotes and accents decode', () => {
    const head = [...new TextEncoder().encode('<?xml version="1.0" encoding="windows-1252"?><t>')];
    expect(decodeBody(bytes(...head, 0x93, 0x63, 0x61, 0x66, 0xe9, 0x94), '', 'xml')).toContain(
      '\u201ccafé\u201d',
    );
  });

  it('GIVEN a charset in Content-Type THEN it wins over the document', () => {
    const text = new TextEncoder().encode('<?xml version="1.0" encoding="windows-1252"?><t>é</t>');
    expect(decodeBody(text, 'application/xml; charset=utf-8', 'xml')).toContain('<t>é</t>');
  });

  it('GIVEN Shift_JIS declared in an HTML meta tag THEN Japanese text decodes', () => {
    // "日本" in Shift_JIS
    const head = [...new TextEncoder().encode('<meta charset="shift_jis"><p>')];
    expect(decodeBody(bytes(...head, 0x93, 0xfa, 0x96, 0x7b), 'text/html', 'html')).toContain('日本');
  });

  it('GIVEN an unknown charset label THEN UTF-8 is used instead of failing', () => {
    expect(decodeBody(new TextEncoder().encode('héllo'), 'text/xml; charset=x-made-up', 'xml')).toBe('héllo');
  });
});
