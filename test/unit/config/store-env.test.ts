import { describe, expect, it } from 'vitest';
import { parseEnv, secretsOf, storeLocation } from '../../../src/config/index.js';

describe('NEWSBRIEF_DB: where the store lives', () => {
  it('GIVEN a path, a file: URL or a postgres URL THEN SQLite, SQLite at that path, or PostgreSQL', () => {
    expect(storeLocation('data/newsbrief.db')).toEqual({ kind: 'sqlite', path: 'data/newsbrief.db' });
    expect(storeLocation('file:///var/lib/nb/newsbrief.db')).toEqual({
      kind: 'sqlite',
      path: '/var/lib/nb/newsbrief.db',
    });
    expect(storeLocation('postgres://nb@db.internal:5432/newsbrief')).toEqual({
      kind: 'postgres',
      url: 'postgres://nb@db.internal:5432/newsbrief',
    });
    expect(storeLocation('postgresql://nb@db/newsbrief')).toMatchObject({ kind: 'postgres' });
  });

  it('GIVEN another scheme THEN the environment is refused naming NEWSBRIEF_DB, never its value', () => {
    const r = parseEnv({ NEWSBRIEF_DB: 'mysql://root:hunter2@db/nb' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toEqual(['NEWSBRIEF_DB must be a file path, a file: URL or a postgres:// URL']);
      expect(r.error.join(' ')).not.toContain('hunter2');
    }
  });

  it('GIVEN a postgres URL with a password THEN the password is one of the secrets the logger redacts', () => {
    const r = parseEnv({ NEWSBRIEF_DB: 'postgres://nb:pa%24%24word@db/nb' });
    expect(r.ok && secretsOf(r.value)).toEqual(['pa$$word']);
  });

  it('GIVEN pool size, statement timeout and lease time THEN they are read as numbers; out of range is refused', () => {
    const r = parseEnv({
      NEWSBRIEF_DB_POOL_SIZE: '4',
      NEWSBRIEF_DB_STATEMENT_TIMEOUT_MS: '2500',
      NEWSBRIEF_LEASE_SECONDS: '10',
    });
    expect(r.ok && [r.value.dbPoolSize, r.value.dbStatementTimeoutMs, r.value.leaseSeconds]).toEqual([
      4, 2500, 10,
    ]);
    const bad = parseEnv({ NEWSBRIEF_DB_POOL_SIZE: '0', NEWSBRIEF_LEASE_SECONDS: 'soon' });
    expect(!bad.ok && bad.error).toEqual([
      'NEWSBRIEF_DB_POOL_SIZE must be a whole number from 1 to 200',
      'NEWSBRIEF_LEASE_SECONDS must be a whole number from 2 to 3600',
    ]);
  });
});

describe('DISCORD_SHARDS and DISCORD_SHARD_COUNT', () => {
  const discord = { DISCORD_TOKEN: 'tok', DISCORD_APPLICATION_ID: '123456789012345678' };

  it('GIVEN shards 0,2 of 4 THEN the Discord settings carry them', () => {
    const r = parseEnv({ ...discord, DISCORD_SHARDS: '0, 2', DISCORD_SHARD_COUNT: '4' });
    expect(r.ok && r.value.discord).toMatchObject({ shards: [0, 2], shardCount: 4 });
  });

  it('GIVEN shards without a count, or a shard beyond the count THEN refused with what is wrong', () => {
    const noCount = parseEnv({ ...discord, DISCORD_SHARDS: '1' });
    expect(!noCount.ok && noCount.error[0]).toMatch(/^DISCORD_SHARD_COUNT is required with DISCORD_SHARDS/);
    const beyond = parseEnv({ ...discord, DISCORD_SHARDS: '0,4', DISCORD_SHARD_COUNT: '4' });
    expect(!beyond.ok && beyond.error).toEqual([
      'DISCORD_SHARDS names a shard outside 0 to DISCORD_SHARD_COUNT - 1',
    ]);
  });
});
