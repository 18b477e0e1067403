import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureText, startNewsServer, type NewsServer } from '../../fakes/news-server.js';
import { runBin } from './run.js';

let server: NewsServer;
beforeAll(async () => {
  server = await startNewsServer({
    '/story': { body: fixtureText('destroyer.html'), contentType: 'text/html; charset=utf-8' },
    '/front': { fixture: 'index.html', contentType: 'text/html' },
    '/gone': { status: 404 },
  });
});
afterAll(() => server.close());

const lines = (out: string) =>
  out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('newsbrief extract --input', () => {
  it('GIVEN good, bad and empty lines THEN one line out per record, in order, errors naming the line, exit 1', async () => {
    const story = fixtureText('destroyer.html').replaceAll('{{base}}', 'https://gazette.example');
    const input = [
      JSON.stringify({ id: 'a', url: 'https://gazette.example/pages/destroyer.html', html: story }),
      '{not json',
      JSON.stringify({ id: 'c', url: 'https://gazette.example/x' }),
      '',
      JSON.stringify({ id: 7, url: 'https://gazette.example/front', html: fixtureText('index.html') }),
      JSON.stringify({ id: 'e', url: 'ftp://gazette.example/x', html: '<p>x</p>' }),
      JSON.stringify({ id: 'f', html: '' }),
    ].join('\n');
    const r = await runBin(['extract', '--input', '-'], { input });
    expect(r.code).toBe(1);
    const out = lines(r.stdout);
    expect(out).toHaveLength(6);
    expect(out[0]).toMatchObject({
      id: 'a',
      title: 'Japan and Australia agree on a frigate deal',
      published: '2025-01-08T01:00:00.000Z',
      author: 'Kim Example',
    });
    expect(out[0]?.text).toMatch(/^Japan will build eleven frigates/);
    expect(out[0]?.text).not.toMatch(/Most read|Copyright/);
    expect(out[1]).toEqual({ line: 2, error: 'not valid JSON' });
    expect(out[2]).toEqual({ line: 3, error: '"html" is missing' });
    // A section front holds no article: its line has empty text, and it is not an error.
    expect(out[3]).toMatchObject({ id: 7, text: '' });
    expect(out[4]).toMatchObject({ line: 6 });
    expect(out[4]?.error).toMatch(/http or https/);
    expect(out[5]).toEqual({ id: 'f', title: '', text: '' });
    expect(r.stderr).toMatch(/3 read, 3 failed/);
  });

  it('GIVEN a missing input file THEN a clear message and exit 2', async () => {
    const r = await runBin(['extract', '--input', '/nonexistent/pages.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read \/nonexistent\/pages.jsonl: no such file/);
  });
});

describe('newsbrief extract <url>', () => {
  it('GIVEN an article page THEN title, outlet, time, author and the text are shown, exit 0', async () => {
    const r = await runBin(['extract', server.url('/story')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/title: +Japan and Australia agree on a frigate deal/);
    expect(r.stdout).toMatch(/outlet: +The Gazette/);
    expect(r.stdout).toMatch(/published: +2025-01-08T01:00:00.000Z/);
    expect(r.stdout).toMatch(/author: +Kim Example/);
    expect(r.stdout).toMatch(/\nJapan will build eleven frigates/);
  });

  it('GIVEN a section front THEN it says why there is no article, exit 1', async () => {
    const r = await runBin(['extract', server.url('/front')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/No article: the page is an index of links/);
  });

  it('GIVEN a page that answers 404, or no URL at all THEN a clear message', async () => {
    const gone = await runBin(['extract', server.url('/gone')]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/could not fetch .*404/);
    const none = await runBin(['extract']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/extract takes one URL/);
  });
});
