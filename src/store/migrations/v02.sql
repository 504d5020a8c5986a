-- Schema version 2: indexes for paged lists at a million volunteers, submission tracking,
-- and complaint records (《志愿服务记录办法》: 被投诉).

CREATE INDEX idx_volunteers_name ON volunteers(name);
CREATE INDEX idx_volunteers_community ON volunteers(community_id);
CREATE INDEX idx_volunteers_id_number ON volunteers(id_number);
CREATE INDEX idx_volunteers_mobile ON volunteers(mobile);
CREATE INDEX idx_units_parent ON units(parent_id);
CREATE INDEX idx_unit_contacts_unit ON unit_contacts(unit_id, valid_from);
CREATE INDEX idx_team_members_volunteer ON team_members(volunteer_id);
CREATE INDEX idx_activities_date ON activities(date);
CREATE INDEX idx_activities_category_date ON activities(category, date);
CREATE INDEX idx_participations_volunteer ON participations(volunteer_id);
CREATE INDEX idx_training_attendance_volunteer ON training_attendance(volunteer_id);
CREATE INDEX idx_honors_awarded ON honors(awarded_on);
CREATE INDEX idx_info_reports_sent ON info_reports(sent_on);
CREATE INDEX idx_attachments_owner ON attachments(owner_kind, owner_id);

CREATE TABLE submissions (
    id TEXT PRIMARY KEY NOT NULL,
    year INTEGER NOT NULL,
    document TEXT NOT NULL,
    submitted_on TEXT NOT NULL,
    method TEXT NOT NULL DEFAULT '',
    remark TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);
CREATE INDEX idx_submissions_year ON submissions(year, document);

CREATE TABLE complaints (
    id TEXT PRIMARY KEY NOT NULL,
    volunteer_id TEXT NOT NULL REFERENCES volunteers(id),
    received_on TEXT NOT NULL,
    content TEXT NOT NULL,
    outcome TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);
CREATE INDEX idx_complaints_volunteer ON complaints(volunteer_id);
