-- 0002: people, their roles and sessions, API tokens, sign-in throttling, applications, audit log, consents,
-- and the mail outbox. Timestamps are ISO 8601 UTC text ("2026-11-26T07:30:00Z"), which sorts lexically.

CREATE TABLE people (
  id            INTEGER PRIMARY KEY,
  email         TEXT UNIQUE,             -- lower-case; NULL once erased
  password_hash TEXT,                    -- Argon2id (libsodium crypto_pwhash_str); NULL = cannot sign in
  created_at    TEXT NOT NULL,
  erased_at     TEXT,                    -- personal fields anonymised (RGPD erasure)
  -- profile
  display_name  TEXT NOT NULL DEFAULT '',
  home_insee    TEXT REFERENCES communes (insee),
  category      TEXT,
  workplace_insee TEXT REFERENCES communes (insee),
  employer      TEXT NOT NULL DEFAULT '',
  need_step_free INTEGER NOT NULL DEFAULT 0,
  need_fax      INTEGER NOT NULL DEFAULT 0,
  need_printing INTEGER NOT NULL DEFAULT 0,
  need_videoconference INTEGER NOT NULL DEFAULT 0,
  rqth          INTEGER CHECK (rqth IN (0, 1))   -- recognised disability: sensitive, optional
);

CREATE TABLE person_roles (
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  role      TEXT NOT NULL CHECK (role IN ('teleworker', 'host', 'animator', 'admin')),
  PRIMARY KEY (person_id, role)
);

-- The centres a host (personnel d'accueil) works for.
CREATE TABLE host_centres (
  person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  centre_id INTEGER NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
  PRIMARY KEY (person_id, centre_id)
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,           -- SHA-256 of the cookie's token; the token itself is never stored
  person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE api_tokens (
  id         INTEGER PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  label      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_tokens_person ON api_tokens (person_id);

CREATE TABLE password_resets (
  token_hash TEXT PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at    TEXT
);

-- Failed sign-ins per key ("email:…" or "addr:…"), shared by every server on the database.
CREATE TABLE sign_in_throttle (
  key           TEXT PRIMARY KEY,
  failures      INTEGER NOT NULL,
  last_failure  TEXT NOT NULL,
  blocked_until TEXT NOT NULL
);

CREATE TABLE applications (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  centre_id     INTEGER NOT NULL REFERENCES centres (id),
  rank          INTEGER NOT NULL CHECK (rank >= 1),
  days_per_week INTEGER NOT NULL CHECK (days_per_week BETWEEN 1 AND 5),
  start_date    TEXT NOT NULL,
  motivation    TEXT NOT NULL,
  heard_from    TEXT NOT NULL DEFAULT '',  -- how the applicant heard of the network (communication plan)
  state         TEXT NOT NULL CHECK (state IN ('submitted', 'under_review', 'accepted', 'waitlisted', 'declined',
                                                'active', 'ended', 'withdrawn')),
  submitted_at  TEXT NOT NULL,
  state_since   TEXT NOT NULL
);
CREATE INDEX applications_person ON applications (person_id);
CREATE INDEX applications_centre_state ON applications (centre_id, state);

CREATE TABLE application_events (
  application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  from_state     TEXT NOT NULL,
  to_state       TEXT NOT NULL,
  by_person      INTEGER,               -- NULL when the system did it
  at             TEXT NOT NULL,
  message        TEXT NOT NULL,
  PRIMARY KEY (application_id, seq)
);

CREATE TABLE consents (
  person_id      INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  notice_version TEXT NOT NULL,          -- version of the privacy notice agreed to
  given_at       TEXT NOT NULL,
  PRIMARY KEY (person_id, notice_version)
);

-- Who did what, when: role changes, decisions, erasures. Readable by admins; never holds passwords or tokens.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor_id  INTEGER,                     -- NULL for the command line or the system
  action    TEXT NOT NULL,
  subject   TEXT NOT NULL,
  detail    TEXT NOT NULL
);

-- Mail to send, written in the same transaction as what caused it, delivered by a background sender.
CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  recipient  TEXT NOT NULL,
  subject    TEXT NOT NULL,
  body       TEXT NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  next_try   TEXT NOT NULL,
  sent_at    TEXT,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_pending ON outbox (sent_at, next_try);
