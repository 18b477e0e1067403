// The PostgreSQL schema, as migrations applied in order by migrate.ts; `schema_version` records
// how many have run. The tables mirror the SQLite store's (src/store/migrations.ts) column for
// column, so both stores answer the same contract tests and `newsbrief migrate` copies rows as
// they are. Times the product compares as text (article dates, slots) stay ISO 8601 text, as in
// SQLite; coordination times (heartbeats, leases) are the server's timestamptz, so instances
// with skewed clocks still agree on who holds what. Never edit a shipped migration: append.

const v1 = `
CREATE TABLE articles (
  id            TEXT PRIMARY KEY,
  source_id     TEXT NOT NULL,
  url           TEXT,
  content_hash  TEXT NOT NULL,
  title         TEXT NOT NULL,
  outlet        TEXT NOT NULL,
  published_at  TEXT,
  fetched_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  text          TEXT NOT NULL,
  points        TEXT NOT NULL,            -- JSON array of key points
  story_id      TEXT,
  learned       BOOLEAN NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_hash ON articles (content_hash, fetched_at, id);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_time ON articles ((coalesce(published_at, fetched_at)));

CREATE TABLE article_sources (
  article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  source_id   TEXT NOT NULL,
  seen_at     TEXT NOT NULL,
  PRIMARY KEY (article_id, source_id)
);
CREATE INDEX article_sources_source ON article_sources (source_id);

CREATE TABLE article_topics (
  topic       TEXT NOT NULL,
  article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  relevance   DOUBLE PRECISION NOT NULL,
  at          TEXT NOT NULL,
  PRIMARY KEY (topic, article_id)
);
CREATE INDEX article_topics_article ON article_topics (article_id);
CREATE INDEX article_topics_recent ON article_topics (topic, at DESC, article_id);

CREATE TABLE article_signatures (
  article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  signature   TEXT NOT NULL
);
CREATE TABLE story_bands (
  band        BIGINT NOT NULL,
  article_id  TEXT NOT NULL,
  PRIMARY KEY (band, article_id)
);
CREATE INDEX story_bands_article ON story_bands (article_id);

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
  first_fetch_done      BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE meta (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);

CREATE TABLE subscriptions (
  id                    TEXT PRIMARY KEY,
  platform              TEXT NOT NULL,
  workspace_id          TEXT NOT NULL,
  channel_id            TEXT NOT NULL,
  topic                 TEXT NOT NULL,
  schedule              TEXT NOT NULL,
  when_label            TEXT NOT NULL,
  timezone              TEXT NOT NULL,
  created_by            TEXT NOT NULL,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  quiet_note            BOOLEAN NOT NULL DEFAULT false,
  state                 TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'failing', 'paused')),
  last_error            TEXT,
  consecutive_failures  INTEGER NOT NULL DEFAULT 0,
  from_config           BOOLEAN NOT NULL DEFAULT false,
  UNIQUE (platform, workspace_id, channel_id, topic)
);
CREATE INDEX subscriptions_schedule ON subscriptions (schedule, timezone);

-- The claim: one row per (subscription, slot), inserted before anything is posted. The primary
-- key is what makes a slot post at most once across every instance sharing the database.
-- claimed_by names the instance working on it, so a live instance's run is never taken over.
CREATE TABLE digest_runs (
  subscription_id  TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  slot             TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('claimed', 'posting', 'posted', 'nothing', 'failed', 'uncertain', 'skipped')),
  kind             TEXT,
  article_ids      TEXT,
  attempts         INTEGER NOT NULL DEFAULT 0,
  claimed_at       TEXT NOT NULL,
  finished_at      TEXT,
  error            TEXT,
  message_id       TEXT,
  claimed_by       TEXT,
  PRIMARY KEY (subscription_id, slot)
);
CREATE INDEX digest_runs_open ON digest_runs (state) WHERE state IN ('claimed', 'posting');

CREATE TABLE digest_deliveries (
  subscription_id  TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  article_id       TEXT NOT NULL,
  slot             TEXT NOT NULL,
  delivered_at     TEXT NOT NULL,
  PRIMARY KEY (subscription_id, article_id)
);
CREATE INDEX digest_deliveries_article ON digest_deliveries (article_id);

CREATE TABLE expired_articles (
  id          TEXT PRIMARY KEY,
  expired_at  TEXT NOT NULL
);

-- Instances sharing the database, each with its heartbeat: one whose heartbeat is older than
-- the lease time is dead, and its leases and open digest runs may be taken over.
CREATE TABLE instances (
  id            TEXT PRIMARY KEY,
  host          TEXT NOT NULL,
  pid           INTEGER NOT NULL,
  started_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  heartbeat_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Named leases: 'source:<id>' while an instance fetches that source, 'retention' for the day's
-- pruning. Taken when free or expired; a holder's heartbeat extends its short leases.
CREATE TABLE leases (
  name        TEXT PRIMARY KEY,
  holder      TEXT NOT NULL,
  expires_at  TIMESTAMPTZ NOT NULL,
  renewable   BOOLEAN NOT NULL DEFAULT true
);
`;

