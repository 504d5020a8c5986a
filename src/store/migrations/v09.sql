-- Schema version 9: the activities that served an entry of the needs register.

CREATE TABLE need_activities (
    id TEXT PRIMARY KEY NOT NULL,
    need_id TEXT NOT NULL REFERENCES needs(id),
    activity_id TEXT NOT NULL REFERENCES activities(id),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT,
    UNIQUE (need_id, activity_id)
);
CREATE INDEX idx_need_activities_activity ON need_activities(activity_id);
