// `/brief url` as a Discord subcommand on the real discord.js client against the fake Discord:
// the key points of a local page (switch on), and the guard's refusal (switch off), privately.
import type { APIEmbed } from 'discord.js';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message } from '../../../src/core/messages.js';
import { createGuardedLinkService } from '../../../src/services/links.js';
import { startNewsServer, type NewsServer } from '../../fakes/news-server.js';
import { fakeBriefingService, fakeServices } from '../../support/services.js';
import { STRING } from '../../fixtures/discord/interactions.js';
import { replyData, send, startHarness, type Harness } from './helpers.js';

let site: NewsServer;
const harnesses: Harness[] = [];
const closers: (() => Promise<void>)[] = [];

async function bot(allowPrivateAddresses: boolean): Promise<Harness> {
  const log = pino({ level: 'silent' });
  const links = createGuardedLinkService({
    fetch: { allowPrivateAddresses, linksPerMinute: 5 },
    maxPoints: 4,
    log,
  });
  closers.push(links.close);
  const h = await startHarness(
    fakeServices({ briefings: fakeBriefingService([], {}), links: links.service, log }),
  );
  harnesses.push(h);
  return h;
}

beforeAll(async () => {
  site = await startNewsServer({ '/pages/destroyer.html': { fixture: 'destroyer.html' } });
});
afterAll(async () => {
  for (const h of harnesses) await h.close();
  await Promise.all(closers.map((c) => c()));
  await site.close();
});

describe('GIVEN /brief url link:<a local article>', () => {
  it('WITH the switch on THEN the reply is the page key points, privately, citing the page', async () => {
    const h = await bot(true);
    const { callback } = await send(h.fake, {
      subcommand: 'url',
      options: [{ name: 'link', type: STRING, value: site.url('/pages/destroyer.html') }],
    });
    const { type, data } = replyData(callback);
    expect(type).toBe(4);
    expect(data.flags).toBe(64);
    const [embed] = data.embeds as APIEmbed[];
    expect(embed?.title).toBe('Japan and Australia agree on a frigate deal');
    expect(embed?.description).toContain('eleven frigates');
    expect(embed?.description).toContain(site.url('/pages/destroyer.html'));
  });

  it('WITH the switch off THEN the reply refuses the loopback address and names the switch', async () => {
    const before = site.requests.length;
    const h = await bot(false);
    const { callback } = await send(h.fake, {
      subcommand: 'url',
      options: [{ name: 'link', type: STRING, value: site.url('/pages/destroyer.html') }],
    });
    const { data } = replyData(callback);
    expect(data.flags).toBe(64);
    expect(JSON.stringify(data)).toContain('fetch.allowPrivateAddresses is off');
    expect(JSON.stringify(data)).toContain(
      message('URL_REFUSED_ADDRESS', { host: '127.0.0.1', category: 'loopback', switch: 'off' }).slice(0, 30),
    );
    expect(site.requests.length).toBe(before);
  });
});
