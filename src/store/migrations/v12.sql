-- Schema version 12: running totals for the reports, kept by triggers, so that a year's report
-- over millions of service records reads one row per activity and one per volunteer.
--
-- activity_facts: each live activity with what the report groups it by, and its live service
-- records (count and hours), in date order so a period is one range of the table.
-- volunteer_months / volunteer_years: the counted service records (live record, live activity
-- not cancelled) of each volunteer per month / year of the activity's date. Rows that fall to
-- zero stay (queries ask for participations > 0).

CREATE TABLE activity_facts (
    date TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    category TEXT NOT NULL,
    status TEXT NOT NULL,
    served_count INTEGER NOT NULL,
    organizer_id TEXT,
    team_id TEXT,
    key_date TEXT NOT NULL,
    participations INTEGER NOT NULL,
    hours_tenths INTEGER NOT NULL,
    PRIMARY KEY (date, activity_id)
) WITHOUT ROWID;
CREATE INDEX idx_activity_facts_activity ON activity_facts(activity_id);

CREATE TABLE volunteer_months (
    month TEXT NOT NULL,
    volunteer_id TEXT NOT NULL,
    participations INTEGER NOT NULL,
    hours_tenths INTEGER NOT NULL,
    PRIMARY KEY (month, volunteer_id)
) WITHOUT ROWID;

CREATE TABLE volunteer_years (
    year TEXT NOT NULL,
    volunteer_id TEXT NOT NULL,
    participations INTEGER NOT NULL,
    hours_tenths INTEGER NOT NULL,
    PRIMARY KEY (year, volunteer_id)
) WITHOUT ROWID;
CREATE INDEX idx_volunteer_years_hours ON volunteer_years(year, hours_tenths);

CREATE INDEX IF NOT EXISTS idx_activities_team ON activities(team_id);
-- New volunteers of a period.
CREATE INDEX IF NOT EXISTS idx_volunteers_live_registered ON volunteers(registered_on)
    WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS idx_activities_organizer ON activities(organizer_id);

INSERT INTO activity_facts
SELECT a.date, a.id, a.category, a.status, a.served_count, a.organizer_id, a.team_id,
       a.key_date, count(p.id), coalesce(sum(p.hours_tenths), 0)
FROM activities a
LEFT JOIN participations p ON p.activity_id = a.id AND p.deleted_at IS NULL
WHERE a.deleted_at IS NULL GROUP BY a.id;

INSERT INTO volunteer_months
SELECT substr(a.date, 1, 7), p.volunteer_id, count(*), sum(p.hours_tenths)
FROM participations p JOIN activities a ON a.id = p.activity_id
WHERE p.deleted_at IS NULL AND a.deleted_at IS NULL AND a.status != '已取消'
GROUP BY 1, 2;

INSERT INTO volunteer_years
SELECT substr(month, 1, 4), volunteer_id, sum(participations), sum(hours_tenths)
FROM volunteer_months GROUP BY 1, 2;

-- A service record added.
CREATE TRIGGER trg_totals_insert AFTER INSERT ON participations
WHEN new.deleted_at IS NULL
BEGIN
    UPDATE activity_facts SET participations = participations + 1,
        hours_tenths = hours_tenths + new.hours_tenths
    WHERE activity_id = new.activity_id;
    INSERT INTO volunteer_months
    SELECT substr(a.date, 1, 7), new.volunteer_id, 1, new.hours_tenths
    FROM activities a WHERE a.id = new.activity_id AND a.deleted_at IS NULL
      AND a.status != '已取消'
    ON CONFLICT (month, volunteer_id) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
    INSERT INTO volunteer_years
    SELECT substr(a.date, 1, 4), new.volunteer_id, 1, new.hours_tenths
    FROM activities a WHERE a.id = new.activity_id AND a.deleted_at IS NULL
      AND a.status != '已取消'
    ON CONFLICT (year, volunteer_id) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

-- A service record changed: take the old one out, put the new one in.
CREATE TRIGGER trg_totals_update
AFTER UPDATE OF hours_tenths, deleted_at, volunteer_id, activity_id ON participations
BEGIN
    UPDATE activity_facts SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE activity_id = old.activity_id AND old.deleted_at IS NULL;
    UPDATE volunteer_months SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE old.deleted_at IS NULL AND volunteer_id = old.volunteer_id
      AND month = (SELECT substr(a.date, 1, 7) FROM activities a WHERE a.id = old.activity_id
                   AND a.deleted_at IS NULL AND a.status != '已取消');
    UPDATE volunteer_years SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE old.deleted_at IS NULL AND volunteer_id = old.volunteer_id
      AND year = (SELECT substr(a.date, 1, 4) FROM activities a WHERE a.id = old.activity_id
                  AND a.deleted_at IS NULL AND a.status != '已取消');
    UPDATE activity_facts SET participations = participations + 1,
        hours_tenths = hours_tenths + new.hours_tenths
    WHERE activity_id = new.activity_id AND new.deleted_at IS NULL;
    INSERT INTO volunteer_months
    SELECT substr(a.date, 1, 7), new.volunteer_id, 1, new.hours_tenths
    FROM activities a WHERE a.id = new.activity_id AND a.deleted_at IS NULL
      AND a.status != '已取消' AND new.deleted_at IS NULL
    ON CONFLICT (month, volunteer_id) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
    INSERT INTO volunteer_years
    SELECT substr(a.date, 1, 4), new.volunteer_id, 1, new.hours_tenths
    FROM activities a WHERE a.id = new.activity_id AND a.deleted_at IS NULL
      AND a.status != '已取消' AND new.deleted_at IS NULL
    ON CONFLICT (year, volunteer_id) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

