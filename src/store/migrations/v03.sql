-- Schema version 3: the recycle bin is listed and counted through small partial indexes.

CREATE INDEX idx_volunteers_deleted ON volunteers(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX idx_teams_deleted ON teams(deleted_at) WHERE deleted_at IS NOT NULL;
CREATE INDEX idx_activities_deleted ON activities(deleted_at) WHERE deleted_at IS NOT NULL;
