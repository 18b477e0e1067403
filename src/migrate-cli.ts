// `newsbrief migrate --from FILE --to postgres://…`: copies a SQLite deployment (articles and
// their tags, sources and their fetch state, subscriptions, digest runs and deliveries) into a
// PostgreSQL database, table by table in batches, with progress on stderr. Idempotent: a row
// already there is left alone when unchanged and brought up to date when the SQLite copy moved
// on, so running it again (say once while the bot runs, once after stopping it) copies only what
// is new or changed, and a run with nothing new copies nothing. Rows are never deleted.
import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { storeLocation } from './config/index.js';
import { openDatabase, StoreError } from './store/db.js';
import { openPostgresStore, PostgresOpenError, type PostgresStore } from './store/postgres/index.js';

/** Tables in dependency order (parents first), with their key columns. */
const TABLES: { name: string; key: string[] }[] = [
  { name: 'sources', key: ['id'] },
  { name: 'meta', key: ['key'] },
  { name: 'articles', key: ['id'] },
  { name: 'article_sources', key: ['article_id', 'source_id'] },
  { name: 'article_topics', key: ['topic', 'article_id'] },
  { name: 'article_signatures', key: ['article_id'] },
  { name: 'story_bands', key: ['band', 'article_id'] },
  { name: 'expired_articles', key: ['id'] },
  { name: 'subscriptions', key: ['id'] },
  { name: 'digest_runs', key: ['subscription_id', 'slot'] },
  { name: 'digest_deliveries', key: ['subscription_id', 'article_id'] },
];

const BATCH = 1000;

export interface MigrateCounts {
  table: string;
  rows: number;
  inserted: number;
  updated: number;
}

export interface MigrateOptions {
  from: string;
  to: string;
  stderr: NodeJS.WritableStream;
  /** Rows per INSERT (tests use small batches to exercise the paging). */
  batch?: number;
}

/** Copies every table; returns the counts per table. Throws on a database error. */
export async function copySqliteToPostgres(
  sqlite: Database.Database,
  store: PostgresStore,
  onProgress: (table: string, done: number, total: number) => void,
  batch = BATCH,
): Promise<MigrateCounts[]> {
  const out: MigrateCounts[] = [];
  for (const { name, key } of TABLES) {
    const columns = (
      sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]
    ).map((c) => c.name);
    const total = (sqlite.prepare(`SELECT count(*) AS n FROM ${name}`).get() as { n: number }).n;
    const counts: MigrateCounts = { table: name, rows: total, inserted: 0, updated: 0 };
    const rest = columns.filter((c) => !key.includes(c));
    const list = columns.join(', ');
    // Insert what is missing; update a row only when it differs (so a re-run writes nothing).
    const update =
      rest.length === 0
        ? 'DO NOTHING'
        : `DO UPDATE SET ${rest.map((c) => `${c} = excluded.${c}`).join(', ')}
           WHERE (${rest.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${rest.map((c) => `excluded.${c}`).join(', ')})`;
    const sql = `INSERT INTO ${name} AS t (${list})
      SELECT ${list} FROM json_populate_recordset(NULL::${name}, $1::json)
      ON CONFLICT (${key.join(', ')}) ${update}
      RETURNING (xmax = 0) AS inserted`;
    // Pages in key order. If the bot keeps writing meanwhile a page may shift by a row; the
    // second run (after stopping the bot) picks up anything the first one missed.
    const order = key.join(', ');
    const select = sqlite.prepare(`SELECT ${list} FROM ${name} ORDER BY ${order} LIMIT ? OFFSET ?`);
    let done = 0;
    for (;;) {
      const rows = select.all(batch, done) as Record<string, unknown>[];
      if (rows.length === 0) break;
      const r = await store.withTransaction(() =>
        store.pg.query<{ inserted: boolean }>(sql, [JSON.stringify(rows)]),
      );
      for (const row of r.rows) {
        if (row.inserted) counts.inserted += 1;
        else counts.updated += 1;
      }
      done += rows.length;
      onProgress(name, done, total);
      if (rows.length < batch) break;
    }
    out.push(counts);
  }
  return out;
}

const n = (x: number) => x.toLocaleString('en-US');

export async function runMigrate(options: MigrateOptions): Promise<number> {
  const { stderr } = options;
  const say = (line: string) => stderr.write(`${line}\n`);
  const target = storeLocation(options.to);
  if (typeof target === 'string' || target.kind !== 'postgres') {
    say('newsbrief migrate: --to must be a postgres:// URL, like postgres://user@host:5432/newsbrief');
    return 2;
  }
  const from = storeLocation(options.from);
  if (typeof from === 'string' || from.kind !== 'sqlite') {
    say('newsbrief migrate: --from must be the SQLite database file to copy');
    return 2;
  }
  if (!existsSync(from.path)) {
    say(`newsbrief migrate: there is no SQLite database at ${from.path}`);
    return 2;
  }
  let sqlite: Database.Database;
  try {
    // Opening applies any pending SQLite migrations first, so every table has today's columns.
    sqlite = openDatabase(from.path);
  } catch (err) {
    say(`newsbrief migrate: ${err instanceof StoreError ? err.message : String(err)}`);
    return 1;
  }
  let store: PostgresStore | undefined;
  try {
    store = await openPostgresStore(target.url, { max: 2 });
    say(`Copying ${from.path} into PostgreSQL…`);
    let last = '';
    const counts = await copySqliteToPostgres(
      sqlite,
      store,
      (table, done, total) => {
        const line = `  ${table}: ${n(done)} of ${n(total)} rows read`;
        if (line !== last && (done === total || done % (BATCH * 10) === 0)) say(line);
        last = line;
      },
      options.batch,
    );
    const inserted = counts.reduce((s, c) => s + c.inserted, 0);
    const updated = counts.reduce((s, c) => s + c.updated, 0);
    for (const c of counts)
      if (c.rows > 0)
        say(
          `  ${c.table}: ${n(c.inserted)} copied, ${n(c.updated)} updated, ${n(c.rows - c.inserted - c.updated)} already there`,
        );
    say(
      inserted + updated === 0
        ? 'Nothing new to copy: the PostgreSQL database already has everything.'
        : `Done: ${n(inserted)} rows copied, ${n(updated)} updated.`,
    );
    return 0;
  } catch (err) {
    say(
      `newsbrief migrate: ${err instanceof PostgresOpenError ? err.message : `copy failed: ${(err as Error).message}`}`,
    );
    return 1;
  } finally {
    sqlite.close();
    await store?.close();
  }
}
