-- Schema version 23: the search keys and the kinds refer to their volunteer by the volunteer's
-- short key (`volunteers.key`, schema version 21) instead of its 36-character text id (#22,
-- goal 7). The search table was keyed by the text id WITHOUT ROWID, so each of its six indexes
-- carried the 36 characters again: keyed by the short key (its rowid), each carries 3–4 bytes.
-- Both tables are derived from `volunteers` and never leave the file, so exchange packages are
-- as they were. The triggers that keep the register's hours follow the short keys too (one key
-- compare instead of a text-id lookup per service record written).

DROP TRIGGER trg_activity_counted;
DROP TRIGGER trg_participation_delete;
DROP TRIGGER trg_participation_insert;
DROP TRIGGER trg_participation_update;
DROP TRIGGER trg_unit_name;
DROP TRIGGER trg_volunteer_live;

CREATE TABLE volunteer_search_by_key (
    volunteer_key INTEGER PRIMARY KEY,
    number TEXT NOT NULL,
    pinyin TEXT NOT NULL,
    initials TEXT NOT NULL,
    mobile_rev TEXT NOT NULL,
    id_rev TEXT NOT NULL,
    live INTEGER NOT NULL DEFAULT 1,
    community TEXT NOT NULL DEFAULT '',
    total_tenths INTEGER NOT NULL DEFAULT 0
);
INSERT INTO volunteer_search_by_key
SELECT v.key, s.number, s.pinyin, s.initials, s.mobile_rev, s.id_rev, s.live, s.community,
       s.total_tenths
FROM volunteer_search s JOIN volunteers v ON v.id = s.volunteer_id
ORDER BY v.key;
DROP TABLE volunteer_search;
ALTER TABLE volunteer_search_by_key RENAME TO volunteer_search;
CREATE INDEX idx_volunteer_search_initials ON volunteer_search(initials);
CREATE INDEX idx_volunteer_search_mobile ON volunteer_search(mobile_rev);
CREATE INDEX idx_volunteer_search_id ON volunteer_search(id_rev);
CREATE INDEX idx_vs_live_pinyin ON volunteer_search(pinyin, number) WHERE live = 1;
CREATE INDEX idx_vs_live_community ON volunteer_search(community, number) WHERE live = 1;
CREATE INDEX idx_vs_hours ON volunteer_search(total_tenths, number, live);

CREATE TABLE volunteer_kinds_by_key (
    kind TEXT NOT NULL,
    volunteer_key INTEGER NOT NULL,
    PRIMARY KEY (kind, volunteer_key)
) WITHOUT ROWID;
INSERT INTO volunteer_kinds_by_key
SELECT k.kind, v.key FROM volunteer_kinds k JOIN volunteers v ON v.id = k.volunteer_id
ORDER BY k.kind, v.key;
DROP TABLE volunteer_kinds;
ALTER TABLE volunteer_kinds_by_key RENAME TO volunteer_kinds;

CREATE TRIGGER trg_activity_counted AFTER UPDATE OF status, deleted_at ON activities
WHEN old.counted IS NOT new.counted
BEGIN
    UPDATE volunteer_search SET total_tenths = (
        SELECT coalesce(sum(p.hours_tenths), 0)
        FROM participation_rows p JOIN activities a ON a.key = p.activity_ref
        WHERE p.volunteer_ref = volunteer_search.volunteer_key AND p.deleted_at IS NULL
          AND a.counted)
    WHERE volunteer_key IN (SELECT volunteer_ref FROM participation_rows
                            WHERE activity_ref = new.key);
END;

CREATE TRIGGER trg_participation_delete AFTER DELETE ON participation_rows
BEGIN
    UPDATE volunteer_search SET total_tenths = (
        SELECT coalesce(sum(p.hours_tenths), 0)
        FROM participation_rows p JOIN activities a ON a.key = p.activity_ref
        WHERE p.volunteer_ref = old.volunteer_ref AND p.deleted_at IS NULL AND a.counted)
    WHERE volunteer_key = old.volunteer_ref;
END;

CREATE TRIGGER trg_participation_insert AFTER INSERT ON participation_rows
WHEN new.deleted_at IS NULL
BEGIN
    UPDATE volunteer_search SET total_tenths = total_tenths + new.hours_tenths
    WHERE volunteer_key = new.volunteer_ref
      AND EXISTS (SELECT 1 FROM activities a WHERE a.key = new.activity_ref AND a.counted);
END;

CREATE TRIGGER trg_participation_update
AFTER UPDATE OF hours_tenths, deleted_at, volunteer_ref, activity_ref ON participation_rows
BEGIN
    UPDATE volunteer_search SET total_tenths = (
        SELECT coalesce(sum(p.hours_tenths), 0)
        FROM participation_rows p JOIN activities a ON a.key = p.activity_ref
        WHERE p.volunteer_ref = volunteer_search.volunteer_key AND p.deleted_at IS NULL
          AND a.counted)
    WHERE volunteer_key IN (old.volunteer_ref, new.volunteer_ref);
END;

CREATE TRIGGER trg_unit_name AFTER UPDATE OF name ON units
BEGIN
    UPDATE volunteer_search SET community = new.name
    WHERE volunteer_key IN (SELECT key FROM volunteers WHERE community_id = new.id);
END;

CREATE TRIGGER trg_volunteer_live AFTER UPDATE OF deleted_at ON volunteers
BEGIN
    UPDATE volunteer_search SET live = (new.deleted_at IS NULL) WHERE volunteer_key = new.key;
END;
