// A deployment for the store fault tests: a config with a folder of local articles (no network),
// a SQLite file that already holds them, and a way to count what is stored.
import { writeFileSync, mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tempWorkspaceForTest, type TempWorkspace } from '../support/workspace.js';

/** Four local articles on the topic, each a few sentences, as front-matter files. */
const ARTICLES = [
  [
    'okinawa',
    'Japan moves marines on Okinawa',
    'The United States and Japan agreed to reshape the marine presence on Okinawa. Officials said the change would take three years. Japan will pay part of the cost of the move.',
  ],
  [
    'tomahawk',
    'Japan to buy Tomahawk missiles',
    'Japan will buy four hundred Tomahawk missiles from the United States. The defense ministry said the first would arrive next year. The purchase is part of a larger defense build-up.',
  ],
  [
    'budget',
    'Japan raises defense budget',
    'Japan approved its largest defense budget since the war. The plan doubles spending within five years. Critics in parliament said the government had not explained how it would pay.',
  ],
  [
    'drill',
    'Japan and allies hold naval drill',
    'Japanese and allied ships held a naval drill near the southern islands. The defense ministry said twelve ships took part. The drill lasted four days.',
  ],
] as const;

export interface FaultDeployment {
  workspace: TempWorkspace;
  config: string;
  db: string;
  /** Environment for runBin: this config and database, no platform credentials. */
  env: Record<string, string>;
}

/** Writes the config and articles; the database is made by the caller (`ingest --once`). */
export function faultDeployment(): FaultDeployment {
  const workspace = tempWorkspaceForTest('newsbrief-faults-');
  const desk = workspace.path('desk');
  mkdirSync(desk);
  ARTICLES.forEach(([slug, title, text], i) =>
    writeFileSync(
      `${desk}/${slug}.md`,
      // Dated the last few days, so they are inside the briefing window whenever the test runs.
      `---\ntitle: ${title}\noutlet: Desk\npublished: ${new Date(Date.now() - (i + 1) * 86_400_000).toISOString().slice(0, 10)}\n---\n${text}\n`,
    ),
  );
  const config = workspace.path('newsbrief.yaml');
  writeFileSync(
    config,
    [
      'sources:',
      `  - id: desk`,
      `    type: dir`,
      `    path: ${desk}`,
      'topics:',
      '  - slug: japan-defense',
      '    title: Japan defense',
      '    keywords: [japan, defense, okinawa, tomahawk]',
      '',
    ].join('\n'),
  );
  const db = workspace.path('newsbrief.db');
  return { workspace, config, db, env: { NEWSBRIEF_CONFIG: config, NEWSBRIEF_DB: db } };
}

/** What is stored, read on a connection of the test's own (read-only, so it changes nothing). */
export function storedCounts(file: string): { articles: number; subscriptions: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      articles: one('SELECT count(*) AS n FROM articles'),
      subscriptions: one('SELECT count(*) AS n FROM subscriptions'),
    };
  } finally {
    db.close();
  }
}

/** The page (1-based) where a table's b-tree starts, to damage that table and no other. */
export function rootPage(file: string, table: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (
      db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number }
    ).rootpage;
  } finally {
    db.close();
  }
}

/** No stack trace, no raw SQLite error, no "internal error": what a person can read. */
export const readable = (text: string) =>
  !/\n\s+at |SqliteError|internal error|Something went wrong/.test(text);
