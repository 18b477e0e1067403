import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';

import path from 'node:path';
import { loadConfigFile } from '../../../src/config/index.js';
import { runBin } from './run.js';
import { tempWorkspaceForTest } from '../../support/workspace.js';

const CONFIG = `# Our sources: the admin's comments stay where they are.
sources:
  - id: wire
    type: feed
    url: https://wire.example/world.xml   # the wire service
topics:
  - slug: harbour
    title: Harbour news
    keywords: [harbour, port]
`;

const OPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My reader</title></head><body>
  <outline text="News">
    <outline type="rss" text="Gazette World" title="Gazette World" xmlUrl="https://gazette.example/world.rss" htmlUrl="https://gazette.example/"/>
    <outline type="rss" text="Wire again" xmlUrl="https://wire.example/world.xml"/>
  </outline>
  <outline type="rss" text="Le Monde: À la une" xmlUrl="https://lemonde.example/rss/une.xml"/>
</body></opml>`;

function folder(config = CONFIG) {
  const dir = tempWorkspaceForTest('nb-opml-').dir;
  const configFile = path.join(dir, 'newsbrief.yaml');
  writeFileSync(configFile, config);
  return { dir, configFile };
}

describe('newsbrief sources import / export', () => {
  it('GIVEN an OPML file THEN its new feeds are appended to the config file, comments kept, and export gives them back', async () => {
    const { dir, configFile } = folder();
    const opmlFile = path.join(dir, 'subs.opml');
    writeFileSync(opmlFile, OPML);
    const r = await runBin(['sources', 'import', opmlFile, '--config', configFile]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Imported 2 feeds into .*newsbrief.yaml \(1 already there\): gazette-world, le-monde-a-la-une/,
    );
    const text = readFileSync(configFile, 'utf8');
    expect(text).toMatch(/^# Our sources: the admin's comments stay where they are\./);
    expect(text).toMatch(/# the wire service/);
    const loaded = loadConfigFile(configFile);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(
      loaded.value.config.sources.map((s) => [
        s.id,
        s.type === 'feed' ? s.url : '',
        s.type === 'feed' ? s.outlet : '',
      ]),
    ).toEqual([
      ['wire', 'https://wire.example/world.xml', undefined],
      ['gazette-world', 'https://gazette.example/world.rss', 'Gazette World'],
      ['le-monde-a-la-une', 'https://lemonde.example/rss/une.xml', 'Le Monde: À la une'],
    ]);

    // Round trip: the export, imported into a config with no sources, gives the same feeds.
    const exported = await runBin(['sources', 'export', '--config', configFile]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
    const again = folder(
      'sources: []\ntopics:\n  - slug: harbour\n    title: Harbour news\n    keywords: [harbour]\n',
    );
    const exportFile = path.join(again.dir, 'out.opml');
    writeFileSync(exportFile, exported.stdout);
    const second = await runBin(['sources', 'import', exportFile, '--config', again.configFile]);
    expect(second.code).toBe(0);
    const reloaded = loadConfigFile(again.configFile);
    expect(
      reloaded.ok && reloaded.value.config.sources.map((s) => (s.type === 'feed' ? [s.url, s.outlet] : [])),
    ).toEqual([
      ['https://wire.example/world.xml', 'wire'],
      ['https://gazette.example/world.rss', 'Gazette World'],
      ['https://lemonde.example/rss/une.xml', 'Le Monde: À la une'],
    ]);
  });

  it('GIVEN an OPML file with several bad outlines THEN every problem is listed, exit 2, and the config is untouched', async () => {
    const { dir, configFile } = folder();
    const bad = path.join(dir, 'bad.opml');
    writeFileSync(
      bad,
      `<opml version="2.0"><body>
<outline type="rss" text="Good" xmlUrl="https://good.example/feed"/>
<outline type="rss" text="Ftp" xmlUrl="ftp://files.example/feed"/>
<outline type="rss" text="Nothing"/>
<outline type="rss" text="Good again" xmlUrl="https://good.example/feed"/>
</body></opml>`,
    );
    const r = await runBin(['sources', 'import', bad, '--config', configFile]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the OPML file .*bad.opml has 3 problems:/);
    expect(r.stderr).toMatch(
      /outline 2 \("Ftp"\): xmlUrl "ftp:\/\/files.example\/feed" is not an http or https URL/,
    );
    expect(r.stderr).toMatch(/outline 3 \("Nothing"\): type="rss" but no xmlUrl/);
    expect(r.stderr).toMatch(
      /outline 4 \("Good again"\): the feed https:\/\/good.example\/feed is listed twice \(first in outline 1\)/,
    );
    expect(readFileSync(configFile, 'utf8')).toBe(CONFIG);
  });

  it('GIVEN a file that is not OPML, or a missing file THEN a clear message and nothing imported', async () => {
    const { dir, configFile } = folder();
    const html = path.join(dir, 'page.opml');
    writeFileSync(html, '<html><body>not a list</body></html>');
    const notOpml = await runBin(['sources', 'import', html, '--config', configFile]);
    expect(notOpml.code).toBe(2);
    expect(notOpml.stderr).toMatch(/not OPML/);
    const missing = await runBin(['sources', 'import', path.join(dir, 'none.opml'), '--config', configFile]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*none.opml: no such file/);
    expect(readFileSync(configFile, 'utf8')).toBe(CONFIG);
  });
});
