// Terminal escapes and control characters in what sources deliver (a JSON Feed can carry any of
// them; so can a local file) are stripped at ingest, from every field, so nothing stored can
// clear a terminal, retitle its window or put a NUL into a chat message.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderText } from '../../../src/adapters/console/render.js';
import { createBriefingService } from '../../../src/services/briefings.js';
import { startNewsServer, type NewsServer } from '../../fakes/news-server.js';
import { createHarness, feed, JAPAN_DEFENSE, makeConfig, type Harness } from './harness.js';

const HOSTILE = '\u001b[2J\u001b]0;owned\u0007\u0000\u009b31m\u202e';
// eslint-disable-next-line no-control-regex -- the test looks for exactly these characters
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let h: Harness;
let server: NewsServer;
beforeEach(async () => {
  h = createHarness(new Date('2025-01-08T06:00:00Z'));
  const item = (n: number) => ({
    id: `https://example.org/${n}`,
    url: `{{base}}/story-${n}`,
    title: `Japan${HOSTILE} orders missiles ${n}`,
    content_text: `Tokyo${HOSTILE} ordered missiles on Monday, officials said.\nJapan's defense ministry${HOSTILE} gave no date for the delivery of the missiles ${n}.`,
    date_published: '2025-01-07T09:00:00Z',
  });
  server = await startNewsServer({
    '/feed.json': {
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: `Wire${HOSTILE}`,
        items: [item(1), item(2)],
      }),
      contentType: 'application/feed+json',
    },
  });
});
afterEach(async () => {
  h.cleanup();
  await server.close();
});

describe('GIVEN a feed and a local file whose titles, text and outlet carry escapes and control characters', () => {
  it('THEN what is stored, and every briefing line, has none of them and keeps the words', async () => {
    const file = path.join(h.dir, 'local.md');
    writeFileSync(
      file,
      `---\ntitle: "Okinawa\u001b[31m base opens"\noutlet: "Local\u0000 Desk"\npublished: 2025-01-07\n---\nA base${HOSTILE} opened on Okinawa on Tuesday. Japan said its defense plans would change.\n`,
    );
    const ingestor = h.ingestor(
      makeConfig([feed('wire', server.url('/feed.json')), { id: 'local', type: 'file', path: file }]),
    );
    const run = await ingestor.runOnce();
    expect(run.rows.map((r) => r.new)).toEqual([2, 1]);

    const briefing = await createBriefingService({
      topics: [JAPAN_DEFENSE],
      articles: h.articles,
      windowDays: 7,
      maxPoints: 6,
    }).brief('japan-defense', h.clock.now);
    expect(briefing?.articles.length).toBe(3);
    const stored = JSON.stringify(briefing);
    expect(stored).not.toMatch(/\\u00(0|1|7f|8|9)|\\u202e/i);
    for (const a of briefing?.articles ?? []) {
      expect(a.title).not.toMatch(CONTROL);
      expect(a.outlet).not.toMatch(CONTROL);
    }
    expect(briefing?.articles.map((a) => a.outlet).sort()).toEqual(['Local Desk', 'Wire', 'Wire']);
    expect(briefing?.articles.map((a) => a.title)).toContain('Okinawa base opens');
    const text = renderText({ kind: 'briefing', visibility: 'ephemeral', briefing: briefing! });
    expect(text).not.toMatch(CONTROL);
    expect(text).toContain('Japan orders missiles 1');
  });
});
