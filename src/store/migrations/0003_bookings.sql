-- 0003: desk booking — centre clocks and rules, bookings, series, waiting lists, calendar feeds.
-- Portable SQL (SQLite and PostgreSQL). The one guarantee that matters, never two holders of a post for a
-- slot, is the partial unique index bookings_one_holder: the database refuses a second live booking.

ALTER TABLE centres ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Paris';
ALTER TABLE centres ADD COLUMN open_on_public_holidays INTEGER NOT NULL DEFAULT 0;
-- Per-centre overrides of the network's booking rules; NULL = the network's default.
ALTER TABLE centres ADD COLUMN rule_horizon_days INTEGER;
ALTER TABLE centres ADD COLUMN rule_min_notice_minutes INTEGER;
ALTER TABLE centres ADD COLUMN rule_max_half_days_per_week INTEGER;
ALTER TABLE centres ADD COLUMN rule_no_show_morning_minute INTEGER;
ALTER TABLE centres ADD COLUMN rule_no_show_afternoon_minute INTEGER;

-- Network-wide settings (booking rule defaults, …), text values.
CREATE TABLE network_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE booking_series (
  id          INTEGER PRIMARY KEY,
  centre_id   INTEGER NOT NULL REFERENCES centres (id),
  person_id   INTEGER NOT NULL REFERENCES people (id),
  pattern     TEXT NOT NULL,          -- e.g. "2:morning 2:afternoon 4:afternoon" (ISO weekday:slot)
  from_date   TEXT NOT NULL,
  to_date     TEXT NOT NULL,          -- inclusive
  created_at  TEXT NOT NULL,
  created_by  INTEGER NOT NULL REFERENCES people (id)
);

CREATE TABLE bookings (
  id             INTEGER PRIMARY KEY,
  centre_id      INTEGER NOT NULL REFERENCES centres (id),
  post_id        INTEGER NOT NULL REFERENCES posts (id),
  person_id      INTEGER NOT NULL REFERENCES people (id),
  date           TEXT NOT NULL,       -- centre-local civil date, YYYY-MM-DD
  slot           TEXT NOT NULL CHECK (slot IN ('morning', 'afternoon')),
  status         TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
  series_id      INTEGER REFERENCES booking_series (id),
  created_at     TEXT NOT NULL,
  created_by     INTEGER NOT NULL REFERENCES people (id),
  checked_in_at  TEXT NOT NULL DEFAULT '',
  cancelled_at   TEXT NOT NULL DEFAULT '',
  cancelled_by   INTEGER REFERENCES people (id),
  cancel_reason  TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX bookings_one_holder ON bookings (post_id, date, slot) WHERE status IN ('booked', 'checked_in');
CREATE INDEX bookings_centre_date ON bookings (centre_id, date, slot);
CREATE INDEX bookings_person_date ON bookings (person_id, date);
CREATE INDEX bookings_series ON bookings (series_id) WHERE series_id IS NOT NULL;

-- People queueing for a slot at a centre when nothing is free; served first come, first served.
CREATE TABLE booking_waits (
  id          INTEGER PRIMARY KEY,
  centre_id   INTEGER NOT NULL REFERENCES centres (id),
  person_id   INTEGER NOT NULL REFERENCES people (id),
  date        TEXT NOT NULL,
  slot        TEXT NOT NULL CHECK (slot IN ('morning', 'afternoon')),
  created_at  TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('waiting', 'served', 'left', 'expired')),
  booking_id  INTEGER REFERENCES bookings (id)
);
CREATE UNIQUE INDEX booking_waits_once ON booking_waits (centre_id, person_id, date, slot) WHERE status = 'waiting';
CREATE INDEX booking_waits_queue ON booking_waits (centre_id, date, slot, id) WHERE status = 'waiting';

-- Calendar feeds at unguessable addresses: a person's bookings, or a centre's for its hosts. The token is the
-- address itself (shown again on the person's page), so it is kept as is; revoking replaces it.
CREATE TABLE calendar_feeds (
  token       TEXT PRIMARY KEY,
  person_id   INTEGER REFERENCES people (id),
  centre_id   INTEGER REFERENCES centres (id),
  created_at  TEXT NOT NULL,
  revoked_at  TEXT NOT NULL DEFAULT '',
  CHECK ((person_id IS NULL) <> (centre_id IS NULL))
);
CREATE INDEX calendar_feeds_person ON calendar_feeds (person_id) WHERE person_id IS NOT NULL;
