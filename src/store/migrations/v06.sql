-- Schema version 6: what the register is sorted and filtered by, beside the search keys.
-- `live` mirrors volunteers.deleted_at IS NULL, `community` the name of the volunteer's
-- 村居, `total_tenths` the counted service hours (live participations in live activities that
-- were not cancelled). Triggers keep them current whatever writes the rows (forms, imports,
-- station merges); they are derived data, rebuilt from the records, never merged.

ALTER TABLE volunteer_search ADD COLUMN live INTEGER NOT NULL DEFAULT 1;
ALTER TABLE volunteer_search ADD COLUMN community TEXT NOT NULL DEFAULT '';
ALTER TABLE volunteer_search ADD COLUMN total_tenths INTEGER NOT NULL DEFAULT 0;

UPDATE volunteer_search SET
    live = (SELECT v.deleted_at IS NULL FROM volunteers v WHERE v.id = volunteer_search.volunteer_id),
    community = coalesce((SELECT u.name FROM volunteers v JOIN units u ON u.id = v.community_id
                          WHERE v.id = volunteer_search.volunteer_id), '');

UPDATE volunteer_search SET total_tenths = t.total
FROM (SELECT p.volunteer_id, sum(p.hours_tenths) AS total
      FROM participations p JOIN activities a ON a.id = p.activity_id
      WHERE p.deleted_at IS NULL AND a.deleted_at IS NULL AND a.status != '已取消'
      GROUP BY p.volunteer_id) t
WHERE t.volunteer_id = volunteer_search.volunteer_id;

CREATE TRIGGER trg_volunteer_live AFTER UPDATE OF deleted_at ON volunteers
BEGIN
    UPDATE volunteer_search SET live = (new.deleted_at IS NULL) WHERE volunteer_id = new.id;
END;

CREATE TRIGGER trg_unit_name AFTER UPDATE OF name ON units
BEGIN
    UPDATE volunteer_search SET community = new.name
    WHERE volunteer_id IN (SELECT id FROM volunteers WHERE community_id = new.id);
END;

CREATE TRIGGER trg_participation_insert AFTER INSERT ON participations
WHEN new.deleted_at IS NULL
BEGIN
    UPDATE volunteer_search SET total_tenths = total_tenths + new.hours_tenths
    WHERE volunteer_id = new.volunteer_id
      AND EXISTS (SELECT 1 FROM activities a WHERE a.id = new.activity_id
                  AND a.deleted_at IS NULL AND a.status != '已取消');
END;

CREATE TRIGGER trg_participation_update
AFTER UPDATE OF hours_tenths, deleted_at, volunteer_id, activity_id ON participations
BEGIN
    UPDATE volunteer_search SET total_tenths = (
        SELECT coalesce(sum(p.hours_tenths), 0)
        FROM participations p JOIN activities a ON a.id = p.activity_id
        WHERE p.volunteer_id = volunteer_search.volunteer_id AND p.deleted_at IS NULL
          AND a.deleted_at IS NULL AND a.status != '已取消')
    WHERE volunteer_id IN (old.volunteer_id, new.volunteer_id);
END;

CREATE TRIGGER trg_participation_delete AFTER DELETE ON participations
BEGIN
    UPDATE volunteer_search SET total_tenths = (
        SELECT coalesce(sum(p.hours_tenths), 0)
        FROM participations p JOIN activities a ON a.id = p.activity_id
        WHERE p.volunteer_id = volunteer_search.volunteer_id AND p.deleted_at IS NULL
          AND a.deleted_at IS NULL AND a.status != '已取消')
    WHERE volunteer_id = old.volunteer_id;
END;

CREATE TRIGGER trg_activity_counted AFTER UPDATE OF status, deleted_at ON activities
BEGIN
    UPDATE volunteer_search SET total_tenths = (
        SELECT coalesce(sum(p.hours_tenths), 0)
        FROM participations p JOIN activities a ON a.id = p.activity_id
        WHERE p.volunteer_id = volunteer_search.volunteer_id AND p.deleted_at IS NULL
          AND a.deleted_at IS NULL AND a.status != '已取消')
    WHERE volunteer_id IN (SELECT volunteer_id FROM participations WHERE activity_id = new.id);
END;

-- Sorting the live register by any column: each index gives the order and the page offset
-- without reading the rows before it.
CREATE INDEX idx_vs_live_pinyin ON volunteer_search(pinyin, number) WHERE live = 1;
CREATE INDEX idx_vs_live_community ON volunteer_search(community, number) WHERE live = 1;
CREATE INDEX idx_vs_live_total ON volunteer_search(total_tenths, number) WHERE live = 1;
CREATE INDEX idx_volunteers_live_gender ON volunteers(gender, number) WHERE deleted_at IS NULL;
CREATE INDEX idx_volunteers_live_id_number ON volunteers(id_number, number) WHERE deleted_at IS NULL;
CREATE INDEX idx_volunteers_live_mobile ON volunteers(mobile, number) WHERE deleted_at IS NULL;
CREATE INDEX idx_volunteers_live_political ON volunteers(political_status, number) WHERE deleted_at IS NULL;
CREATE INDEX idx_volunteers_live_status ON volunteers(status, number) WHERE deleted_at IS NULL;
CREATE INDEX idx_volunteers_live_community ON volunteers(community_id, number) WHERE deleted_at IS NULL;
