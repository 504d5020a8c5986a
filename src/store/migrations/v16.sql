-- Schema version 16: the platforms' batch-entry templates the clerk brings (志愿滨海,
-- 全国志愿服务信息系统), kept with the file itself so an export is written into a copy of it;
-- and which held activities were entered into a platform (已录入平台), when and by whom.
-- Both stay with this ledger: exchange packages do not carry them.

CREATE TABLE platform_templates (
    name TEXT PRIMARY KEY NOT NULL,
    file_name TEXT NOT NULL,
    file BLOB NOT NULL,
    header_row INTEGER NOT NULL,
    -- The columns as JSON: what each header holds (a field, a fixed text, or 留空).
    columns TEXT NOT NULL,
    saved_at TEXT NOT NULL
);

CREATE TABLE platform_entries (
    activity_id TEXT PRIMARY KEY NOT NULL REFERENCES activities(id),
    platform TEXT NOT NULL,
    entered_on TEXT NOT NULL,
    entered_by TEXT NOT NULL DEFAULT ''
);
