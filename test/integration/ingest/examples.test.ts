// The shipped example configs must load as they are: a user copies them verbatim.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../src/config/load.js';

const files = readdirSync('config/examples').filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));

describe('config/examples', () => {
  it('GIVEN the examples folder THEN it holds a config with real feeds', () => {
    expect(files).toContain('world-news.yaml');
  });

  it.each(files)('GIVEN %s THEN it loads without problems', (file) => {
    const result = loadConfigFile(`config/examples/${file}`);
    expect(result.ok ? [] : result.error).toEqual([]);
  });
});
