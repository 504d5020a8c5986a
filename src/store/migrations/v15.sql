-- Schema version 15: counted means held. An activity counts when it was held: status 已完成 and
-- not deleted. Planned (计划中) and cancelled (已取消) activities never count — not in the running
-- totals, the reports, the register's hours, star levels or certificates.
--
-- The rule is written once, here, as the generated column activities.counted; every trigger
-- and every query of figures reads that column (and activity_facts.counted, its copy). Until
-- this version a planned activity counted like a held one.

ALTER TABLE activities ADD COLUMN counted INTEGER
    GENERATED ALWAYS AS (deleted_at IS NULL AND status = '已完成') VIRTUAL;

-- The facts of each live activity carry whether it counts.
ALTER TABLE activity_facts ADD COLUMN counted INTEGER NOT NULL DEFAULT 0;
UPDATE activity_facts SET counted = coalesce(
    (SELECT a.counted FROM activities a WHERE a.id = activity_facts.activity_id), 0);

DROP TRIGGER trg_facts_insert;
CREATE TRIGGER trg_facts_insert AFTER INSERT ON activities
WHEN new.deleted_at IS NULL
BEGIN
    INSERT INTO activity_facts (date, activity_id, category, status, served_count, organizer_id,
                                team_id, key_date, participations, hours_tenths, counted)
    SELECT new.date, new.id, new.category, new.status, new.served_count, new.organizer_id,
           new.team_id, new.key_date, count(*), coalesce(sum(hours_tenths), 0), new.counted
    FROM participations WHERE activity_id = new.id AND deleted_at IS NULL;
END;

DROP TRIGGER trg_facts_update;
CREATE TRIGGER trg_facts_update
AFTER UPDATE OF date, category, status, served_count, organizer_id, team_id, key_date, deleted_at
ON activities
WHEN old.date IS NOT new.date OR old.category IS NOT new.category
  OR old.status IS NOT new.status OR old.served_count IS NOT new.served_count
  OR old.organizer_id IS NOT new.organizer_id OR old.team_id IS NOT new.team_id
  OR old.key_date IS NOT new.key_date OR old.deleted_at IS NOT new.deleted_at
BEGIN
    DELETE FROM activity_facts WHERE date = old.date AND activity_id = old.id;
    INSERT INTO activity_facts (date, activity_id, category, status, served_count, organizer_id,
                                team_id, key_date, participations, hours_tenths, counted)
    SELECT new.date, new.id, new.category, new.status, new.served_count, new.organizer_id,
           new.team_id, new.key_date, count(*), coalesce(sum(hours_tenths), 0), new.counted
    FROM participations WHERE activity_id = new.id AND deleted_at IS NULL
      AND new.deleted_at IS NULL
    HAVING new.deleted_at IS NULL;
END;

-- The register's hours (volunteer_search.total_tenths): service records of counted activities.
DROP TRIGGER trg_participation_insert;
CREATE TRIGGER trg_participation_insert AFTER INSERT ON participations
WHEN new.deleted_at IS NULL
BEGIN
    UPDATE volunteer_search SET total_tenths = total_tenths + new.hours_tenths
    WHERE volunteer_id = new.volunteer_id
      AND EXISTS (SELECT 1 FROM activities a WHERE a.id = new.activity_id AND a.counted);
END;

DROP TRIGGER trg_participation_update;
CREATE TRIGGER trg_participation_update
AFTER UPDATE OF hours_tenths, deleted_at, volunteer_id, activity_id ON participations
BEGIN
    UPDATE volunteer_search SET total_tenths = (
        SELECT coalesce(sum(p.hours_tenths), 0)
        FROM participations p JOIN activities a ON a.id = p.activity_id
        WHERE p.volunteer_id = volunteer_search.volunteer_id AND p.deleted_at IS NULL
          AND a.counted)
    WHERE volunteer_id IN (old.volunteer_id, new.volunteer_id);
END;

DROP TRIGGER trg_participation_delete;
CREATE TRIGGER trg_participation_delete AFTER DELETE ON participations
BEGIN
    UPDATE volunteer_search SET total_tenths = (
        SELECT coalesce(sum(p.hours_tenths), 0)
        FROM participations p JOIN activities a ON a.id = p.activity_id
        WHERE p.volunteer_id = volunteer_search.volunteer_id AND p.deleted_at IS NULL
          AND a.counted)
    WHERE volunteer_id = old.volunteer_id;
END;

DROP TRIGGER trg_activity_counted;
CREATE TRIGGER trg_activity_counted AFTER UPDATE OF status, deleted_at ON activities
WHEN old.counted IS NOT new.counted
BEGIN
    UPDATE volunteer_search SET total_tenths = (
        SELECT coalesce(sum(p.hours_tenths), 0)
        FROM participations p JOIN activities a ON a.id = p.activity_id
        WHERE p.volunteer_id = volunteer_search.volunteer_id AND p.deleted_at IS NULL
          AND a.counted)
    WHERE volunteer_id IN (SELECT volunteer_id FROM participations WHERE activity_id = new.id);
END;

