-- Schema version 22: the search box's pinyin range reads the live volunteers' pinyin index
-- (idx_vs_live_pinyin, which also holds the number the search returns, so no row is read), and
-- no query is left for the index of every volunteer's pinyin (about 10 bytes per service record
-- in a district's file). Deleted volunteers are never shown by a search.
DROP INDEX IF EXISTS idx_volunteer_search_pinyin;
