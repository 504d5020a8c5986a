-- Schema version 5: the live register in number order as its own small index, so a page deep
-- in the sorted list is found without reading the rows before it.

CREATE INDEX idx_volunteers_live_number ON volunteers(number) WHERE deleted_at IS NULL;
