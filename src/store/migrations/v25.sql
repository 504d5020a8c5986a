-- Schema version 25: one index on the register's 村居 instead of two (#22, goal 7). The plain
-- index on `community_id` (for the 村居's own foreign key) and the partial one of live
-- volunteers (`community_id, number, registered_on`, for the register's 村居 filter and the
-- 村居 reports) each carried the 36-character 村居 id once per volunteer. One index over every
-- volunteer with `deleted_at` second serves both: the foreign key reads its first column, and
-- `community_id = ? AND deleted_at IS NULL` reads the live ones in number order, with the date
-- of registration at hand. About 9 bytes per service record at district scale.

DROP INDEX IF EXISTS idx_volunteers_community;
DROP INDEX IF EXISTS idx_volunteers_live_community;
CREATE INDEX idx_volunteers_community
    ON volunteers(community_id, deleted_at, number, registered_on);
