// Config files a newcomer (or an attacker) can write: every one is a listed problem with the
// file's name, never a stack trace, and never a silently empty or broken bot.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfigText } from '../../../src/config/load.js';
import { tempWorkspaceForTest } from '../../support/workspace.js';

const TOPIC = 'topics:\n  - {slug: t, title: T, keywords: [k]}\n';

function problemsOf(text: string): string[] {
  const r = parseConfigText(text, 'c.yaml');
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.error;
}

describe('GIVEN YAML built to hurt the reader', () => {
  it('WHEN it is an alias bomb THEN one problem says so', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [prev, name] of [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
      ['e', 'f'],
    ])
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    expect(problemsOf(levels.join('\n'))).toEqual([
      expect.stringMatching(/^c\.yaml: .*more than 100 aliases/),
    ]);
  });

  it('WHEN it uses an alias no anchor defines THEN the problem names the alias', () => {
    expect(problemsOf('sources: *nope\n')).toEqual([
      'c.yaml: the alias *nope is used, but no anchor &nope comes before it',
    ]);
  });

  it.each([
    [
      'a 2,000-deep block map',
      'a:\n' + Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n') + ' 1\n',
    ],
    ['2,000 nested lists', `x: ${'['.repeat(2000)}${']'.repeat(2000)}\n`],
    ['2,000 nested flow maps', `x: ${'{a: '.repeat(2000)}1${'}'.repeat(2000)}\n`],
  ])('WHEN it holds %s THEN the problem says it nests too deeply', (_what, text) => {
    const problems = problemsOf(text);
    expect(problems.length).toBeGreaterThanOrEqual(1);
    for (const p of problems) expect(p).toMatch(/nests too deeply/);
  });
});

describe('GIVEN a config with nothing in it', () => {
  it.each([
    ['an empty file', ''],
    ['only comments', '# nothing yet\n'],
    ['null', 'null\n'],
    ['~', '~\n'],
  ])('WHEN it is %s THEN it is refused with what to add', (_what, text) => {
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/the file is empty; it needs at least one topic/),
    ]);
  });

  it('WHEN it is /dev/null THEN it is refused the same way', () => {
    const r = loadConfigFile('/dev/null');
    expect(r.ok || r.error).toEqual([expect.stringMatching(/^\/dev\/null: the file is empty/)]);
  });

  it('WHEN it is /dev/zero THEN reading stops at the cap and it is refused', () => {
    const r = loadConfigFile('/dev/zero');
    expect(r.ok || r.error).toEqual([
      '/dev/zero: cannot read the config file (larger than 1 MB: not a config file)',
    ]);
  });

  it('WHEN it has sources but no topics THEN it loads with a warning that /brief has nothing to brief on', () => {
    const r = parseConfigText('sources:\n  - {id: a, type: file, path: a.txt}\n', 'c.yaml');
    expect(r.ok && r.value.warnings).toEqual([expect.stringMatching(/c\.yaml defines no topics/)]);
  });
});

describe('GIVEN values that parse but cannot work', () => {
  it.each(['99999999999d', '31d', '29s'])('WHEN every is %s THEN it is refused with the range', (every) => {
    expect(
      problemsOf(`sources:\n  - {id: a, type: feed, url: "http://x.org/f", every: ${every}}\n${TOPIC}`),
    ).toEqual(['c.yaml: sources[0].every: must be a duration from 30s to 30d, like 30s, 15m, 2h or 1h30m']);
  });

  it('WHEN every is 30d THEN it is accepted', () => {
    const r = parseConfigText(
      `sources:\n  - {id: a, type: feed, url: "http://x.org/f", every: 30d}\n${TOPIC}`,
      'c.yaml',
    );
    expect(r.ok && r.value.config.sources[0]).toMatchObject({ every: 30 * 86_400_000 });
  });
});

