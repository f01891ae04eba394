-- Learners, their requests (history), generation jobs, pictures and the picture cache.
-- Only platform ids are stored: never names, usernames or phone numbers.

CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    created_at  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    settings    TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE identities (
    platform          TEXT NOT NULL,
    platform_user_id  TEXT NOT NULL,
    user_id           INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (platform, platform_user_id)
);
CREATE INDEX identities_user ON identities(user_id);

CREATE TABLE chats (
    platform    TEXT NOT NULL,
    chat_id     TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('private', 'group')),
    active      INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (platform, chat_id)
);

-- Content-addressed pictures: the file lives at images/<sha[:2]>/<sha>.png under the data dir.
CREATE TABLE images (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    seed        INTEGER NOT NULL,
    params      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- The same generation parameters always map to the same picture.
CREATE TABLE picture_cache (
    cache_key   TEXT PRIMARY KEY,
    image_id    INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE
);

-- Platform file ids (e.g. Telegram file_id) remembered per picture, so it is uploaded once.
CREATE TABLE platform_files (
    image_id    INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
    platform    TEXT NOT NULL,
    file_id     TEXT NOT NULL,
    PRIMARY KEY (image_id, platform)
);

CREATE TABLE jobs (
    id            INTEGER PRIMARY KEY,
    owner         TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
    priority      INTEGER NOT NULL DEFAULT 0,
    -- Start-time fair queueing: a learner's next job gets the turn after their previous one,
    -- but never earlier than the turn being served now, so nobody can jump the line.
    turn          INTEGER NOT NULL DEFAULT 0,
    purpose       TEXT NOT NULL,
    cache_key     TEXT NOT NULL,
    batch_key     TEXT NOT NULL,
    request       TEXT NOT NULL,
    delivery      TEXT NOT NULL DEFAULT '{}',
    attempts      INTEGER NOT NULL DEFAULT 0,
    image_id      INTEGER REFERENCES images(id) ON DELETE SET NULL,
    error         TEXT,
    created_at    TEXT NOT NULL,
    started_at    TEXT,
    finished_at   TEXT,
    -- Delivery is two-phase: claimed before sending, confirmed after. A job claimed but never
    -- confirmed (the process died mid-send) gets a short notice, never a second picture.
    claimed_at    TEXT,
    delivered_at  TEXT
);
CREATE INDEX jobs_waiting ON jobs(priority, turn, id) WHERE state = 'queued';
CREATE INDEX jobs_active_owner ON jobs(owner, turn) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_started_turn ON jobs(turn) WHERE started_at IS NOT NULL;
CREATE INDEX jobs_undelivered ON jobs(finished_at) WHERE delivered_at IS NULL AND state IN ('done', 'failed');
CREATE INDEX jobs_owner_day ON jobs(owner, created_at);

-- What a learner asked for: their /history.
CREATE TABLE requests (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('word', 'sentence')),
    text        TEXT NOT NULL,
    job_id      INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
    image_id    INTEGER REFERENCES images(id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX requests_user_newest ON requests(user_id, id DESC);

-- Full-text search over a learner's own requests: the owner column ("u<id>") lets FTS5
-- intersect posting lists instead of filtering every match of a common word.
CREATE VIRTUAL TABLE requests_fts USING fts5(
    text, owner, tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER requests_ai AFTER INSERT ON requests BEGIN
    INSERT INTO requests_fts(rowid, text, owner) VALUES (new.id, new.text, 'u' || new.user_id);
END;
CREATE TRIGGER requests_ad AFTER DELETE ON requests BEGIN
    DELETE FROM requests_fts WHERE rowid = old.id;
END;
CREATE TRIGGER requests_au AFTER UPDATE OF user_id, text ON requests BEGIN
    UPDATE requests_fts SET text = new.text, owner = 'u' || new.user_id WHERE rowid = old.id;
END;

-- Updates already handled, so a platform's re-delivery is processed once.
CREATE TABLE processed_updates (
    platform    TEXT NOT NULL,
    update_id   TEXT NOT NULL,
    seen_at     TEXT NOT NULL,
    PRIMARY KEY (platform, update_id)
);

-- Small per-learner dialogue state (e.g. the last /history search), so a restart loses nothing.
CREATE TABLE sessions (
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
);
