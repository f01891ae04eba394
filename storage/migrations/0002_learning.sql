-- The learning loop: what each learner is learning, their quizzes, spaced review and progress.

-- One row per word or sentence a learner has seen drawn: the thing that is quizzed and reviewed.
CREATE TABLE items (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('word', 'sentence')),
    text        TEXT NOT NULL,
    image_id    INTEGER REFERENCES images(id) ON DELETE SET NULL,
    sense       TEXT,
    created_at  TEXT NOT NULL,
    UNIQUE (user_id, kind, text)
);

-- The FSRS card of an item (JSON from the fsrs package) and when it is next due.
CREATE TABLE review_cards (
    item_id     INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    card        TEXT NOT NULL,
    due         TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX review_cards_due ON review_cards(due);

CREATE TABLE review_log (
    id           INTEGER PRIMARY KEY,
    item_id      INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    rating       INTEGER NOT NULL,
    correct      INTEGER NOT NULL,
    question     TEXT NOT NULL,
    reviewed_at  TEXT NOT NULL,
    local_day    TEXT NOT NULL
);
CREATE INDEX review_log_user_day ON review_log(user_id, local_day);

CREATE TABLE quizzes (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    source       TEXT NOT NULL CHECK (source IN ('picture', 'round', 'review', 'daily')),
    created_at   TEXT NOT NULL,
    finished_at  TEXT
);

CREATE TABLE questions (
    id           INTEGER PRIMARY KEY,
    quiz_id      INTEGER NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    item_id      INTEGER REFERENCES items(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('pick_word', 'pick_picture', 'pick_sentence',
                                               'type_word')),
    image_id     INTEGER REFERENCES images(id) ON DELETE SET NULL,
    options      TEXT NOT NULL DEFAULT '[]',
    answer       TEXT NOT NULL,
    tries        INTEGER NOT NULL DEFAULT 0,
    asked_at     TEXT,
    answered_at  TEXT,
    correct      INTEGER
);
CREATE INDEX questions_quiz ON questions(quiz_id, position);

-- Streak, freeze and XP per learner; XP comes from correct recall only.
CREATE TABLE progress (
    user_id      INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    xp           INTEGER NOT NULL DEFAULT 0,
    streak       INTEGER NOT NULL DEFAULT 0,
    best_streak  INTEGER NOT NULL DEFAULT 0,
    last_day     TEXT,
    freeze_week  TEXT
);

-- One-time codes that join two platform accounts into one learner.
CREATE TABLE link_codes (
    code         TEXT PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at   TEXT NOT NULL,
    used_at      TEXT
);

CREATE TABLE link_attempts (
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    attempted_at TEXT NOT NULL
);
CREATE INDEX link_attempts_user ON link_attempts(user_id, attempted_at);
