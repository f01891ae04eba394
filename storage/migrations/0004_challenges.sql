-- Daily challenges: a learner's own (/daily) and a class's (/challenge), their rounds and answers.
CREATE TABLE challenge_schedules (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('learner', 'class')),
    platform       TEXT NOT NULL,
    chat_id        TEXT NOT NULL,
    chat_kind      TEXT NOT NULL DEFAULT 'private',
    learner_id     INTEGER REFERENCES users(id) ON DELETE CASCADE,
    post_time      TEXT NOT NULL,            -- local 'HH:MM'
    timezone       TEXT NOT NULL,
    reveal_minutes INTEGER NOT NULL DEFAULT 0, -- 0: each answer is marked at once
    pool           TEXT NOT NULL,            -- 'level:A1' or 'list'
    locale         TEXT NOT NULL DEFAULT 'en',
    next_post_at   TEXT NOT NULL,            -- UTC; moved on by whoever posts (compare-and-set)
    active         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (kind, platform, chat_id)
);
CREATE INDEX challenge_schedules_due ON challenge_schedules(active, next_post_at);

CREATE TABLE word_lists (
    platform  TEXT NOT NULL,
    chat_id   TEXT NOT NULL,
    word      TEXT NOT NULL,
    added_at  TEXT NOT NULL,
    PRIMARY KEY (platform, chat_id, word)
);

-- The word of the day per pool: every chat on that pool shares it (and its one picture).
CREATE TABLE daily_words (
    pool  TEXT NOT NULL,
    day   TEXT NOT NULL,
    word  TEXT NOT NULL,
    PRIMARY KEY (pool, day)
);

CREATE TABLE challenge_rounds (
    id           INTEGER PRIMARY KEY,
    schedule_id  INTEGER REFERENCES challenge_schedules(id) ON DELETE CASCADE,
    platform     TEXT NOT NULL,
    chat_id      TEXT NOT NULL,
    day          TEXT NOT NULL,
    word         TEXT NOT NULL,
    choices      TEXT NOT NULL,              -- JSON list, the word among them
    image_id     INTEGER REFERENCES images(id) ON DELETE SET NULL,
    posted_at    TEXT NOT NULL,
    reveal_at    TEXT,                       -- NULL: no reveal (answers marked at once)
    timezone     TEXT NOT NULL DEFAULT 'UTC', -- for the times shown to the class
    state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'revealed')),
    claimed_at   TEXT,                       -- a process is sending it (a lease, see runner)
    sent_at      TEXT,
    UNIQUE (schedule_id, day)
);
CREATE INDEX challenge_rounds_reveal ON challenge_rounds(state, reveal_at);
CREATE INDEX challenge_rounds_unsent ON challenge_rounds(sent_at);
CREATE INDEX challenge_rounds_chat ON challenge_rounds(platform, chat_id, posted_at);

CREATE TABLE challenge_answers (
    round_id     INTEGER NOT NULL REFERENCES challenge_rounds(id) ON DELETE CASCADE,
    learner_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    answer       TEXT NOT NULL,
    correct      INTEGER NOT NULL,
    answered_at  TEXT NOT NULL,
    PRIMARY KEY (round_id, learner_id)
);
CREATE INDEX challenge_answers_learner ON challenge_answers(learner_id);
