-- 0010: the dated history of people's categories (what the evaluation counts: job seekers who became independent,
-- employees relocated by a national company), and the relocated employees' accounts linked to their company.
-- Portable SQL.

-- One row per change of a person's category; the first, when the person first said it, has no from_category.
CREATE TABLE person_categories (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  from_category TEXT,
  to_category   TEXT NOT NULL,
  changed_on    TEXT NOT NULL,  -- the civil date of the change (Europe/Paris), YYYY-MM-DD
  at            TEXT NOT NULL   -- ISO 8601 UTC
);
CREATE INDEX person_categories_person ON person_categories (person_id, id);
CREATE INDEX person_categories_on ON person_categories (changed_on);

-- People already there: their current category, from their account's creation.
INSERT INTO person_categories (person_id, from_category, to_category, changed_on, at)
SELECT id, NULL, category, substr(created_at, 1, 10), created_at FROM people
WHERE category IS NOT NULL AND erased_at IS NULL;

-- A relocated employee's account, linked to the company that relocated their job; one company per person.
CREATE TABLE company_employees (
  company_id INTEGER NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  person_id  INTEGER NOT NULL UNIQUE REFERENCES people (id) ON DELETE CASCADE,
  linked_on  TEXT NOT NULL,  -- YYYY-MM-DD
  PRIMARY KEY (company_id, person_id)
);
