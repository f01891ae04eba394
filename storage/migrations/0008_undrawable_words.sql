-- Words learners asked for that the loaded model could not draw (or whose picture failed the
-- check), counted per model so the teacher dashboard and `pictolingo eval` show the gaps.
CREATE TABLE undrawable_words (
    model       TEXT NOT NULL,
    word        TEXT NOT NULL,
    asked       INTEGER NOT NULL DEFAULT 0,
    reason      TEXT NOT NULL,
    last_asked  TEXT NOT NULL,
    PRIMARY KEY (model, word)
);
-- Who asked (to count learners, not requests); gone with the learner (/forget).
CREATE TABLE undrawable_askers (
    model       TEXT NOT NULL,
    word        TEXT NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (model, word, user_id)
);