describe('GIVEN misspellings', () => {
  it('WHEN a key is misspelt THEN the problem guesses the key that was meant, at every level', () => {
    const problems = problemsOf(
      'sorces: []\ntopics:\n  - {slug: t, title: T, keywords: [k], exlude: [x]}\nbriefing: {maxPoint: 3}\n' +
        'digests:\n  - {topic: t, platform: console, channel: c, schedule: "daily 08:00", timezon: UTC}\n',
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        'c.yaml: (top level): unknown key "sorces" (did you mean "sources"?)',
        'c.yaml: topics[0]: unknown key "exlude" (did you mean "exclude"?)',
        'c.yaml: briefing: unknown key "maxPoint" (did you mean "maxPoints"?)',
        'c.yaml: digests[0]: unknown key "timezon" (did you mean "timezone"?)',
      ]),
    );
  });

  it('WHEN a time zone is misspelt THEN the problem suggests the zone', () => {
    const problems = problemsOf(
      `${TOPIC}digests:\n  - {topic: t, platform: console, channel: c, schedule: "0 8 * * *", timezone: Asia/Tokio}\n`,
    );
    expect(problems).toEqual([expect.stringMatching(/digests\[0\]\.timezone: .*did you mean Asia\/Tokyo/)]);
  });
});

describe('GIVEN digests written the way chat takes them', () => {
  it.each([
    ['daily 08:00', '0 8 * * *', 'daily 08:00'],
    ['weekdays 7:30', '30 7 * * 1-5', 'weekdays 07:30'],
    ['weekly friday 17:00', '0 17 * * 5', 'weekly friday 17:00'],
    ['hourly', '0 * * * *', 'hourly'],
    ['0 8 * * 1-5', '0 8 * * 1-5', '0 8 * * 1-5'],
  ])('WHEN schedule is "%s" THEN it runs as %s and reads as %s', (when, schedule, label) => {
    const r = parseConfigText(
      `${TOPIC}digests:\n  - {topic: t, platform: console, channel: c, schedule: "${when}"}\n`,
      'c.yaml',
    );
    expect(r.ok && r.value.config.digests[0]).toMatchObject({ schedule, label });
  });

  it("WHEN schedule is daily with no time THEN the problem asks for the time, in chat's words", () => {
    expect(
      problemsOf(`${TOPIC}digests:\n  - {topic: t, platform: console, channel: c, schedule: daily}\n`),
    ).toEqual([
      'c.yaml: digests[0].schedule: `daily` needs a time of day after it, in 24-hour HH:MM: for example `daily 08:00`.',
    ]);
  });
});

describe('GIVEN a config kept in its own folder', () => {
  it('WHEN a relative path exists beside the config and also under the working directory THEN the one beside the config is used', () => {
    const root = tempWorkspaceForTest('nb-cfgdir-').dir;
    const configDir = path.join(root, 'team');
    const cwd = path.join(root, 'elsewhere');
    for (const d of [configDir, cwd]) mkdirSync(path.join(d, 'articles'), { recursive: true });
    for (const d of [configDir, cwd]) writeFileSync(path.join(d, 'articles/a.txt'), 'x');
    writeFileSync(
      path.join(configDir, 'c.yaml'),
      `sources:\n  - {id: a, type: file, path: articles/a.txt}\n  - {id: gone, type: file, path: nowhere.txt}\n${TOPIC}`,
    );
    const r = loadConfigFile(path.join(configDir, 'c.yaml'), cwd);
    expect(r.ok && r.value.config.sources.map((s) => ('path' in s ? s.path : ''))).toEqual([
      path.join(configDir, 'articles/a.txt'),
      // Found nowhere: named where the README says to put it, beside the config.
      path.join(configDir, 'nowhere.txt'),
    ]);
  });

  it('WHEN the path exists only under the working directory THEN that one is used (the default config names config/articles/...)', () => {
    const root = tempWorkspaceForTest('nb-cfgdir-').dir;
    mkdirSync(path.join(root, 'config/articles'), { recursive: true });
    writeFileSync(path.join(root, 'config/articles/a.txt'), 'x');
    writeFileSync(
      path.join(root, 'config/c.yaml'),
      `sources:\n  - {id: a, type: file, path: config/articles/a.txt}\n${TOPIC}`,
    );
    const r = loadConfigFile('config/c.yaml', root);
    expect(r.ok && r.value.config.sources[0]).toMatchObject({
      path: path.join(root, 'config/articles/a.txt'),
    });
  });
});
