// `/brief url <link>` through dispatch with the real link service, guard and page reader, against
// pages served on 127.0.0.1. With the switch off (the default) a local page is refused and the
// reply says why and that the switch is off; with it on, the page's key points come back.
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderText } from '../../../src/adapters/console/render.js';
import { consoleInvocation } from '../../../src/adapters/console/handlers.js';
import { dispatch } from '../../../src/commands/dispatch.js';
import type { Invocation, Services } from '../../../src/commands/ports.js';
import { linkFromText } from '../../../src/commands/url.js';
import { message } from '../../../src/core/messages.js';
import { createGuardedLinkService } from '../../../src/services/links.js';
import { fakeBriefingService } from '../../support/services.js';
import { startNewsServer, type NewsServer } from '../../fakes/news-server.js';
import { fakeServices } from '../../support/services.js';

let site: NewsServer;
const closers: (() => Promise<void>)[] = [];
const log = pino({ level: 'silent' });

function services(allowPrivateAddresses: boolean, linksPerMinute = 5): Services {
  const links = createGuardedLinkService({
    fetch: { allowPrivateAddresses, linksPerMinute },
    maxPoints: 4,
    log,
  });
  closers.push(links.close);
  return fakeServices({ briefings: fakeBriefingService([], {}), links: links.service, log });
}

const ask = (s: Services, text: string, who: Invocation = consoleInvocation('tester')) =>
  dispatch({ text }, who, s, new Date('2026-12-01T12:00:00Z'));

beforeEach(async () => {
  site = await startNewsServer({
    '/pages/destroyer.html': { fixture: 'destroyer.html' },
    '/menu': { body: '<html><body><nav><a href="/">Home</a></nav></body></html>', contentType: 'text/html' },
    '/pdf': { body: '%PDF-1.4', contentType: 'application/pdf' },
  });
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
  await site.close();
});

describe('GIVEN the switch off (the default)', () => {
  it('WHEN someone asks for a page on this machine THEN it is refused, says why and that the switch is off, and nothing is fetched', async () => {
    const reply = await ask(services(false), `url ${site.url('/pages/destroyer.html')}`);
    expect(reply).toMatchObject({ kind: 'notice', tone: 'error', code: 'URL_REFUSED_ADDRESS' });
    const text = renderText(reply);
    expect(text).toContain('loopback');
    expect(text).toContain('fetch.allowPrivateAddresses is off');
    expect(site.requests).toHaveLength(0);
  });

  it('WHEN someone asks for a file: or data: link THEN it is refused by scheme', async () => {
    for (const link of ['file:///etc/passwd', 'data:text/html,<p>x</p>']) {
      const reply = await ask(services(false), `url ${link}`);
      expect(reply, link).toMatchObject({ kind: 'notice', code: 'URL_REFUSED_SCHEME' });
    }
  });

  it('WHEN the link is not a link THEN the reply says so', async () => {
    const reply = await ask(services(false), 'url not-a-link');
    expect(reply).toMatchObject({ kind: 'notice', code: 'URL_INVALID' });
  });
});

describe('GIVEN the switch on', () => {
  it('WHEN someone asks for an article page THEN the reply is its key points citing the page', async () => {
    const reply = await ask(services(true), `url ${site.url('/pages/destroyer.html')}`);
    expect(reply.kind).toBe('briefing');
    if (reply.kind !== 'briefing') return;
    const b = reply.briefing;
    expect(b.title).toBe('Japan and Australia agree on a frigate deal');
    expect(b.points.length).toBeGreaterThan(0);
    expect(b.points.map((p) => p.text).join(' ')).toMatch(/eleven frigates/);
    expect(b.articles).toHaveLength(1);
    expect(b.articles[0]).toMatchObject({ outlet: 'The Gazette', url: site.url('/pages/destroyer.html') });
    expect(reply.visibility).toBe('ephemeral');
  });

  it('WHEN the same page is asked for again, by another spelling of its URL THEN it is answered from the cache', async () => {
    const s = services(true);
    await ask(s, `url ${site.url('/pages/destroyer.html')}`);
    const again = await ask(s, `url ${site.url('/pages/destroyer.html')}?utm_source=chat#top`);
    expect(again.kind).toBe('briefing');
    expect(site.requests).toHaveLength(1);
  });

  it('WHEN one person asks for more links per minute than allowed THEN the next is refused with the wait, others are not', async () => {
    const s = services(true, 2);
    const alice = { ...consoleInvocation('alice'), userId: 'alice' };
    const bob = { ...consoleInvocation('bob'), userId: 'bob' };
    expect((await ask(s, `url ${site.url('/menu?1')}`, alice)).kind).toBe('notice');
    await ask(s, `url ${site.url('/menu?2')}`, alice);
    const third = await ask(s, `url ${site.url('/menu?3')}`, alice);
    expect(third).toMatchObject({ code: 'URL_RATE_LIMITED' });
    expect(renderText(third)).toMatch(/2 links in the last minute/);
    expect(site.requests).toHaveLength(2);
    const other = await ask(s, `url ${site.url('/menu?4')}`, bob);
    expect(other).not.toMatchObject({ code: 'URL_RATE_LIMITED' });
  });

  it('WHEN the page has no article or is no HTML THEN the reply says it could not be read', async () => {
    const s = services(true);
    const menu = await ask(s, `url ${site.url('/menu')}`);
    expect(menu).toMatchObject({ code: 'URL_FETCH_FAILED' });
    expect(renderText(menu)).toMatch(/no article/);
    const pdf = await ask(s, `url ${site.url('/pdf')}`);
    expect(renderText(pdf)).toMatch(/expected an HTML page/);
  });

  it('WHEN asked with share THEN the key points are for the channel', async () => {
    const reply = await ask(services(true), `url ${site.url('/pages/destroyer.html')} share`);
    expect(reply).toMatchObject({ kind: 'briefing', visibility: 'channel' });
  });
});

describe('links as chat platforms send them', () => {
  it('GIVEN Slack link markup or a bare host THEN the link is the address', () => {
    expect(linkFromText('<https://example.org/a|example.org/a>')).toBe('https://example.org/a');
    expect(linkFromText('<https://example.org/a>')).toBe('https://example.org/a');
    expect(linkFromText('example.org/news/1')).toBe('https://example.org/news/1');
    expect(linkFromText('file:///etc/passwd')).toBe('file:///etc/passwd');
  });

  it('GIVEN the refusal sentence THEN it names the switch', () => {
    expect(message('URL_REFUSED_ADDRESS', { host: 'h', category: 'private', switch: 'off' })).toMatch(
      /fetch\.allowPrivateAddresses is off/,
    );
  });
});
