// Config loading for any file a person (or a bad merge) could write: it loads, or it lists its
// problems as lines of text naming the file; it never throws, and the same file gives the same
// answer. Two kinds of input: YAML-shaped noise, and a valid config with one value anywhere in it
// replaced by anything at all.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseConfigText, type ConfigResult } from '../../src/config/load.js';
import { hostileText, runs } from './arbitraries.js';

const FILE = 'fuzz.yaml';
const VALID = {
  sources: [
    { id: 'seed', type: 'file', path: 'config/articles/ap-biden-kishida-2023-01-13.txt' },
    { id: 'wire', type: 'feed', url: 'https://example.org/world.xml', every: '15m', fullText: false },
  ],
  topics: [{ slug: 'japan-defense', title: 'Japan defense', keywords: ['japan', 'kishida'], exclude: [] }],
  digests: [
    {
      topic: 'japan-defense',
      platform: 'slack',
      channel: 'C0123',
      schedule: 'daily 08:00',
      timezone: 'Asia/Tokyo',
    },
  ],
  briefing: { windowDays: 7, maxPoints: 6 },
};

const YAML_PIECES = [
  '\n',
  '  ',
  '- ',
  ': ',
  '&a ',
  '*a',
  '<<: *a',
  '[',
  ']',
  '{',
  '}',
  '!!binary ',
  '!!js/function ',
  '%YAML 1.2\n',
  '---\n',
  '...',
  '? ',
  '|',
  '>-',
  '"',
  "'",
  '#',
  'sources:',
  'topics:',
  'digests:',
  'every: ',
  '99999999999d',
  'null',
  '~',
];

const yamlNoise = fc
  .array(fc.oneof(fc.constantFrom(...YAML_PIECES), hostileText(2)), { maxLength: 30 })
  .map((parts) => parts.join(''));

/** Replaces the value at one path of `doc` (chosen by `choice`) with `value`. */
function replaceSomewhere(doc: unknown, choice: number, value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const paths: Array<Array<string | number>> = [];
  const walk = (v: unknown, path: Array<string | number>) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(copy, []);
  const path = paths[choice % paths.length] ?? [];
  if (path.length === 0) return value;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = value;
  return copy;
}

const mutatedConfig = fc
  .tuple(fc.nat(), fc.oneof(fc.anything({ maxDepth: 3 }), hostileText(3), fc.integer(), fc.constant(null)))
  .map(([choice, value]) => {
    try {
      return stringify(replaceSomewhere(VALID, choice, value));
    } catch {
      // A value YAML cannot write (a symbol, a function): the untouched config, still a valid test.
      return stringify(VALID);
    }
  });

function checkResult(result: ConfigResult): void {
  if (result.ok) {
    expect(Array.isArray(result.value.config.topics)).toBe(true);
    for (const w of result.value.warnings) expect(typeof w).toBe('string');
    return;
  }
  expect(result.error.length).toBeGreaterThan(0);
  for (const p of result.error) {
    expect(typeof p).toBe('string');
    expect(p.startsWith(`${FILE}:`)).toBe(true);
    // One line each, and never a stack trace.
    expect(p).not.toMatch(/\n\s+at /);
  }
}

describe('GIVEN any YAML-shaped text as the config file', () => {
  it('THEN it loads or lists its problems, never throws, and answers the same way twice', () => {
    fc.assert(
      fc.property(yamlNoise, (text) => {
        const result = parseConfigText(text, FILE);
        checkResult(result);
        expect(JSON.stringify(parseConfigText(text, FILE))).toBe(JSON.stringify(result));
      }),
      runs(300),
    );
  });
});

describe('GIVEN a valid config with any one value replaced by anything', () => {
  it('THEN it loads or lists its problems, never throws, and answers the same way twice', () => {
    fc.assert(
      fc.property(mutatedConfig, (text) => {
        const result = parseConfigText(text, FILE);
        checkResult(result);
        expect(JSON.stringify(parseConfigText(text, FILE))).toBe(JSON.stringify(result));
      }),
      runs(300),
    );
  });
});
