-- Schema version 17: the platforms' templates and the 已录入平台 marks travel in exchange
-- packages like every other record: each gets its own key, its times, the station that made
-- it and a recycle bin (a mark taken back is kept as removed, so that travels too; a record
-- removed for good leaves a tombstone). A template is one per name, a mark one per activity.

CREATE TABLE platform_templates_v17 (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file BLOB NOT NULL,
    header_row INTEGER NOT NULL,
    -- The columns as JSON: what each header holds (a field, a fixed text, or 留空).
    columns TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);
INSERT INTO platform_templates_v17
    (id, name, file_name, file, header_row, columns, created_at, updated_at, origin)
SELECT lower(hex(randomblob(16))), name, file_name, file, header_row, columns,
       saved_at, saved_at,
       COALESCE((SELECT value FROM settings WHERE key = 'station_id'), '')
FROM platform_templates;
DROP TABLE platform_templates;
ALTER TABLE platform_templates_v17 RENAME TO platform_templates;
CREATE UNIQUE INDEX idx_platform_templates_name ON platform_templates(name);

CREATE TABLE platform_entries_v17 (
    id TEXT PRIMARY KEY NOT NULL,
    activity_id TEXT NOT NULL REFERENCES activities(id),
    platform TEXT NOT NULL,
    entered_on TEXT NOT NULL,
    entered_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);
INSERT INTO platform_entries_v17
    (id, activity_id, platform, entered_on, entered_by, created_at, updated_at, origin)
SELECT lower(hex(randomblob(16))), activity_id, platform, entered_on, entered_by,
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
       COALESCE((SELECT value FROM settings WHERE key = 'station_id'), '')
FROM platform_entries;
DROP TABLE platform_entries;
ALTER TABLE platform_entries_v17 RENAME TO platform_entries;
CREATE UNIQUE INDEX idx_platform_entries_activity ON platform_entries(activity_id);

CREATE TRIGGER trg_tombstone_platform_templates AFTER DELETE ON platform_templates
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'platform_templates', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_platform_entries AFTER DELETE ON platform_entries
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'platform_entries', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
