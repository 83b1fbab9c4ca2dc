-- 0006: the network's animation — events (information meetings, training sessions, advice appointments, fairs…)
-- and registrations to them, with a waiting list and attendance. Portable SQL (SQLite and PostgreSQL).

CREATE TABLE events (
  id            INTEGER PRIMARY KEY,
  type          TEXT NOT NULL CHECK (type IN ('information_meeting', 'training', 'advice', 'fair', 'colloquium',
                                              'press_conference', 'film_screening', 'contest')),
  title         TEXT NOT NULL,
  description   TEXT NOT NULL,
  date          TEXT NOT NULL,            -- YYYY-MM-DD, local civil date
  start_minute  INTEGER NOT NULL CHECK (start_minute >= 0 AND start_minute < 1440),
  end_minute    INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),
  zone          TEXT NOT NULL,
  centre_id     INTEGER REFERENCES centres (id),
  commune_insee TEXT NOT NULL,
  address       TEXT NOT NULL,
  capacity      INTEGER NOT NULL CHECK (capacity >= 0),
  audiences     TEXT NOT NULL,            -- space-separated names, e.g. 'teleworkers public'
  organiser     INTEGER NOT NULL REFERENCES people (id),
  cancelled     INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  created_at    TEXT NOT NULL
);
CREATE INDEX events_date ON events (date);

CREATE TABLE event_registrations (
  id          INTEGER PRIMARY KEY,
  event_id    INTEGER NOT NULL REFERENCES events (id),
  person_id   INTEGER REFERENCES people (id),
  name        TEXT NOT NULL,
  email       TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
  token       TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  reminded_at TEXT NOT NULL DEFAULT '',
  attended    INTEGER CHECK (attended IN (0, 1))
);
CREATE INDEX event_registrations_event ON event_registrations (event_id, status, id);
-- One live registration per e-mail and event: registering twice is a conflict, not a second place.
CREATE UNIQUE INDEX event_registrations_once ON event_registrations (event_id, email) WHERE status <> 'cancelled';
