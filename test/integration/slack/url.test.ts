// `/brief url` on the real Bolt app: a page slower than Slack's 3-second window is acked with
// "working on it" and the key points follow through response_url; the share button posts the
// same key points to the channel from the cache, without fetching the page again.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { message } from '../../../src/core/messages.js';
import { createGuardedLinkService } from '../../../src/services/links.js';
import { fixtureText } from '../../fakes/news-server.js';
import { fakeBriefingService } from '../../support/services.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../fakes/slack-api.js';
import { postSigned, shareClick, slashCommand } from '../../fakes/slack-requests.js';
import { fakeServices } from '../../support/services.js';
import { startTestSlackAdapter } from '../../fakes/slack-adapter.js';

let api: FakeSlackApi;
let adapter: SlackAdapter;
let page: Server;
let pageBase = '';
let pageRequests = 0;
let release: () => void = () => undefined;
const held = () => new Promise<void>((r) => (release = r));
const gate = held();
let closeLinks: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  // A page that answers only when the test says so: slower than any ack deadline, by construction.
  page = createServer((req, res) => {
    pageRequests++;
    void gate.then(() =>
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(fixtureText('destroyer.html').replaceAll('{{base}}', pageBase)),
    );
  });
  await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
  pageBase = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  const log = pino({ level: 'silent' });
  const links = createGuardedLinkService({
    fetch: { allowPrivateAddresses: true, linksPerMinute: 5 },
    maxPoints: 4,
    log,
  });
  closeLinks = links.close;
  api = await startFakeSlackApi();
  adapter = await startTestSlackAdapter(api.apiUrl, {
    services: fakeServices({ briefings: fakeBriefingService([], {}), links: links.service, log }),
    log,
    poster: { maxRateLimitWaitMs: 0 },
    ackDeadlineMs: 1_000,
  });
});

afterAll(async () => {
  release();
  await adapter.stop();
  await api.close();
  await closeLinks();
  page.closeAllConnections();
  await new Promise((r) => page.close(r));
});

describe('GIVEN /brief url on a page slower than the ack deadline', () => {
  it('THEN Slack gets "working on it" at once, the key points follow through response_url, and sharing posts them without a second fetch', async () => {
    const base = `http://127.0.0.1:${adapter.port}`;
    const responseUrl = `${api.url}/respond/url1`;
    const link = `${pageBase}/pages/destroyer.html`;
    const res = await postSigned(base, slashCommand(`url <${link}>`, responseUrl));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: 'ephemeral', text: message('SLACK_WORKING') });

    release();
    const answer = await api.nextResponse((r) => responseUrl.endsWith(r.id));
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: true });
    const blocks = JSON.stringify(answer.body.blocks);
    expect(blocks).toContain('Japan and Australia agree on a frigate deal');
    expect(blocks).toContain('eleven frigates');
    expect(blocks).toContain('brief_share');

    const button = (answer.body.blocks as { type: string; elements?: { value?: string }[] }[]).find(
      (b) => b.type === 'actions',
    )?.elements?.[0]?.value;
    expect(button).toBe(`text:url ${link}`);
    const shareUrl = `${api.url}/respond/url2`;
    await postSigned(base, shareClick(button as string, shareUrl));
    const post = await api.nextCall('chat.postMessage', (c) => String(c.params.text).includes('frigate'));
    expect(JSON.stringify(post.params.blocks)).toContain('eleven frigates');
    expect(post.params).toMatchObject({ unfurl_links: 'false' });
    expect(pageRequests).toBe(1);
  });
});
