// Schema migrations, applied in order by db.ts; the database records how many have run.
// Never edit a migration that has shipped: add a new one at the end.

const v1Articles = `
-- One row per distinct article, however many feeds or URLs reached it.
CREATE TABLE articles (
  id            TEXT PRIMARY KEY,
  source_id     TEXT NOT NULL,              -- the source that first brought it
  url           TEXT,                       -- canonical URL; NULL for local files
  content_hash  TEXT NOT NULL,              -- hash of the cleaned text, to catch the same text under another URL
  title         TEXT NOT NULL,
  outlet        TEXT NOT NULL,
  published_at  TEXT,                       -- ISO 8601, NULL when the source gave none
  fetched_at    TEXT NOT NULL,              -- first stored
  updated_at    TEXT NOT NULL,
  text          TEXT NOT NULL,              -- cleaned text
  points        TEXT NOT NULL,              -- JSON array of key points, computed once at ingest
  story_id      TEXT,                       -- near-duplicates (one wire story, several outlets) share it
  learned       INTEGER NOT NULL DEFAULT 0  -- 1: backlog recorded on a source's first fetch; never announced as news
);
CREATE UNIQUE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_hash ON articles (content_hash);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_time ON articles (coalesce(published_at, fetched_at));

-- Every source that carried an article (one article through two feeds is stored once).
CREATE TABLE article_sources (
  article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  source_id   TEXT NOT NULL,
  seen_at     TEXT NOT NULL,
  PRIMARY KEY (article_id, source_id)
);
CREATE INDEX article_sources_source ON article_sources (source_id);

-- Which topics each article belongs to, with its relevance; recomputed when topics change.
CREATE TABLE article_topics (
  topic       TEXT NOT NULL,
  article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  relevance   REAL NOT NULL,
  PRIMARY KEY (topic, article_id)
);
CREATE INDEX article_topics_article ON article_topics (article_id);

-- Fetch state per configured source.
CREATE TABLE sources (
  id                    TEXT PRIMARY KEY,
  type                  TEXT NOT NULL,
  etag                  TEXT,
  last_modified         TEXT,
  last_attempt_at       TEXT,
  last_success_at       TEXT,
  last_error            TEXT,
  consecutive_failures  INTEGER NOT NULL DEFAULT 0,
  next_attempt_at       TEXT,
  first_fetch_done      INTEGER NOT NULL DEFAULT 0   -- learning: 0 until the backlog has been recorded
);

-- Small key/value facts about the store itself (e.g. the fingerprint of the topics last tagged).
CREATE TABLE meta (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);
`;

/** Index i holds the SQL that takes the schema from version i to i + 1. */
export const migrations: string[] = [
  v1Articles,
  // --- digests (subscriptions, runs, deliveries) append their migration below ---
];
