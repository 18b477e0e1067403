// Rough edges of the command line a newcomer hits: a hostile or empty config is one readable
// problem with exit 2 (no stack trace; the other hostile shapes are in test/unit/config), an impossible database path fails at once with a
// sentence, and the `topics` and `status` commands the replies point at exist.
import { writeFileSync } from 'node:fs';

import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempWorkspace } from '../../support/workspace.js';
import { repoRoot, runBin } from './run.js';

const workspace = tempWorkspace('nb-edges-');
afterAll(() => workspace.cleanup());
const dir = workspace.dir;
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};
const seed = path.join(repoRoot, 'config/articles/ap-biden-kishida-2023-01-13.txt');
const good = write(
  'good.yaml',
  `sources:\n  - {id: seed, type: file, path: ${seed}}\ntopics:\n  - {slug: japan-defense, title: Japan defense, keywords: [japan]}\n`,
);

describe('GIVEN a config file that cannot be used', () => {
  it.each([
    [
      'an alias bomb',
      write(
        'bomb.yaml',
        'a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
      ),
      /alias bomb/,
    ],
    ['/dev/null', '/dev/null', /the file is empty/],
  ])(
    'WHEN it is %s THEN brief exits 2 with the problem listed and no stack trace',
    async (_what, file, problem) => {
      const r = await runBin(['brief', 'japan-defense', '--config', file, '--db', path.join(dir, 'x.db')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^newsbrief: the config file .* has a problem:\n {2}- /);
      expect(r.stderr).toMatch(problem);
      expect(r.stderr).not.toMatch(/\n\s+at |"stack"|Error:/);
    },
  );
});

describe('GIVEN a database path that cannot exist', () => {
  it('WHEN NEWSBRIEF_DB is under /proc THEN the command fails at once, naming the folder', async () => {
    const r = await runBin(['topics', '--config', good], { env: { NEWSBRIEF_DB: '/proc/nope/x.db' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'newsbrief: Cannot open the database /proc/nope/x.db: cannot create the folder /proc/nope (ENOENT)\n',
    );
  });
});

describe('GIVEN the topics and status commands', () => {
  it('THEN topics lists each topic with its count, status each source; an unknown topic points at newsbrief topics', async () => {
    const db = path.join(dir, 'cmds.db');
    expect((await runBin(['ingest', '--once', '--config', good, '--db', db])).code).toBe(0);
    const topics = await runBin(['topics', '--config', good, '--db', db]);
    expect(topics.code).toBe(0);
    expect(topics.stdout).toMatch(/^Topics:\n {2}• japan-defense: Japan defense \(1 article, newest /);
    const status = await runBin(['status', '--config', good, '--db', db]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^Sources:\n {2}• seed \(file\): 1 article, last fetched /);
    const unknown = await runBin(['brief', 'nosuch', '--config', good, '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('`newsbrief topics`');
    expect(unknown.stderr).not.toContain('/brief');
    // Four runs of the bin, each starting Node and tsx: give a loaded machine room.
  }, 120_000);
});
