CREATE TRIGGER trg_spans_delete AFTER DELETE ON volunteer_months
BEGIN
    UPDATE volunteer_spans SET participations = participations - old.participations,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE volunteer_key = old.volunteer_key AND span IN (
        (old.month / 100 * 10 + (old.month % 100 + 2) / 3),
        (old.month / 100 * 10 + 4 + (old.month % 100 + 5) / 6));
END;
CREATE TRIGGER trg_spans_insert AFTER INSERT ON volunteer_months
BEGIN
    INSERT INTO volunteer_spans
    SELECT CASE k.kind
               WHEN 'Q' THEN (new.month / 100 * 10 + (new.month % 100 + 2) / 3)
               ELSE (new.month / 100 * 10 + 4 + (new.month % 100 + 5) / 6) END,
           new.volunteer_key, new.participations, new.hours_tenths
    FROM (SELECT 'Q' AS kind UNION ALL SELECT 'H') k WHERE true
    ON CONFLICT (span, volunteer_key) DO UPDATE SET
        participations = participations + excluded.participations,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;
CREATE TRIGGER trg_spans_update AFTER UPDATE ON volunteer_months
BEGIN
    UPDATE volunteer_spans SET participations = participations - old.participations,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE volunteer_key = old.volunteer_key AND span IN (
        (old.month / 100 * 10 + (old.month % 100 + 2) / 3),
        (old.month / 100 * 10 + 4 + (old.month % 100 + 5) / 6));
    INSERT INTO volunteer_spans
    SELECT CASE k.kind
               WHEN 'Q' THEN (new.month / 100 * 10 + (new.month % 100 + 2) / 3)
               ELSE (new.month / 100 * 10 + 4 + (new.month % 100 + 5) / 6) END,
           new.volunteer_key, new.participations, new.hours_tenths
    FROM (SELECT 'Q' AS kind UNION ALL SELECT 'H') k WHERE true
    ON CONFLICT (span, volunteer_key) DO UPDATE SET
        participations = participations + excluded.participations,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;
CREATE TRIGGER trg_totals_activity AFTER UPDATE OF date, status, deleted_at ON activities
WHEN old.date IS NOT new.date OR old.counted IS NOT new.counted
BEGIN
    UPDATE volunteer_months SET
        participations = participations - 1,
        hours_tenths = hours_tenths - (SELECT p.hours_tenths FROM participation_rows p
            WHERE p.activity_ref = old.key AND p.volunteer_ref = volunteer_months.volunteer_key)
    WHERE old.counted
      AND month = (substr(old.date, 1, 4) * 100 + substr(old.date, 6, 2))
      AND volunteer_key IN (SELECT volunteer_ref FROM participation_rows
                            WHERE activity_ref = old.key AND deleted_at IS NULL);
    UPDATE volunteer_years SET
        participations = participations - 1,
        hours_tenths = hours_tenths - (SELECT p.hours_tenths FROM participation_rows p
            WHERE p.activity_ref = old.key AND p.volunteer_ref = volunteer_years.volunteer_key)
    WHERE old.counted
      AND year = CAST(substr(old.date, 1, 4) AS INTEGER)
      AND volunteer_key IN (SELECT volunteer_ref FROM participation_rows
                            WHERE activity_ref = old.key AND deleted_at IS NULL);
    INSERT INTO volunteer_months
    SELECT (substr(new.date, 1, 4) * 100 + substr(new.date, 6, 2)), p.volunteer_ref, 1, p.hours_tenths
    FROM participation_rows p WHERE p.activity_ref = new.key AND p.deleted_at IS NULL
      AND new.counted
    ON CONFLICT (month, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
    INSERT INTO volunteer_years
    SELECT CAST(substr(new.date, 1, 4) AS INTEGER), p.volunteer_ref, 1, p.hours_tenths
    FROM participation_rows p WHERE p.activity_ref = new.key AND p.deleted_at IS NULL
      AND new.counted
    ON CONFLICT (year, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;
CREATE TRIGGER trg_totals_delete AFTER DELETE ON participation_rows
WHEN old.deleted_at IS NULL
BEGIN
    UPDATE activity_facts SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE activity_key = old.activity_ref;
    UPDATE volunteer_months SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE volunteer_key = old.volunteer_ref
      AND month = (SELECT (substr(a.date, 1, 4) * 100 + substr(a.date, 6, 2)) FROM activities a WHERE a.key = old.activity_ref
                   AND a.counted);
    UPDATE volunteer_years SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE volunteer_key = old.volunteer_ref
      AND year = (SELECT CAST(substr(a.date, 1, 4) AS INTEGER) FROM activities a WHERE a.key = old.activity_ref
                  AND a.counted);
END;
CREATE TRIGGER trg_totals_insert AFTER INSERT ON participation_rows
WHEN new.deleted_at IS NULL
BEGIN
    UPDATE activity_facts SET participations = participations + 1,
        hours_tenths = hours_tenths + new.hours_tenths
    WHERE activity_key = new.activity_ref;
    INSERT INTO volunteer_months
    SELECT (substr(a.date, 1, 4) * 100 + substr(a.date, 6, 2)), new.volunteer_ref, 1, new.hours_tenths
    FROM activities a WHERE a.key = new.activity_ref AND a.counted
    ON CONFLICT (month, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
    INSERT INTO volunteer_years
    SELECT CAST(substr(a.date, 1, 4) AS INTEGER), new.volunteer_ref, 1, new.hours_tenths
    FROM activities a WHERE a.key = new.activity_ref AND a.counted
    ON CONFLICT (year, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;
CREATE TRIGGER trg_totals_update
AFTER UPDATE OF hours_tenths, deleted_at, volunteer_ref, activity_ref ON participation_rows
BEGIN
    UPDATE activity_facts SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE activity_key = old.activity_ref AND old.deleted_at IS NULL;
    UPDATE volunteer_months SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE old.deleted_at IS NULL AND volunteer_key = old.volunteer_ref
      AND month = (SELECT (substr(a.date, 1, 4) * 100 + substr(a.date, 6, 2)) FROM activities a WHERE a.key = old.activity_ref
                   AND a.counted);
    UPDATE volunteer_years SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE old.deleted_at IS NULL AND volunteer_key = old.volunteer_ref
      AND year = (SELECT CAST(substr(a.date, 1, 4) AS INTEGER) FROM activities a WHERE a.key = old.activity_ref
                  AND a.counted);
    UPDATE activity_facts SET participations = participations + 1,
        hours_tenths = hours_tenths + new.hours_tenths
    WHERE activity_key = new.activity_ref AND new.deleted_at IS NULL;
    INSERT INTO volunteer_months
    SELECT (substr(a.date, 1, 4) * 100 + substr(a.date, 6, 2)), new.volunteer_ref, 1, new.hours_tenths
    FROM activities a WHERE a.key = new.activity_ref AND a.counted AND new.deleted_at IS NULL
    ON CONFLICT (month, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
    INSERT INTO volunteer_years
    SELECT CAST(substr(a.date, 1, 4) AS INTEGER), new.volunteer_ref, 1, new.hours_tenths
    FROM activities a WHERE a.key = new.activity_ref AND a.counted AND new.deleted_at IS NULL
    ON CONFLICT (year, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;
