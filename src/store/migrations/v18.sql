-- Schema version 18: figures of a quarter or a half year at district scale. Each volunteer's
-- counted service per quarter ('2026Q1') and half year ('2026H1') is kept beside the months,
-- by triggers on volunteer_months (a change to a month moves its quarter and its half by the
-- same amount), so a report of a quarter or a half reads one row per volunteer instead of
-- grouping the months. The served volunteers of a span, a year are found through partial
-- indexes of the rows with service (participations > 0), by hours (holding the participations,
-- so that counting a band of hours reads the index alone).

CREATE TABLE volunteer_spans (
    span TEXT NOT NULL,
    volunteer_id TEXT NOT NULL,
    participations INTEGER NOT NULL,
    hours_tenths INTEGER NOT NULL,
    PRIMARY KEY (span, volunteer_id)
) WITHOUT ROWID;

INSERT INTO volunteer_spans
SELECT CASE k.kind WHEN 'Q' THEN substr(month, 1, 4) || 'Q' || ((substr(month, 6, 2) + 2) / 3)
                   ELSE substr(month, 1, 4) || 'H' || ((substr(month, 6, 2) + 5) / 6) END,
       volunteer_id, sum(participations), sum(hours_tenths)
FROM volunteer_months, (SELECT 'Q' AS kind UNION ALL SELECT 'H') k
GROUP BY 1, 2;

CREATE INDEX idx_volunteer_spans_served ON volunteer_spans(span, hours_tenths, participations)
    WHERE participations > 0;

DROP INDEX idx_volunteer_years_hours;
CREATE INDEX idx_volunteer_years_served ON volunteer_years(year, hours_tenths, participations)
    WHERE participations > 0;

CREATE TRIGGER trg_spans_insert AFTER INSERT ON volunteer_months
BEGIN
    INSERT INTO volunteer_spans
    SELECT CASE k.kind
               WHEN 'Q' THEN substr(new.month, 1, 4) || 'Q' || ((substr(new.month, 6, 2) + 2) / 3)
               ELSE substr(new.month, 1, 4) || 'H' || ((substr(new.month, 6, 2) + 5) / 6) END,
           new.volunteer_id, new.participations, new.hours_tenths
    FROM (SELECT 'Q' AS kind UNION ALL SELECT 'H') k WHERE true
    ON CONFLICT (span, volunteer_id) DO UPDATE SET
        participations = participations + excluded.participations,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

CREATE TRIGGER trg_spans_update AFTER UPDATE ON volunteer_months
BEGIN
    UPDATE volunteer_spans SET participations = participations - old.participations,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE volunteer_id = old.volunteer_id AND span IN (
        substr(old.month, 1, 4) || 'Q' || ((substr(old.month, 6, 2) + 2) / 3),
        substr(old.month, 1, 4) || 'H' || ((substr(old.month, 6, 2) + 5) / 6));
    INSERT INTO volunteer_spans
    SELECT CASE k.kind
               WHEN 'Q' THEN substr(new.month, 1, 4) || 'Q' || ((substr(new.month, 6, 2) + 2) / 3)
               ELSE substr(new.month, 1, 4) || 'H' || ((substr(new.month, 6, 2) + 5) / 6) END,
           new.volunteer_id, new.participations, new.hours_tenths
    FROM (SELECT 'Q' AS kind UNION ALL SELECT 'H') k WHERE true
    ON CONFLICT (span, volunteer_id) DO UPDATE SET
        participations = participations + excluded.participations,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

CREATE TRIGGER trg_spans_delete AFTER DELETE ON volunteer_months
BEGIN
    UPDATE volunteer_spans SET participations = participations - old.participations,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE volunteer_id = old.volunteer_id AND span IN (
        substr(old.month, 1, 4) || 'Q' || ((substr(old.month, 6, 2) + 2) / 3),
        substr(old.month, 1, 4) || 'H' || ((substr(old.month, 6, 2) + 5) / 6));
END;

-- A 村居's new volunteers of a period are counted from the index of its live volunteers alone.
DROP INDEX idx_volunteers_live_community;
CREATE INDEX idx_volunteers_live_community ON volunteers(community_id, number, registered_on)
    WHERE deleted_at IS NULL;

-- The service records of a period's activities, volunteer and hours, read from one index
-- (a 村居's or a team's served volunteers, the days of a custom period around whole months).
CREATE INDEX idx_participations_activity_hours
    ON participations(activity_id, volunteer_id, hours_tenths) WHERE deleted_at IS NULL;

-- A team's or a unit's activities of a period, from their facts without reading the period's
-- others.
CREATE INDEX idx_activity_facts_team ON activity_facts(team_id, date);
CREATE INDEX idx_activity_facts_organizer ON activity_facts(organizer_id, date);
