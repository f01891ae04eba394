-- Requests the safety checks refused, kept for teachers to review (/flags, dashboard).
CREATE TABLE flags (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER REFERENCES users(id) ON DELETE CASCADE,
    platform     TEXT NOT NULL,
    chat_id      TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('prompt', 'image')),
    text         TEXT NOT NULL,
    reason       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    reviewed_at  TEXT
);
CREATE INDEX flags_user_time ON flags(user_id, created_at);
CREATE INDEX flags_chat_time ON flags(platform, chat_id, created_at);
