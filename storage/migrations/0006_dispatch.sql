-- With the Redis backend, the jobs table is the outbox: a job is sent to Redis once, and again
-- only if no worker has answered for a long time (e.g. Redis lost its data).
ALTER TABLE jobs ADD COLUMN dispatched_at TEXT;
CREATE INDEX jobs_undispatched ON jobs(state, dispatched_at);
