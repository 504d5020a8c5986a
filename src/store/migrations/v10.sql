-- Schema version 10: the live activities in the orders the activity list offers besides the
-- date (标题, 类别, 地点, 状态), so the first page of any order is one index walk.

CREATE INDEX idx_activities_live_title ON activities(title, start_time, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_activities_live_category ON activities(category, start_time, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_activities_live_location ON activities(location, start_time, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_activities_live_status ON activities(status, start_time, id) WHERE deleted_at IS NULL;
