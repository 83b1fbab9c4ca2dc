-- 0001: reference communes and the directory's centres.
-- Portable SQL (SQLite and PostgreSQL): INTEGER/BIGINT ids, TEXT, REAL, no vendor types.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('revision', 0);

CREATE TABLE communes (
  insee      TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  population INTEGER NOT NULL CHECK (population >= 0),
  postcodes  TEXT NOT NULL,            -- space-separated
  lat        REAL NOT NULL,
  lon        REAL NOT NULL,
  zrr        INTEGER NOT NULL DEFAULT 0 CHECK (zrr IN (0, 1))
);

CREATE TABLE centres (
  id                 INTEGER PRIMARY KEY,
  name               TEXT NOT NULL,
  host_authority     TEXT NOT NULL,
  commune_insee      TEXT NOT NULL REFERENCES communes (insee),
  address            TEXT NOT NULL,
  lat                REAL NOT NULL,
  lon                REAL NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('planned', 'opening', 'in_service', 'closed')),
  zrr_override       INTEGER CHECK (zrr_override IN (0, 1)),
  zrr_override_reason TEXT,
  reception          TEXT NOT NULL CHECK (reception IN ('none', 'secretariat', 'animator')),
  copier             INTEGER NOT NULL,
  fax                INTEGER NOT NULL,
  printer            INTEGER NOT NULL,
  broadband_down     REAL NOT NULL,
  broadband_up       REAL NOT NULL,
  meeting_room       INTEGER NOT NULL,
  videoconference    INTEGER NOT NULL,
  step_free          INTEGER NOT NULL,
  adapted_toilets    INTEGER NOT NULL,
  reserved_parking   INTEGER NOT NULL,
  erp_category       INTEGER CHECK (erp_category BETWEEN 1 AND 5),
  register_url       TEXT NOT NULL,
  specialities       TEXT NOT NULL,     -- newline-separated
  description        TEXT NOT NULL,
  CHECK ((zrr_override IS NULL) = (zrr_override_reason IS NULL))
);
CREATE INDEX centres_commune ON centres (commune_insee);

CREATE TABLE centre_status_history (
  centre_id INTEGER NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  status    TEXT NOT NULL,
  on_date   TEXT NOT NULL,              -- YYYY-MM-DD, civil date
  PRIMARY KEY (centre_id, seq)
);

CREATE TABLE offices (
  id        INTEGER PRIMARY KEY,
  centre_id INTEGER NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
  name      TEXT NOT NULL
);
CREATE INDEX offices_centre ON offices (centre_id);

CREATE TABLE posts (
  id        INTEGER PRIMARY KEY,
  office_id INTEGER NOT NULL REFERENCES offices (id) ON DELETE CASCADE,
  label     TEXT NOT NULL
);
CREATE INDEX posts_office ON posts (office_id);

CREATE TABLE opening_hours (
  centre_id    INTEGER NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
  weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  slot         TEXT NOT NULL CHECK (slot IN ('morning', 'afternoon')),
  open_minute  INTEGER NOT NULL,
  close_minute INTEGER NOT NULL,
  PRIMARY KEY (centre_id, weekday, slot),
  CHECK (open_minute < close_minute)
);

CREATE TABLE closures (
  centre_id INTEGER NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
  from_date TEXT NOT NULL,
  to_date   TEXT NOT NULL,              -- exclusive
  reason    TEXT NOT NULL,
  CHECK (from_date < to_date)
);
CREATE INDEX closures_centre ON closures (centre_id);