// Chat topics and links folded into an article (src/store/migrations.ts v5, the same tables).
const v2ChatTopicsAndAliases = `
-- Topics made from chat (/brief topic add), beside the config's topics; a config topic with the
-- same slug wins (src/services/chat-topics.ts).
CREATE TABLE chat_topics (
  slug        TEXT PRIMARY KEY,
  title       TEXT NOT NULL,
  keywords    TEXT NOT NULL,                -- JSON array of words and phrases
  exclude     TEXT NOT NULL DEFAULT '[]',   -- JSON array
  created_by  TEXT NOT NULL,                -- platform:user id
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- Links folded into an article because they carried its text (a syndicated copy under another
-- URL): the id the link would have had -> the article kept, so /brief why <that link> finds it.
CREATE TABLE article_aliases (
  id          TEXT PRIMARY KEY,
  article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  source_id   TEXT NOT NULL,
  seen_at     TEXT NOT NULL
);
CREATE INDEX article_aliases_article ON article_aliases (article_id);
`;

// Digests people read (src/store/migrations.ts v6, the same tables).
const v3DigestStories = `
-- Digests people read (threads, novelty per fact, feedback). Subscriptions say whether they
-- post threaded, how many stories a digest holds, and why threads could not be used.
ALTER TABLE subscriptions ADD COLUMN threads BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE subscriptions ADD COLUMN max_stories INTEGER NOT NULL DEFAULT 5;
ALTER TABLE subscriptions ADD COLUMN thread_note TEXT;

-- Every fact (a point's text) a subscription's channel was sent: no digest tells one again, as
-- the briefing's same-fact test decides. Expires with retention.
CREATE TABLE digest_facts (
  subscription_id  TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  slot             TEXT NOT NULL,
  text             TEXT NOT NULL,
  sent_at          TEXT NOT NULL
);
CREATE INDEX digest_facts_subscription ON digest_facts (subscription_id, sent_at);

-- The replies of a threaded digest, written with its posted parent and marked as each goes
-- out: a restart finishes them without a second parent, and this says which replies went out.
CREATE TABLE digest_replies (
  subscription_id  TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  slot             TEXT NOT NULL,
  position         INTEGER NOT NULL,
  parent_id        TEXT NOT NULL,
  thread_id        TEXT,
  payload          TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('pending', 'posting', 'posted', 'failed')),
  message_id       TEXT,
  error            TEXT,
  PRIMARY KEY (subscription_id, slot, position)
);
CREATE INDEX digest_replies_open ON digest_replies (state);

-- Stories the feedback buttons refer to (a short id fits Discord's 100-character custom ids).
CREATE TABLE story_refs (
  ref          TEXT PRIMARY KEY,
  topic        TEXT NOT NULL,
  article_ids  TEXT NOT NULL,
  headline     TEXT NOT NULL,
  created_at   TEXT NOT NULL
);

-- Who gave what on which story, per channel: one vote per person and story, and mutes.
CREATE TABLE story_feedback (
  platform      TEXT NOT NULL,
  workspace_id  TEXT NOT NULL,
  channel_id    TEXT NOT NULL,
  ref           TEXT NOT NULL,
  topic         TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('vote', 'mute')),
  verdict       TEXT NOT NULL CHECK (verdict IN ('up', 'down', 'mute')),
  given_at      TEXT NOT NULL,
  PRIMARY KEY (platform, workspace_id, channel_id, ref, user_id, kind)
);
CREATE INDEX story_feedback_time ON story_feedback (platform, workspace_id, given_at);

-- Articles of stories muted in a channel: a story citing any of them is never posted there; a
-- muted story's new articles are added as it develops.
CREATE TABLE story_mutes (
  platform      TEXT NOT NULL,
  workspace_id  TEXT NOT NULL,
  channel_id    TEXT NOT NULL,
  article_id    TEXT NOT NULL,
  muted_by      TEXT NOT NULL,
  muted_at      TEXT NOT NULL,
  PRIMARY KEY (platform, workspace_id, channel_id, article_id)
);
`;

const v4Search = `
-- Full-text index for /brief search (src/store/postgres/search.ts), the twin of SQLite's FTS5
-- table: a generated tsvector (English stemming, so "exports" finds "export"; title words
-- weighted A, text B) kept in step by PostgreSQL itself, and a GIN index over it. Adding the
-- column computes it for the articles already stored.
ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('english'::regconfig, title), 'A') ||
  setweight(to_tsvector('english'::regconfig, text), 'B')
) STORED;
CREATE INDEX articles_search ON articles USING GIN (search);
`;

// A thread reply found 'posting' after a stop is 'uncertain' (src/store/migrations.ts v7).
const v5UncertainReplies = `
ALTER TABLE digest_replies DROP CONSTRAINT digest_replies_state_check;
ALTER TABLE digest_replies ADD CONSTRAINT digest_replies_state_check
  CHECK (state IN ('pending', 'posting', 'posted', 'failed', 'uncertain'));
`;

/** Index i holds the SQL that takes the schema from version i to i + 1. */
export const postgresMigrations: string[] = [
  v1,
  v2ChatTopicsAndAliases,
  v3DigestStories,
  v4Search,
  v5UncertainReplies,
];
