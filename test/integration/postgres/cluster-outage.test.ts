// The PostgreSQL server goes away while the bot runs, and comes back: commands meanwhile get
// "storage unavailable, try again", nothing crashes, and the bot answers again without a restart
// of its own. The outage is played by a TCP proxy (test/support/cluster.ts) between the bot and the real server,
// cut and restored: restarting the shared server itself would disturb the other test files that
// run at the same time.
import { describe, expect, it } from 'vitest';
import { message } from '../../../src/core/messages.js';
import { startFakeSlackApi } from '../../fakes/slack-api.js';
import { postSigned, slashCommand } from '../../fakes/slack-requests.js';
import { postgresTestDatabase } from '../../support/postgres.js';
import { startPgProxy, until, writeSeedConfig } from '../../support/cluster.js';
import { botTestBed } from '../cli/run.js';

const db = postgresTestDatabase();

describe.skipIf(!db.available)('the database goes away and comes back', () => {
  const bed = botTestBed('newsbrief-outage-');

  it(
    'GIVEN the bot on PostgreSQL WHEN the server is unreachable THEN /brief says storage is unavailable; WHEN it is back THEN /brief answers again, same process',
    { timeout: 60_000 },
    async () => {
      const slack = bed.closeAfter(await startFakeSlackApi());
      const proxy = bed.closeAfter(await startPgProxy(db.url()));
      const config = writeSeedConfig(bed.path('newsbrief.yaml'));
      const bot = await bed.startBot(
        { NEWSBRIEF_DB: proxy.url, NEWSBRIEF_CONFIG: config, NEWSBRIEF_DB_STATEMENT_TIMEOUT_MS: '3000' },
        slack.apiUrl,
      );
      let n = 0;
      const ask = async (text: string) => {
        const res = await postSigned(bot.base, slashCommand(text, `${slack.url}/respond/r${++n}`));
        return { status: res.status, text: res.text };
      };
      const unavailable = message('STORE_UNAVAILABLE').split('(')[0]!.trim();

      // The outage is meant for a running bot: the adapter answers before start-up has finished
      // reading the store (digest recovery), and a cut during that start ends the process.
      await until(async () => /"msg":"digests started"/.test(bot.stderr()), 30_000, 'start-up done');
      const before = await ask('topics');
      expect(before.status).toBe(200);
      expect(before.text).toMatch(/Japan defense/);

      await proxy.cut();
      const during = await ask('topics').catch((err: unknown) => {
        throw new Error(`${String(err)}; bot exit ${bot.child.exitCode}: ${bot.stderr().slice(-3000)}`);
      });
      expect(during.status).toBe(200);
      expect(during.text).toContain(unavailable);
      expect(bot.child.exitCode).toBeNull();

      await proxy.restore();
      // The pool replaces the connections it lost on its own; the first command may still find one.
      await until(
        async () => /Japan defense/.test((await ask('topics')).text),
        15_000,
        'answers after the outage',
      );
      const after = await ask('japan-defense');
      expect(after.text).toMatch(/Kishida/);
      expect(bot.child.exitCode).toBeNull();
      expect(bot.stderr()).not.toMatch(/unhandled|uncaught/i);
    },
  );
});
