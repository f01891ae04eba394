-- The Redis outbox sends one job per picture: a job waits while an identical one (same cache
-- key) is out, so finding unfinished jobs by cache key must be quick.
CREATE INDEX jobs_active_key ON jobs(cache_key) WHERE state IN ('queued', 'running');
