// Escaping untrusted text for Discord: markdown shown literally, mentions inert, links safe.
import { describe, expect, it } from 'vitest';
import { escape, linkTarget, link, neutralizeMentions } from '../../../../src/adapters/discord/markup.js';
import { redactToken } from '../../../../src/adapters/discord/index.js';

describe('GIVEN text with Discord markdown', () => {
  it('THEN each markdown character is backslash-escaped, including backslashes themselves', () => {
    expect(escape('*a* _b_ ~c~ |d| >e `f` [g] \\h')).toBe(
      '\\*a\\* \\_b\\_ \\~c\\~ \\|d\\| \\>e \\`f\\` \\[g\\] \\\\h',
    );
  });

  it('THEN headings and list markers at the start of a line are escaped', () => {
    expect(escape('# Big\n- item\nmid-line # stays')).toBe('\\# Big\n\\- item\nmid-line # stays');
  });
});

describe('GIVEN text with mentions', () => {
  it('THEN @everyone and @here (any case) get a zero-width space after the @', () => {
    expect(neutralizeMentions('@everyone @HERE')).toBe('@\u200beveryone @\u200bHERE');
  });

  it('THEN user, nickname, role, channel and slash-command mentions are broken after the <', () => {
    expect(neutralizeMentions('<@1> <@!2> <@&3> <#4> </brief:5>')).toBe(
      '<\u200b@1> <\u200b@!2> <\u200b@&3> <\u200b#4> <\u200b/brief:5>',
    );
  });

  it('THEN ordinary angle brackets are left alone', () => {
    expect(neutralizeMentions('1 < 2 and <topic>')).toBe('1 < 2 and <topic>');
  });
});

describe('GIVEN a link for a citation', () => {
  it('THEN only http(s) URLs are linked, with ) and spaces encoded', () => {
    expect(linkTarget('https://a.example/x)y z')).toBe('https://a.example/x%29y%20z');
    expect(linkTarget('javascript:alert(1)')).toBeUndefined();
    expect(linkTarget('not a url')).toBeUndefined();
  });

  it('THEN the label is escaped and falls back to plain text without a URL', () => {
    expect(link('A [b]', 'https://a.example/')).toBe('[A \\[b\\]](https://a.example/)');
    expect(link('AP', undefined)).toBe('AP');
  });
});

describe('GIVEN a discord.js log line containing the token', () => {
  it('THEN the token and its long parts are replaced', () => {
    const token = 'MTAwMDAw.Gabcdef.secretsecretsecret';
    expect(redactToken(`token ${token} or secretsecretsecret`, token)).toBe('token [redacted] or [redacted]');
  });
});
