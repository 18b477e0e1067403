// PostgreSQL unreachable at the moment the digests start (the bot has opened its store, then the
// server restarts or fails over): the bot must not exit over it. Starting the digests says so in
// one line and tries again in the background; once the server answers, the digests are scheduled
// and a subscribed channel gets its slot. The real PostgreSQL store and digest service, with a
// TCP proxy in front of the server to take it away and give it back.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBriefingService } from '../../../src/services/briefings.js';
import { createDigestService, type DigestService } from '../../../src/digests/index.js';
import { startDigests } from '../../../src/ops/digest-start.js';
import { openPostgresStore, type PostgresStore } from '../../../src/store/postgres/index.js';
import { createFakeDigestPoster } from '../../fakes/digest-poster.js';
import { config, TOPICS } from '../digests/harness.js';
import { startPgProxy, until, type PgProxy } from '../../support/cluster.js';
import { postgresTestDatabase } from '../../support/postgres.js';

const db = postgresTestDatabase();

describe.skipIf(!db.available)('digests starting while PostgreSQL is unreachable', () => {
  let proxy: PgProxy;
  let store: PostgresStore;
  let service: DigestService | undefined;
  let cancel: (() => void) | undefined;

  beforeAll(async () => {
    proxy = await startPgProxy(db.url());
    store = await openPostgresStore(proxy.url, { max: 2, connectTimeoutMs: 1_000 });
  });

  afterAll(async () => {
    cancel?.();
    await service?.stop();
    await proxy.restore().catch(() => undefined);
    await store.close();
    await proxy.close();
  });

  it('GIVEN the server gone when the digests start THEN the start says so in one line instead of throwing, and the digests start once the server is back', async () => {
    const records: Record<string, unknown>[] = [];
    const log = pino({ level: 'info' }, { write: (s: string) => void records.push(JSON.parse(s)) });
    const briefings = createBriefingService({
      topics: TOPICS,
      articles: store.articles,
      windowDays: 7,
      maxPoints: 6,
    });
    service = createDigestService({
      store,
      config: config([], TOPICS),
      log,
      briefings,
      articles: store.articles,
      posters: { console: createFakeDigestPoster('console') },
    });

    await proxy.cut();
    const said: string[] = [];
    cancel = await startDigests(service, log, {
      stopping: () => false,
      firstWaitMs: 100,
      maxWaitMs: 400,
      say: (line) => said.push(line),
    });
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      /^digests are not scheduled yet: PostgreSQL is unavailable: .*; trying again in 0\.1 s\.$/,
    );

    await proxy.restore();
    await until(
      () => records.some((r) => r.msg === 'digests started: the store answers again'),
      20_000,
      'the digests to start',
    );
    expect(records.filter((r) => Number(r.level) >= 50)).toEqual([]);
  });
});
