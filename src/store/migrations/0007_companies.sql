-- 0007: prospection of large national companies — the pipeline and its dated history. Contacts are a small list
-- read whole with their company (JSON text); target centres are space-separated ids. Portable SQL.

CREATE TABLE companies (
  id                INTEGER PRIMARY KEY,
  name              TEXT NOT NULL,
  siren             TEXT NOT NULL,
  sector            TEXT NOT NULL,
  head_office_insee TEXT NOT NULL,
  employees         INTEGER NOT NULL CHECK (employees >= 0),
  partner           TEXT NOT NULL,
  contacts_json     TEXT NOT NULL,
  stage             TEXT NOT NULL CHECK (stage IN ('identified', 'contacted', 'meeting', 'proposal', 'agreement_signed',
                                                   'jobs_relocated', 'lost')),
  lost_reason       TEXT NOT NULL,
  potential_jobs    INTEGER NOT NULL CHECK (potential_jobs >= 0),
  jobs_relocated    INTEGER NOT NULL CHECK (jobs_relocated >= 0),
  target_centres    TEXT NOT NULL,
  next_action       TEXT NOT NULL,
  next_action_on    TEXT,
  created_at        TEXT NOT NULL
);

CREATE TABLE company_stages (
  id         INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL REFERENCES companies (id),
  from_stage TEXT NOT NULL,
  to_stage   TEXT NOT NULL,
  on_date    TEXT NOT NULL,
  note       TEXT NOT NULL,
  by_person  INTEGER REFERENCES people (id)
);
CREATE INDEX company_stages_company ON company_stages (company_id, id);
