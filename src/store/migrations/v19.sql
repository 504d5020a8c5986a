-- Schema version 19: two indexes every query had a narrower twin for. Every lookup of a
-- volunteer by ID number asks for the live ones (idx_volunteers_live_id_number), and no query
-- looks a volunteer up by mobile number in the register's table (searches read the reversed
-- numbers of volunteer_search; the 手机 order reads idx_volunteers_live_mobile). Fewer bytes per
-- record and less to write per volunteer.
DROP INDEX idx_volunteers_id_number;
DROP INDEX idx_volunteers_mobile;

