-- Schema version 30: one index of the service records fewer (#22, goal 7: "fewer duplicate
-- indexes, covering indexes only where a measured query needs them"). The rows' unique
-- (activity, volunteer) index and the partial index of live records by (activity, volunteer,
-- hours) held the same two keys for nearly every record, about 18 bytes per record each. The
-- partial one goes: what read it (an activity's records and hours for the facts, the counting
-- triggers, the report's edge days, the merge's recount, the participant lists) reads the
-- unique index and then the few rows of that activity, which lie together; the range report,
-- which reads the most of them, measured the same at 10^6 with and without it. The count of
-- live records (the status bar) read it whole; the index by volunteer is made again with the
-- removal mark, about one byte more a record, for that count to read it in place of the table.

DROP INDEX IF EXISTS idx_participation_rows_activity_hours;
DROP INDEX IF EXISTS idx_participation_rows_volunteer;
CREATE INDEX idx_participation_rows_volunteer ON participation_rows(volunteer_ref, deleted_at);
