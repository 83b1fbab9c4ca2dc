-- 0008: the network's communication plan — its actions (axis, channel, date, cost, reach, contacts), and on each
-- application the action through which the applicant heard of the network, when they say so. Portable SQL.

CREATE TABLE comm_actions (
  id          INTEGER PRIMARY KEY,
  title       TEXT NOT NULL,
  axis        TEXT NOT NULL CHECK (axis IN ('inform', 'attract')),
  channel     TEXT NOT NULL CHECK (channel IN ('meeting', 'press', 'poster', 'fair', 'film', 'colloquium', 'contest',
                                               'web', 'social_media')),
  on_date     TEXT NOT NULL,
  cost_cents  INTEGER NOT NULL CHECK (cost_cents >= 0),
  description TEXT NOT NULL,
  reach       INTEGER NOT NULL CHECK (reach >= 0),
  contacts    INTEGER NOT NULL CHECK (contacts >= 0),
  centre_id   INTEGER REFERENCES centres (id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL
);
CREATE INDEX comm_actions_date ON comm_actions (on_date);

ALTER TABLE applications ADD COLUMN heard_via_action INTEGER REFERENCES comm_actions (id) ON DELETE SET NULL;
CREATE INDEX applications_heard_via ON applications (heard_via_action);
