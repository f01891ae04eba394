-- Button data too long for a platform (Telegram: 64 bytes, Discord: 100 characters) travels as
-- a short token; the data stays here, so buttons keep working after a restart.
CREATE TABLE button_data (
    id          INTEGER PRIMARY KEY,
    data        TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);
