-- 0004: network administration — status overrides, dated ZRR reclassifications, the council's equipment,
-- occupancy agreements and the grant's rulesets (DIACT-2006 shipped).
-- Portable SQL (SQLite and PostgreSQL). Money is integer cents (BIGINT).

ALTER TABLE centre_status_history ADD COLUMN override_reason TEXT;

CREATE TABLE zrr_changes (
  insee     TEXT NOT NULL REFERENCES communes (insee),
  from_date TEXT NOT NULL,             -- YYYY-MM-DD: classified (or not) from this day on
  zrr       INTEGER NOT NULL CHECK (zrr IN (0, 1)),
  note      TEXT NOT NULL,
  PRIMARY KEY (insee, from_date)
);

CREATE TABLE equipment (
  id            INTEGER PRIMARY KEY,
  centre_id     INTEGER NOT NULL REFERENCES centres (id),
  category      TEXT NOT NULL CHECK (category IN ('furniture', 'computer', 'screen', 'copier', 'other')),
  description   TEXT NOT NULL,
  serial_number TEXT NOT NULL,
  delivered_on  TEXT,                  -- YYYY-MM-DD
  state         TEXT NOT NULL CHECK (state IN ('in_use', 'broken', 'returned')),
  note          TEXT NOT NULL
);
CREATE INDEX equipment_centre ON equipment (centre_id);

CREATE TABLE occupancy_agreements (
  id           INTEGER PRIMARY KEY,
  centre_id    INTEGER NOT NULL REFERENCES centres (id),
  post_id      INTEGER NOT NULL REFERENCES posts (id),
  person_id    INTEGER NOT NULL REFERENCES people (id),
  from_date    TEXT NOT NULL,
  to_date      TEXT,                   -- inclusive; NULL: open-ended
  ended_on     TEXT,                   -- inclusive last day when ended early
  ended_reason TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  CHECK (to_date IS NULL OR from_date <= to_date),
  CHECK (ended_on IS NULL OR from_date <= ended_on)
);
CREATE INDEX agreements_centre ON occupancy_agreements (centre_id);
CREATE INDEX agreements_post ON occupancy_agreements (post_id);
CREATE INDEX agreements_person ON occupancy_agreements (person_id);

CREATE TABLE grant_rulesets (
  id                   INTEGER PRIMARY KEY,
  name                 TEXT NOT NULL UNIQUE,
  description          TEXT NOT NULL,
  valid_from           TEXT NOT NULL,
  valid_to             TEXT,           -- inclusive; NULL: still in force
  centre_zrr_cents     BIGINT NOT NULL CHECK (centre_zrr_cents >= 0),
  centre_other_cents   BIGINT NOT NULL CHECK (centre_other_cents >= 0),
  post_zrr_cents       BIGINT NOT NULL CHECK (post_zrr_cents >= 0),
  post_other_cents     BIGINT NOT NULL CHECK (post_other_cents >= 0),
  envelope_cents       BIGINT NOT NULL CHECK (envelope_cents >= 0),
  agreements_count     INTEGER NOT NULL CHECK (agreements_count IN (0, 1)),
  booked_share_percent INTEGER NOT NULL CHECK (booked_share_percent BETWEEN 0 AND 100),
  min_broadband_mbps   REAL NOT NULL CHECK (min_broadband_mbps >= 0)
);
INSERT INTO grant_rulesets (name, description, valid_from, valid_to, centre_zrr_cents, centre_other_cents,
                            post_zrr_cents, post_other_cents, envelope_cents, agreements_count,
                            booked_share_percent, min_broadband_mbps)
VALUES ('DIACT-2006', 'Appel à projets DIACT « télécentres » de 2006, financement FNADT.', '2006-01-01', NULL,
        1200000, 800000, 200000, 150000, 10000000, 1, 25, 2);
