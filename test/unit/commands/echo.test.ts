// What a person types comes back in replies ("There is no topic ..."): cut on a character
// boundary, stripped of control characters, escaped for each platform's markup like article
// text, and the missing-argument cases answered in words rather than zod's.
import { describe, expect, it } from 'vitest';
import { renderReply as renderDiscord } from '../../../src/adapters/discord/render.js';
import { renderReply as renderSlack } from '../../../src/adapters/slack/render.js';
import { renderText } from '../../../src/adapters/console/render.js';
import { dispatch } from '../../../src/commands/dispatch.js';
import type { Services } from '../../../src/commands/ports.js';
import { fakeBriefingService, fakeServices, invocation } from '../../support/services.js';

const services: Services = fakeServices({
  briefings: fakeBriefingService([{ slug: 'japan-defense', title: 'Japan defense', articleCount: 1 }], {}),
});
const run = (text: string) => dispatch({ text }, invocation(), services);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('GIVEN an unknown topic that is long and ends in emoji', () => {
  it('THEN the echo is cut between characters, so no platform gets half an emoji', async () => {
    for (let pad = 70; pad < 82; pad++) {
      const reply = await run(`${'a'.repeat(pad)}${'😀'.repeat(10)}`);
      expect(reply.kind).toBe('notice');
      if (reply.kind !== 'notice') continue;
      expect(reply.text).not.toMatch(LONE_SURROGATE);
      expect(JSON.stringify(renderSlack(reply))).not.toMatch(/\\ud[89ab]/i);
      expect(renderDiscord(reply).content ?? '').not.toMatch(LONE_SURROGATE);
    }
  });
});

describe('GIVEN command text carrying terminal escapes and control characters', () => {
  it('THEN the reply echoes the words without them on every platform', async () => {
    const reply = await run('no\u001b[2Jsuch\u001b]0;pwned\u0007topic\u0000');
    expect(reply.kind).toBe('notice');
    const outputs = [
      renderText(reply),
      JSON.stringify(renderSlack(reply)),
      renderDiscord(reply).content ?? '',
    ];
    for (const out of outputs) {
      // eslint-disable-next-line no-control-regex -- the test looks for exactly these characters
      expect(out).not.toMatch(/\u001b|\u0007|\u0000|\\u001b|\\u0000/);
      expect(out).toContain('nosuchtopic');
    }
  });
});

describe('GIVEN a person echoing their own masked link or markup', () => {
  it('THEN Discord shows it as typed text, not a link, and the console shows the words', async () => {
    const link = await run('[click](https://evil.example/x)');
    const discord = renderDiscord(link).content ?? '';
    expect(discord).not.toMatch(/\[click\]\(https/);
    expect(discord).toContain('\\[click\\](https://evil.example/x)');
    expect(renderText(link)).toContain('"[click](https://evil.example/x)"');
    const bold = renderDiscord(await run('**now**')).content ?? '';
    expect(bold).toContain('"\\*\\*now\\*\\*"');
  });
});

describe('GIVEN subscribe with missing or oversized arguments', () => {
  const admin = invocation();
  const sub = (text: string) => dispatch({ text }, admin, services);

  it('THEN no topic asks for one, in words', async () => {
    const reply = await sub('subscribe');
    expect(reply.kind === 'notice' && reply.text).toMatch(/^Name a topic; `\/brief topics` lists them\./);
    expect(reply.kind === 'notice' && reply.text).not.toMatch(/Invalid input|expected string/);
  });

  it('THEN a topic but no schedule asks when', async () => {
    const reply = await sub('subscribe japan-defense');
    expect(reply.kind === 'notice' && reply.text).toMatch(/^Say when: daily 08:00/);
  });

  it('THEN a 5,000-character topic is refused for its length, with the count', async () => {
    const reply = await sub(`subscribe ${'x'.repeat(5000)}`);
    expect(reply.kind === 'notice' && reply.text).toMatch(
      /That topic name is \d+ characters long; topic names have at most 60/,
    );
    expect(reply.kind === 'notice' && reply.text.length).toBeLessThan(400);
  });
});
