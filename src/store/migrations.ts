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
  at          TEXT NOT NULL,              -- the article's published (else fetched) time, copied here so
                                          -- a topic's newest articles are one index range, not a sort
  PRIMARY KEY (topic, article_id)
);
CREATE INDEX article_topics_article ON article_topics (article_id);
CREATE INDEX article_topics_recent ON article_topics (topic, at DESC, article_id);

-- Near-duplicate index: each article's MinHash signature (src/core/stories.ts) and its band keys,
-- so a new article finds earlier copies of the same wire story by equality lookups.
CREATE TABLE article_signatures (
  article_id  TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  signature   TEXT NOT NULL                 -- JSON array of unsigned 32-bit integers
);
-- No foreign key here: enforcing one would need a second index on article_id (32 rows per
-- article); lookups join through articles, so a row left by a deleted article is never a match.
CREATE TABLE story_bands (
  band        INTEGER NOT NULL,             -- band number * 2^32 + hash of the band's rows
  article_id  TEXT NOT NULL,
  PRIMARY KEY (band, article_id)
) WITHOUT ROWID;

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

const v2Digests = `
-- A channel's digest of a topic: from chat (/brief subscribe) or declared in the config file.
CREATE TABLE subscriptions (
  id                    TEXT PRIMARY KEY,
  platform              TEXT NOT NULL,                -- slack | discord | console
  workspace_id          TEXT NOT NULL,                -- team / guild id; '' when the config names none
  channel_id            TEXT NOT NULL,
  topic                 TEXT NOT NULL,
  schedule              TEXT NOT NULL,                -- cron, 5 or 6 fields
  when_label            TEXT NOT NULL,                -- what people read: "daily 08:00"
  timezone              TEXT NOT NULL,                -- IANA
  created_by            TEXT NOT NULL,                -- user id, or 'config'
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  quiet_note            INTEGER NOT NULL DEFAULT 0,   -- 1: post "all quiet" when nothing is new
  state                 TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'failing', 'paused')),
  last_error            TEXT,
  consecutive_failures  INTEGER NOT NULL DEFAULT 0,   -- permanent failures in a row; pauses at a limit
  from_config           INTEGER NOT NULL DEFAULT 0,
  UNIQUE (platform, workspace_id, channel_id, topic)
);
CREATE INDEX subscriptions_schedule ON subscriptions (schedule, timezone);

-- One row per (subscription, slot), inserted (INSERT OR IGNORE) before anything is posted: the
-- claim that makes a slot post at most once, across restarts and crashes.
CREATE TABLE digest_runs (
  subscription_id  TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  slot             TEXT NOT NULL,                     -- the scheduled time, ISO 8601 UTC
  state            TEXT NOT NULL CHECK (state IN ('claimed', 'posting', 'posted', 'nothing', 'failed', 'uncertain', 'skipped')),
  kind             TEXT,                              -- first | new | quiet, once decided
  article_ids      TEXT,                              -- JSON array of what this run carries
  attempts         INTEGER NOT NULL DEFAULT 0,
  claimed_at       TEXT NOT NULL,
  finished_at      TEXT,
  error            TEXT,
  message_id       TEXT,
  PRIMARY KEY (subscription_id, slot)
);
CREATE INDEX digest_runs_state ON digest_runs (state);

-- Every article a subscription's channel has been sent, so no digest repeats one.
CREATE TABLE digest_deliveries (
  subscription_id  TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  article_id       TEXT NOT NULL,
  slot             TEXT NOT NULL,
  delivered_at     TEXT NOT NULL,
  PRIMARY KEY (subscription_id, article_id)
);
`;

const v3Retention = `
-- Articles deleted by the retention policy (src/store/retention.ts). Only the id is kept, so an
-- expired article that a feed still carries is recognised and never stored or announced again.
CREATE TABLE expired_articles (
  id          TEXT PRIMARY KEY,
  expired_at  TEXT NOT NULL
) WITHOUT ROWID;
`;

const v4Search = `
-- Full-text index for /brief search (src/store/search.ts): title and text of every article, kept
-- in step by triggers, stemmed with Porter over unicode61. External content: the text is stored
-- once, in articles. (VACUUM may renumber the rowids of a table without an INTEGER PRIMARY KEY;
-- after one, run INSERT INTO articles_fts(articles_fts) VALUES ('rebuild'). newsbrief never does.)
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, content = 'articles', content_rowid = 'rowid',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
  INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
  INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
-- Backfill: index the articles stored before this migration.
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
`;

const v5ChatTopicsAndAliases = `
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

const v6DigestStories = `
-- Digests people read (threads, novelty per fact, feedback). Subscriptions say whether they
-- post threaded, how many stories a digest holds, and why threads could not be used.
ALTER TABLE subscriptions ADD COLUMN threads INTEGER NOT NULL DEFAULT 0;
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

const v7UncertainReplies = `
-- A thread reply found 'posting' after a stop may have arrived: it is recorded 'uncertain' and
-- not posted again (digests/threads.ts). SQLite cannot change a CHECK in place: the table is
-- copied into one that allows the new state.
CREATE TABLE digest_replies_v7 (
  subscription_id  TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  slot             TEXT NOT NULL,
  position         INTEGER NOT NULL,
  parent_id        TEXT NOT NULL,
  thread_id        TEXT,
  payload          TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('pending', 'posting', 'posted', 'failed', 'uncertain')),
  message_id       TEXT,
  error            TEXT,
  PRIMARY KEY (subscription_id, slot, position)
);
INSERT INTO digest_replies_v7 (subscription_id, slot, position, parent_id, thread_id, payload, state, message_id, error)
  SELECT subscription_id, slot, position, parent_id, thread_id, payload, state, message_id, error FROM digest_replies;
DROP TABLE digest_replies;
ALTER TABLE digest_replies_v7 RENAME TO digest_replies;
CREATE INDEX digest_replies_open ON digest_replies (state);
`;

/** Index i holds the SQL that takes the schema from version i to i + 1. */
export const migrations: string[] = [
  v1Articles,
  // --- digests (subscriptions, runs, deliveries) append their migration below ---
  v2Digests,
  v3Retention,
  v4Search,
  v5ChatTopicsAndAliases,
  v6DigestStories,
  v7UncertainReplies,
];
