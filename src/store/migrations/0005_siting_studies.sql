-- 0005: siting studies run in the background. The request and the result are JSON text written by the service;
-- progress and the cancel flag live here, not in a process's memory, so that any server can show or stop a run.
-- Portable SQL (SQLite and PostgreSQL).

CREATE TABLE siting_studies (
  id               INTEGER PRIMARY KEY,
  created_by       INTEGER NOT NULL REFERENCES people (id),
  title            TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  started_at       TEXT NOT NULL DEFAULT '',
  heartbeat_at     TEXT NOT NULL DEFAULT '',
  finished_at      TEXT NOT NULL DEFAULT '',
  status           TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  progress         REAL NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 1),
  stage            TEXT NOT NULL DEFAULT '',
  cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
  request_json     TEXT NOT NULL,
  result_json      TEXT NOT NULL DEFAULT '',
  error_fr         TEXT NOT NULL DEFAULT '',
  error_en         TEXT NOT NULL DEFAULT '',
  error_field      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX siting_studies_status ON siting_studies (status, id);
CREATE INDEX siting_studies_created_by ON siting_studies (created_by);
