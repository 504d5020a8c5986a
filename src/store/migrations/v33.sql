-- Schema version 33: the activities' indexes by organiser and by team go (#22, goal 7: "covering
-- indexes only where a measured query needs them"), 36 characters and a key for every activity,
-- about 6 bytes a service record together.
--
-- Every query that limits activities to a unit or a team also limits them to a period, and
-- reads them by date or through the activity facts, which keep their own indexes by organiser
-- and team; at 10^6 the scoped year report measured the same with and without them. What is
-- left to them: removing a team from the recycle bin for good (its activities' team cleared)
-- and an exchange package removing a unit or a team: rare, and a read of the activities then.

DROP INDEX IF EXISTS idx_activities_organizer;
DROP INDEX IF EXISTS idx_activities_team;
