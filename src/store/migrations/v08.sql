-- Schema version 8: staff who attended a training without being in the register, typed by
-- name and joined by 、.

ALTER TABLE trainings ADD COLUMN staff TEXT NOT NULL DEFAULT '';
