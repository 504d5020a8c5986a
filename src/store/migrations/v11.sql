-- Schema version 11: the 负责人 who signs a 志愿服务记录证明 (the 经办人 is `handler`).

ALTER TABLE certificates ADD COLUMN leader TEXT NOT NULL DEFAULT '';
CREATE INDEX idx_certificates_volunteer ON certificates(volunteer_id);
