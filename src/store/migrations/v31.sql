-- Schema version 31: narrower indexes of the activity list, where a column in them was read by no
-- query (#22, goal 7: "covering indexes only where a measured query needs them").
--
-- The activity list's orders by title, category, location and status broke ties by the
-- activity's 36-character id, which each of their four indexes held for every live activity:
-- about 10 bytes a service record together. Ties now go by the short key every index entry
-- holds anyway (the order the activities were entered), so the id leaves the indexes.

DROP INDEX IF EXISTS idx_activities_live_category;
DROP INDEX IF EXISTS idx_activities_live_location;
DROP INDEX IF EXISTS idx_activities_live_status;
DROP INDEX IF EXISTS idx_activities_live_title;
CREATE INDEX idx_activities_live_category ON activities(category, start_time)
    WHERE deleted_at IS NULL;
CREATE INDEX idx_activities_live_location ON activities(location, start_time)
    WHERE deleted_at IS NULL;
CREATE INDEX idx_activities_live_status ON activities(status, start_time)
    WHERE deleted_at IS NULL;
CREATE INDEX idx_activities_live_title ON activities(title, start_time)
    WHERE deleted_at IS NULL;

