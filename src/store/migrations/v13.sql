-- Schema version 13: the log of exports that carry personal information (whole identity
-- numbers or phone numbers): when, what, which file, how many people (《个人信息保护法》).

CREATE TABLE export_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    what TEXT NOT NULL,
    file TEXT NOT NULL,
    people INTEGER NOT NULL,
    station TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_export_log_at ON export_log(at);
