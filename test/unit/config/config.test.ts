import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/config/load.js';
import { parseEnv, secretsOf } from '../../../src/config/env.js';

const good = `
sources:
  - id: seed
    type: file
    path: config/articles/ap-biden-kishida-2023-01-13.txt
  - id: nhk
    type: feed
    url: https://example.org/world.xml
    every: 15m
topics:
  - slug: japan-defense
    title: Japan defense
    keywords: [japan, kishida]
    sources: [seed, nhk]
digests:
  - topic: japan-defense
    platform: slack
    channel: C0123ABCD
    schedule: "0 8 * * 1-5"
    timezone: Asia/Tokyo
`;

describe('config file', () => {
  it('GIVEN the README example config THEN it parses into one typed config with defaults filled in', () => {
    const r = parseConfigText(good, 'newsbrief.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.config.topics[0]).toMatchObject({
      slug: 'japan-defense',
      exclude: [],
      sources: ['seed', 'nhk'],
    });
    const feed = r.value.config.sources[1];
    expect(feed).toMatchObject({ type: 'feed', every: 15 * 60_000, fullText: false });
    expect(r.value.config.digests[0]).toMatchObject({ timezone: 'Asia/Tokyo', quietNote: false });
    expect(r.value.config.briefing).toEqual({ windowDays: 7, maxPoints: 6 });
  });

  it('GIVEN JSON instead of YAML THEN it is accepted too', () => {
    const r = parseConfigText(
      JSON.stringify({ topics: [{ slug: 'a', title: 'A', keywords: ['x'] }] }),
      'c.json',
    );
    expect(r.ok).toBe(true);
  });

  it('GIVEN several mistakes THEN every one is listed with the file, its path inside it and what is wrong', () => {
    const bad = `
sources:
  - id: seed
    type: file
    path: a.txt
  - id: seed
    type: feed
    url: not a url
    every: 5
  - id: x
    type: carrier-pigeon
topics:
  - slug: Japan Defense
    title: J
    keywords: []
  - slug: ok
    title: Ok
    keywords: [a]
    sources: [nowhere]
digests:
  - topic: missing
    platform: teams
    channel: C1
    schedule: "61 * * * *"
    timezone: Mars/Olympus
`;
    const r = parseConfigText(bad, 'conf.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const all = r.error.join('\n');
    for (const expected of [
      'conf.yaml: sources[1].url: must be an http(s) URL',
      'conf.yaml: sources[1].every',
      'conf.yaml: sources[2].type',
      'conf.yaml: topics[0].slug',
      'conf.yaml: topics[0].keywords: needs at least one keyword',
      'conf.yaml: digests[0].platform',
      'conf.yaml: digests[0].schedule: "61 * * * *" is not a valid cron expression: the minute "61" is not a minute from 0 to 59',
      'conf.yaml: digests[0].timezone: must be an IANA time zone',
      // Cross-references are listed in the same pass, not only once everything else is fixed.
      'conf.yaml: sources[1].id: duplicate source id "seed"',
      'conf.yaml: topics[1].sources[0]: names source "nowhere", which is not defined under sources',
      'conf.yaml: digests[0].topic: names topic "missing", which is not defined under topics',
    ])
      expect(all).toContain(expected);
    expect(r.error.length).toBeGreaterThanOrEqual(8);
  });

  it('GIVEN cross-reference mistakes THEN unknown sources, unknown topics and duplicates are named', () => {
    const r = parseConfigText(
      `sources: [{id: a, type: file, path: x}, {id: a, type: file, path: y}]
topics:
  - {slug: t, title: T, keywords: [k], sources: [b]}
  - {slug: t, title: T2, keywords: [k]}
digests:
  - {topic: nope, platform: console, channel: c, schedule: "0 8 * * *"}`,
      'c.yaml',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toContain('c.yaml: sources[1].id: duplicate source id "a"');
    expect(r.error).toContain(
      'c.yaml: topics[0].sources[0]: names source "b", which is not defined under sources',
    );
    expect(r.error).toContain('c.yaml: topics[1].slug: duplicate topic slug "t"');
    expect(r.error).toContain(
      'c.yaml: digests[0].topic: names topic "nope", which is not defined under topics',
    );
  });

  it('GIVEN a misspelt key THEN it is refused by name rather than silently ignored', () => {
    const r = parseConfigText('topics:\n  - {slug: t, title: T, keywords: [k], keyword: [x]}\n', 'c.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.join('\n')).toContain('topics[0]: unknown key "keyword"');
  });

  it('GIVEN broken YAML THEN the line and column are given', () => {
    const r = parseConfigText('topics:\n  - slug: [a\n', 'c.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error[0]).toMatch(/^c\.yaml: line \d+, column \d+: /);
  });

  it('GIVEN a retention shorter than two weeks THEN it is refused with the bound', () => {
    const r = parseConfigText('store: {retentionDays: 3}\n', 'c.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('c.yaml: store.retentionDays: must be at least 14');
  });

  it('GIVEN a slug that is a subcommand name THEN it is refused, since /brief status could not reach it', () => {
    const r = parseConfigText('topics:\n  - {slug: status, title: T, keywords: [k]}\n', 'c.yaml');
    expect(r.ok).toBe(false);
  });

  it('GIVEN a file whose lists are not lists THEN each is named and nothing throws', () => {
    const r = parseConfigText('sources: 5\ntopics: [3, {slug: t, sources: 7}]\ndigests: [null]\n', 'c.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.join('\n')).toContain('c.yaml: sources:');
    expect(parseConfigText('just a string', 'c.yaml').ok).toBe(false);
  });
});

describe('environment', () => {
  it('GIVEN nothing set THEN the documented defaults apply and no adapter is on', () => {
    const r = parseEnv({});
    expect(r).toEqual({
      ok: true,
      value: {
        configPath: 'config/newsbrief.yaml',
        dbPath: 'data/newsbrief.db',
        logLevel: undefined,
        port: 3000,
        slack: undefined,
        discord: undefined,
        launchedByScript: false,
      },
    });
  });

  it('GIVEN npm (or npx, yarn, pnpm) running a script THEN the bot knows to stop with that parent', () => {
    const r = parseEnv({ npm_lifecycle_event: 'start' });
    expect(r.ok && r.value.launchedByScript).toBe(true);
  });

  it('GIVEN several malformed variables THEN one result names every bad variable and no value', () => {
    const secret = 'shhh-very-secret-value';
    const r = parseEnv({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      SLACK_API_URL: 'ftp://x',
      SLACK_BOT_TOKEN: secret,
      DISCORD_APPLICATION_ID: 'abc',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.error.join('\n');
    for (const name of [
      'PORT',
      'LOG_LEVEL',
      'SLACK_API_URL',
      'SLACK_BOT_TOKEN',
      'DISCORD_APPLICATION_ID',
      'DISCORD_TOKEN',
    ])
      expect(text).toContain(name);
    expect(text).not.toContain(secret);
  });

  it('GIVEN Slack HTTP and Discord credentials THEN both adapters are configured and their secrets are known for redaction', () => {
    const r = parseEnv({
      SLACK_BOT_TOKEN: 'xoxb-123456',
      SLACK_SIGNING_SECRET: 'sign-secret',
      DISCORD_TOKEN: 'disc-token-1',
      DISCORD_APPLICATION_ID: '123456789012',
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.slack?.signingSecret).toBe('sign-secret');
    expect(r.value.discord?.applicationId).toBe('123456789012');
    expect(secretsOf(r.value).sort()).toEqual(['disc-token-1', 'sign-secret', 'xoxb-123456']);
  });
});