-- A service record removed for good.
CREATE TRIGGER trg_totals_delete AFTER DELETE ON participations
WHEN old.deleted_at IS NULL
BEGIN
    UPDATE activity_facts SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE activity_id = old.activity_id;
    UPDATE volunteer_months SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE volunteer_id = old.volunteer_id
      AND month = (SELECT substr(a.date, 1, 7) FROM activities a WHERE a.id = old.activity_id
                   AND a.deleted_at IS NULL AND a.status != '已取消');
    UPDATE volunteer_years SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE volunteer_id = old.volunteer_id
      AND year = (SELECT substr(a.date, 1, 4) FROM activities a WHERE a.id = old.activity_id
                  AND a.deleted_at IS NULL AND a.status != '已取消');
END;

-- An activity moved to another day, cancelled, deleted or brought back: its service records
-- leave the old month and year (if it counted) and join the new ones (if it counts).
CREATE TRIGGER trg_totals_activity AFTER UPDATE OF date, status, deleted_at ON activities
WHEN old.date IS NOT new.date OR old.status IS NOT new.status
  OR old.deleted_at IS NOT new.deleted_at
BEGIN
    UPDATE volunteer_months SET
        participations = participations - 1,
        hours_tenths = hours_tenths - (SELECT p.hours_tenths FROM participations p
            WHERE p.activity_id = old.id AND p.volunteer_id = volunteer_months.volunteer_id)
    WHERE old.deleted_at IS NULL AND old.status != '已取消'
      AND month = substr(old.date, 1, 7)
      AND volunteer_id IN (SELECT volunteer_id FROM participations
                           WHERE activity_id = old.id AND deleted_at IS NULL);
    UPDATE volunteer_years SET
        participations = participations - 1,
        hours_tenths = hours_tenths - (SELECT p.hours_tenths FROM participations p
            WHERE p.activity_id = old.id AND p.volunteer_id = volunteer_years.volunteer_id)
    WHERE old.deleted_at IS NULL AND old.status != '已取消'
      AND year = substr(old.date, 1, 4)
      AND volunteer_id IN (SELECT volunteer_id FROM participations
                           WHERE activity_id = old.id AND deleted_at IS NULL);
    INSERT INTO volunteer_months
    SELECT substr(new.date, 1, 7), p.volunteer_id, 1, p.hours_tenths
    FROM participations p WHERE p.activity_id = new.id AND p.deleted_at IS NULL
      AND new.deleted_at IS NULL AND new.status != '已取消'
    ON CONFLICT (month, volunteer_id) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
    INSERT INTO volunteer_years
    SELECT substr(new.date, 1, 4), p.volunteer_id, 1, p.hours_tenths
    FROM participations p WHERE p.activity_id = new.id AND p.deleted_at IS NULL
      AND new.deleted_at IS NULL AND new.status != '已取消'
    ON CONFLICT (year, volunteer_id) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

-- The facts of an activity follow it: added with it, replaced when what the report groups by
-- changes, gone when it is deleted (its service records are counted again on the way back).
CREATE TRIGGER trg_facts_insert AFTER INSERT ON activities
WHEN new.deleted_at IS NULL
BEGIN
    INSERT INTO activity_facts
    SELECT new.date, new.id, new.category, new.status, new.served_count, new.organizer_id,
           new.team_id, new.key_date, count(*), coalesce(sum(hours_tenths), 0)
    FROM participations WHERE activity_id = new.id AND deleted_at IS NULL;
END;

CREATE TRIGGER trg_facts_update
AFTER UPDATE OF date, category, status, served_count, organizer_id, team_id, key_date, deleted_at
ON activities
WHEN old.date IS NOT new.date OR old.category IS NOT new.category
  OR old.status IS NOT new.status OR old.served_count IS NOT new.served_count
  OR old.organizer_id IS NOT new.organizer_id OR old.team_id IS NOT new.team_id
  OR old.key_date IS NOT new.key_date OR old.deleted_at IS NOT new.deleted_at
BEGIN
    DELETE FROM activity_facts WHERE date = old.date AND activity_id = old.id;
    INSERT INTO activity_facts
    SELECT new.date, new.id, new.category, new.status, new.served_count, new.organizer_id,
           new.team_id, new.key_date, count(*), coalesce(sum(hours_tenths), 0)
    FROM participations WHERE activity_id = new.id AND deleted_at IS NULL
      AND new.deleted_at IS NULL
    HAVING new.deleted_at IS NULL;
END;

CREATE TRIGGER trg_facts_delete AFTER DELETE ON activities
BEGIN
    DELETE FROM activity_facts WHERE date = old.date AND activity_id = old.id;
END;