-- Each volunteer's counted service per month and year.
DROP TRIGGER trg_totals_insert;
CREATE TRIGGER trg_totals_insert AFTER INSERT ON participations
WHEN new.deleted_at IS NULL
BEGIN
    UPDATE activity_facts SET participations = participations + 1,
        hours_tenths = hours_tenths + new.hours_tenths
    WHERE activity_id = new.activity_id;
    INSERT INTO volunteer_months
    SELECT substr(a.date, 1, 7), new.volunteer_id, 1, new.hours_tenths
    FROM activities a WHERE a.id = new.activity_id AND a.counted
    ON CONFLICT (month, volunteer_id) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
    INSERT INTO volunteer_years
    SELECT substr(a.date, 1, 4), new.volunteer_id, 1, new.hours_tenths
    FROM activities a WHERE a.id = new.activity_id AND a.counted
    ON CONFLICT (year, volunteer_id) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

DROP TRIGGER trg_totals_update;
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
                   AND a.counted);
    UPDATE volunteer_years SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE old.deleted_at IS NULL AND volunteer_id = old.volunteer_id
      AND year = (SELECT substr(a.date, 1, 4) FROM activities a WHERE a.id = old.activity_id
                  AND a.counted);
    UPDATE activity_facts SET participations = participations + 1,
        hours_tenths = hours_tenths + new.hours_tenths
    WHERE activity_id = new.activity_id AND new.deleted_at IS NULL;
    INSERT INTO volunteer_months
    SELECT substr(a.date, 1, 7), new.volunteer_id, 1, new.hours_tenths
    FROM activities a WHERE a.id = new.activity_id AND a.counted AND new.deleted_at IS NULL
    ON CONFLICT (month, volunteer_id) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
    INSERT INTO volunteer_years
    SELECT substr(a.date, 1, 4), new.volunteer_id, 1, new.hours_tenths
    FROM activities a WHERE a.id = new.activity_id AND a.counted AND new.deleted_at IS NULL
    ON CONFLICT (year, volunteer_id) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

DROP TRIGGER trg_totals_delete;
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
                   AND a.counted);
    UPDATE volunteer_years SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE volunteer_id = old.volunteer_id
      AND year = (SELECT substr(a.date, 1, 4) FROM activities a WHERE a.id = old.activity_id
                  AND a.counted);
END;

-- An activity moved to another day, held, cancelled, deleted or brought back: its service
-- records leave the old month and year (if it counted) and join the new ones (if it counts).
DROP TRIGGER trg_totals_activity;
CREATE TRIGGER trg_totals_activity AFTER UPDATE OF date, status, deleted_at ON activities
WHEN old.date IS NOT new.date OR old.counted IS NOT new.counted
BEGIN
    UPDATE volunteer_months SET
        participations = participations - 1,
        hours_tenths = hours_tenths - (SELECT p.hours_tenths FROM participations p
            WHERE p.activity_id = old.id AND p.volunteer_id = volunteer_months.volunteer_id)
    WHERE old.counted
      AND month = substr(old.date, 1, 7)
      AND volunteer_id IN (SELECT volunteer_id FROM participations
                           WHERE activity_id = old.id AND deleted_at IS NULL);
    UPDATE volunteer_years SET
        participations = participations - 1,
        hours_tenths = hours_tenths - (SELECT p.hours_tenths FROM participations p
            WHERE p.activity_id = old.id AND p.volunteer_id = volunteer_years.volunteer_id)
    WHERE old.counted
      AND year = substr(old.date, 1, 4)
      AND volunteer_id IN (SELECT volunteer_id FROM participations
                           WHERE activity_id = old.id AND deleted_at IS NULL);
    INSERT INTO volunteer_months
    SELECT substr(new.date, 1, 7), p.volunteer_id, 1, p.hours_tenths
    FROM participations p WHERE p.activity_id = new.id AND p.deleted_at IS NULL AND new.counted
    ON CONFLICT (month, volunteer_id) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
    INSERT INTO volunteer_years
    SELECT substr(new.date, 1, 4), p.volunteer_id, 1, p.hours_tenths
    FROM participations p WHERE p.activity_id = new.id AND p.deleted_at IS NULL AND new.counted
    ON CONFLICT (year, volunteer_id) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

-- Every running total counted again from the records, by the new rule.
DELETE FROM volunteer_months;
INSERT INTO volunteer_months
SELECT substr(a.date, 1, 7), p.volunteer_id, count(*), sum(p.hours_tenths)
FROM participations p JOIN activities a ON a.id = p.activity_id
WHERE p.deleted_at IS NULL AND a.counted
GROUP BY 1, 2;

DELETE FROM volunteer_years;
INSERT INTO volunteer_years
SELECT substr(month, 1, 4), volunteer_id, sum(participations), sum(hours_tenths)
FROM volunteer_months GROUP BY 1, 2;

UPDATE volunteer_search SET total_tenths = 0;
UPDATE volunteer_search SET total_tenths = t.total
FROM (SELECT p.volunteer_id, sum(p.hours_tenths) AS total
      FROM participations p JOIN activities a ON a.id = p.activity_id
      WHERE p.deleted_at IS NULL AND a.counted
      GROUP BY p.volunteer_id) t
WHERE t.volunteer_id = volunteer_search.volunteer_id;
