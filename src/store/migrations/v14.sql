-- Schema version 14: station exchange.
-- exchange_tombstones: records removed for good here (回收站 → 彻底删除), so a package from
--   another station does not bring them back, and so the removal travels in packages.
-- exchange_base: for each record received in a package, the `updated_at` both sides agreed on
--   at that moment; a record whose local `updated_at` differs was changed here since.
-- exchange_alias: a record of another station taken as one of ours (the same person registered
--   at two stations, by identity number; the same person in the same activity): their key → ours.
-- exchange_conflicts: records changed on both sides since the last exchange, kept with the
--   package's version until the clerk chooses; nothing is overwritten before.
-- exchange_log: every package written or read, with its counts.

CREATE TABLE exchange_tombstones (
    id TEXT PRIMARY KEY NOT NULL,
    tbl TEXT NOT NULL,
    purged_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX idx_exchange_tombstones_at ON exchange_tombstones(purged_at);

CREATE TABLE exchange_base (
    id TEXT PRIMARY KEY NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE exchange_alias (
    from_id TEXT PRIMARY KEY NOT NULL,
    to_id TEXT NOT NULL,
    tbl TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE exchange_conflicts (
    id INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL,
    record_id TEXT NOT NULL,
    station TEXT NOT NULL,
    package_id TEXT NOT NULL,
    local_updated_at TEXT NOT NULL,
    incoming_updated_at TEXT NOT NULL,
    incoming TEXT NOT NULL,
    found_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution TEXT NOT NULL DEFAULT '',
    UNIQUE (record_id, incoming_updated_at)
);

CREATE TABLE exchange_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    direction TEXT NOT NULL,
    package_id TEXT NOT NULL,
    station TEXT NOT NULL,
    file TEXT NOT NULL,
    whole INTEGER NOT NULL DEFAULT 0,
    added INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    conflicts INTEGER NOT NULL DEFAULT 0,
    merged INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_exchange_log_package ON exchange_log(package_id);

CREATE TRIGGER trg_tombstone_units AFTER DELETE ON units
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'units', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_unit_contacts AFTER DELETE ON unit_contacts
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'unit_contacts', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_volunteers AFTER DELETE ON volunteers
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'volunteers', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_teams AFTER DELETE ON teams
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'teams', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_team_members AFTER DELETE ON team_members
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'team_members', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_activities AFTER DELETE ON activities
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'activities', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_participations AFTER DELETE ON participations
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'participations', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_trainings AFTER DELETE ON trainings
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'trainings', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_training_attendance AFTER DELETE ON training_attendance
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'training_attendance', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_honors AFTER DELETE ON honors
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'honors', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_info_reports AFTER DELETE ON info_reports
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'info_reports', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_needs AFTER DELETE ON needs
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'needs', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_need_activities AFTER DELETE ON need_activities
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'need_activities', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_attachments AFTER DELETE ON attachments
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'attachments', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_custom_key_dates AFTER DELETE ON custom_key_dates
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'custom_key_dates', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_summary_narratives AFTER DELETE ON summary_narratives
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'summary_narratives', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_certificates AFTER DELETE ON certificates
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'certificates', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_submissions AFTER DELETE ON submissions
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'submissions', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_complaints AFTER DELETE ON complaints
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'complaints', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
