-- Schema version 19: indexes that held rows a second time. Every lookup of a
-- First two every query had a narrower twin for. Every lookup of a
-- volunteer by ID number asks for the live ones (idx_volunteers_live_id_number), and no query
-- looks a volunteer up by mobile number in the register's table (searches read the reversed
-- numbers of volunteer_search; the 手机 order reads idx_volunteers_live_mobile). Fewer bytes per
-- record and less to write per volunteer.
DROP INDEX idx_volunteers_id_number;
DROP INDEX idx_volunteers_mobile;

-- The running totals of a year, a half year or a quarter are read in one pass of the table
-- itself (its key keeps a period's rows together, and a row is hardly longer than an entry of
-- the index was): the bands of hours are counted and the most hours set aside on the way. The
-- indexes of who served, by hours, held every row a second time.
DROP INDEX idx_volunteer_years_served;
DROP INDEX idx_volunteer_spans_served;
