-- The schema of a new database (data version 33), as the steps in this folder
-- build it. Generated: UPDATE_SCHEMA=1 cargo test --test schema. Do not edit.

CREATE TABLE "activities" (
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    category TEXT NOT NULL,
    key_date TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL,
    start_time TEXT NOT NULL DEFAULT '',
    end_time TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    organizer_id TEXT REFERENCES units(id),
    team_id TEXT REFERENCES teams(id),
    leader TEXT NOT NULL DEFAULT '',
    beneficiaries TEXT NOT NULL DEFAULT '',
    served_count INTEGER NOT NULL DEFAULT 0,
    content TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    publicity TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '计划中',
    recorder TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT,
    counted INTEGER GENERATED ALWAYS AS (deleted_at IS NULL AND status = '已完成') VIRTUAL,
    key INTEGER PRIMARY KEY
);

CREATE TABLE "activity_facts" (
    date TEXT NOT NULL,
    activity_key INTEGER NOT NULL,
    category TEXT NOT NULL,
    status TEXT NOT NULL,
    served_count INTEGER NOT NULL,
    organizer_id TEXT,
    team_id TEXT,
    key_date TEXT NOT NULL,
    participations INTEGER NOT NULL,
    hours_tenths INTEGER NOT NULL,
    counted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (date, activity_key)
) WITHOUT ROWID;

CREATE TABLE attachments (
    id TEXT PRIMARY KEY NOT NULL,
    owner_kind TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    mime TEXT NOT NULL DEFAULT '',
    size_bytes INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);

CREATE TABLE certificates (
    id TEXT PRIMARY KEY NOT NULL,
    serial TEXT NOT NULL UNIQUE,
    volunteer_id TEXT NOT NULL REFERENCES volunteers(id),
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    hours_tenths INTEGER NOT NULL,
    content TEXT NOT NULL DEFAULT '',
    issuer_id TEXT REFERENCES units(id),
    issued_on TEXT NOT NULL,
    handler TEXT NOT NULL DEFAULT '',
    remark TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
, leader TEXT NOT NULL DEFAULT '');

CREATE TABLE complaints (
    id TEXT PRIMARY KEY NOT NULL,
    volunteer_id TEXT NOT NULL REFERENCES volunteers(id),
    received_on TEXT NOT NULL,
    content TEXT NOT NULL,
    outcome TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);

CREATE TABLE custom_key_dates (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
    year INTEGER,
    themes TEXT NOT NULL DEFAULT '',
    categories TEXT NOT NULL DEFAULT '',
    hides_builtin TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);

CREATE TABLE exchange_alias (
    from_id TEXT PRIMARY KEY NOT NULL,
    to_id TEXT NOT NULL,
    tbl TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE exchange_base (
    id TEXT PRIMARY KEY NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE exchange_conflicts (
    id INTEGER PRIMARY KEY,
    tbl TEXT NOT NULL,
    record_id TEXT NOT NULL,
    station TEXT NOT NULL,
    package_id TEXT NOT NULL,
    local_updated_at TEXT NOT NULL,
    incoming_updated_at TEXT NOT NULL,
    incoming TEXT NOT NULL,
    found_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution TEXT NOT NULL DEFAULT '',
    UNIQUE (record_id, incoming_updated_at)
);

CREATE TABLE exchange_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    direction TEXT NOT NULL,
    package_id TEXT NOT NULL,
    station TEXT NOT NULL,
    file TEXT NOT NULL,
    whole INTEGER NOT NULL DEFAULT 0,
    added INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    conflicts INTEGER NOT NULL DEFAULT 0,
    merged INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE exchange_tombstones (
    id TEXT PRIMARY KEY NOT NULL,
    tbl TEXT NOT NULL,
    purged_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE export_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    what TEXT NOT NULL,
    file TEXT NOT NULL,
    people INTEGER NOT NULL,
    station TEXT NOT NULL DEFAULT ''
);

CREATE TABLE honors (
    id TEXT PRIMARY KEY NOT NULL,
    volunteer_id TEXT REFERENCES volunteers(id),
    team_id TEXT REFERENCES teams(id),
    title TEXT NOT NULL,
    level TEXT NOT NULL DEFAULT '',
    awarded_on TEXT NOT NULL,
    issuer TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);

CREATE TABLE info_reports (
    id TEXT PRIMARY KEY NOT NULL,
    title TEXT NOT NULL,
    sent_on TEXT NOT NULL,
    sent_to TEXT NOT NULL DEFAULT '',
    activity_id TEXT REFERENCES activities(id),
    adopted INTEGER NOT NULL DEFAULT 0,
    adopted_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);

CREATE TABLE need_activities (
    id TEXT PRIMARY KEY NOT NULL,
    need_id TEXT NOT NULL REFERENCES needs(id),
    activity_id TEXT NOT NULL REFERENCES activities(id),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT,
    UNIQUE (need_id, activity_id)
);

CREATE TABLE needs (
    id TEXT PRIMARY KEY NOT NULL,
    community_id TEXT REFERENCES units(id),
    kind TEXT NOT NULL,
    person TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '待对接',
    team_id TEXT REFERENCES teams(id),
    recorded_on TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);

CREATE TABLE "participation_rows" (
    id NOT NULL,
    activity_ref INTEGER NOT NULL REFERENCES activities(key),
    volunteer_ref INTEGER NOT NULL REFERENCES volunteers(key),
    hours_tenths INTEGER NOT NULL CHECK (hours_tenths >= 0),
    evaluation TEXT NOT NULL DEFAULT '',
    remark TEXT NOT NULL DEFAULT '',
    created_at NOT NULL, updated_at NOT NULL, origin NOT NULL, deleted_at TEXT,
    UNIQUE (activity_ref, volunteer_ref)
);

CREATE TABLE "platform_entries" (
    id TEXT PRIMARY KEY NOT NULL,
    activity_id TEXT NOT NULL REFERENCES activities(id),
    platform TEXT NOT NULL,
    entered_on TEXT NOT NULL,
    entered_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);

CREATE TABLE "platform_templates" (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    file_name TEXT NOT NULL,
    file BLOB NOT NULL,
    header_row INTEGER NOT NULL,
    -- The columns as JSON: what each header holds (a field, a fixed text, or 留空).
    columns TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);

CREATE TABLE settings (
    id TEXT PRIMARY KEY NOT NULL,
    key TEXT NOT NULL UNIQUE,
    value TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);

CREATE TABLE stations (key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);

CREATE TABLE submissions (
    id TEXT PRIMARY KEY NOT NULL,
    year INTEGER NOT NULL,
    document TEXT NOT NULL,
    submitted_on TEXT NOT NULL,
    method TEXT NOT NULL DEFAULT '',
    remark TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);

CREATE TABLE summary_narratives (
    id TEXT PRIMARY KEY NOT NULL,
    period TEXT NOT NULL,
    section TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT,
    UNIQUE (period, section)
);

CREATE TABLE team_members (
    id TEXT PRIMARY KEY NOT NULL,
    team_id TEXT NOT NULL REFERENCES teams(id),
    volunteer_id TEXT NOT NULL REFERENCES volunteers(id),
    joined_on TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT,
    UNIQUE (team_id, volunteer_id)
);

CREATE TABLE teams (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL,
    unit_id TEXT REFERENCES units(id),
    leader_id TEXT REFERENCES volunteers(id),
    founded_on TEXT,
    description TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);

CREATE TABLE training_attendance (
    id TEXT PRIMARY KEY NOT NULL,
    training_id TEXT NOT NULL REFERENCES trainings(id),
    volunteer_id TEXT NOT NULL REFERENCES volunteers(id),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT,
    UNIQUE (training_id, volunteer_id)
);

CREATE TABLE trainings (
    id TEXT PRIMARY KEY NOT NULL,
    date TEXT NOT NULL,
    topic TEXT NOT NULL,
    location TEXT NOT NULL DEFAULT '',
    organizer_id TEXT REFERENCES units(id),
    trainer TEXT NOT NULL DEFAULT '',
    hours_tenths INTEGER NOT NULL DEFAULT 0,
    content TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
, staff TEXT NOT NULL DEFAULT '');

CREATE TABLE unit_contacts (
    id TEXT PRIMARY KEY NOT NULL,
    unit_id TEXT NOT NULL REFERENCES units(id),
    leader_name TEXT NOT NULL DEFAULT '',
    leader_title TEXT NOT NULL DEFAULT '',
    leader_office_phone TEXT NOT NULL DEFAULT '',
    leader_mobile TEXT NOT NULL DEFAULT '',
    department TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL DEFAULT '',
    contact_title TEXT NOT NULL DEFAULT '',
    contact_office_phone TEXT NOT NULL DEFAULT '',
    contact_mobile TEXT NOT NULL DEFAULT '',
    contact_fax TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    remark TEXT NOT NULL DEFAULT '',
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);

CREATE TABLE units (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    parent_id TEXT REFERENCES units(id),
    address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    fax TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    remark TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);

CREATE TABLE "volunteer_kinds" (
    kind TEXT NOT NULL,
    volunteer_key INTEGER NOT NULL,
    PRIMARY KEY (kind, volunteer_key)
) WITHOUT ROWID;

CREATE TABLE "volunteer_months" (
    month INTEGER NOT NULL,
    volunteer_key INTEGER NOT NULL,
    participations INTEGER NOT NULL,
    hours_tenths INTEGER NOT NULL,
    PRIMARY KEY (month, volunteer_key)
) WITHOUT ROWID;

CREATE TABLE "volunteer_search" (
    volunteer_key INTEGER PRIMARY KEY,
    number TEXT NOT NULL,
    pinyin TEXT NOT NULL,
    initials TEXT NOT NULL,
    mobile_rev TEXT NOT NULL,
    id_rev TEXT NOT NULL,
    live INTEGER NOT NULL DEFAULT 1,
    community TEXT NOT NULL DEFAULT '',
    total_tenths INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE volunteer_spans (
    span INTEGER NOT NULL,
    volunteer_key INTEGER NOT NULL,
    participations INTEGER NOT NULL,
    hours_tenths INTEGER NOT NULL,
    PRIMARY KEY (span, hours_tenths, volunteer_key)
) WITHOUT ROWID;

CREATE TABLE volunteer_years (
    year INTEGER NOT NULL,
    volunteer_key INTEGER NOT NULL,
    participations INTEGER NOT NULL,
    hours_tenths INTEGER NOT NULL,
    PRIMARY KEY (year, hours_tenths, volunteer_key)
) WITHOUT ROWID;

CREATE TABLE "volunteers" (
    id TEXT NOT NULL UNIQUE,
    number TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    gender TEXT NOT NULL DEFAULT '',
    id_type TEXT NOT NULL DEFAULT '居民身份证',
    id_number TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    mobile TEXT NOT NULL DEFAULT '',
    political_status TEXT NOT NULL DEFAULT '群众',
    community_id TEXT REFERENCES units(id),
    workplace TEXT NOT NULL DEFAULT '',
    skills TEXT NOT NULL DEFAULT '',
    kinds TEXT NOT NULL DEFAULT '',
    registered_on TEXT NOT NULL,
    national_registered INTEGER NOT NULL DEFAULT 0,
    national_number TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '在册',
    consent INTEGER NOT NULL DEFAULT 0,
    consent_date TEXT,
    remark TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT,
    key INTEGER PRIMARY KEY
);

CREATE INDEX idx_activities_category_date ON activities(category, date);

CREATE INDEX idx_activities_date ON activities(date);

CREATE INDEX idx_activities_deleted ON activities(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE INDEX idx_activities_live_category ON activities(category, start_time)
    WHERE deleted_at IS NULL;

CREATE INDEX idx_activities_live_location ON activities(location, start_time)
    WHERE deleted_at IS NULL;

CREATE INDEX idx_activities_live_status ON activities(status, start_time)
    WHERE deleted_at IS NULL;

CREATE INDEX idx_activities_live_title ON activities(title, start_time)
    WHERE deleted_at IS NULL;

CREATE INDEX idx_activity_facts_activity ON activity_facts(activity_key);

CREATE INDEX idx_activity_facts_organizer ON activity_facts(organizer_id, date);

CREATE INDEX idx_activity_facts_team ON activity_facts(team_id, date);

CREATE INDEX idx_attachments_owner ON attachments(owner_kind, owner_id);

CREATE INDEX idx_certificates_volunteer ON certificates(volunteer_id);

CREATE INDEX idx_complaints_volunteer ON complaints(volunteer_id);

CREATE INDEX idx_exchange_log_package ON exchange_log(package_id);

CREATE INDEX idx_exchange_tombstones_at ON exchange_tombstones(purged_at);

CREATE INDEX idx_export_log_at ON export_log(at);

CREATE INDEX idx_honors_awarded ON honors(awarded_on);

CREATE INDEX idx_info_reports_sent ON info_reports(sent_on);

CREATE INDEX idx_need_activities_activity ON need_activities(activity_id);

CREATE UNIQUE INDEX idx_participation_rows_id ON participation_rows (id);

CREATE INDEX idx_participation_rows_volunteer ON participation_rows(volunteer_ref, deleted_at);

CREATE UNIQUE INDEX idx_platform_entries_activity ON platform_entries(activity_id);

CREATE UNIQUE INDEX idx_platform_templates_name ON platform_templates(name);

CREATE INDEX idx_submissions_year ON submissions(year, document);

CREATE INDEX idx_team_members_volunteer ON team_members(volunteer_id);

CREATE INDEX idx_teams_deleted ON teams(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE INDEX idx_training_attendance_volunteer ON training_attendance(volunteer_id);

CREATE INDEX idx_unit_contacts_unit ON unit_contacts(unit_id, valid_from);

CREATE INDEX idx_units_parent ON units(parent_id);

CREATE INDEX idx_volunteer_search_id ON volunteer_search(id_rev);

CREATE INDEX idx_volunteer_search_initials ON volunteer_search(initials);

CREATE INDEX idx_volunteer_search_mobile ON volunteer_search(mobile_rev);

CREATE INDEX idx_volunteers_community
    ON volunteers(community_id, deleted_at, number, registered_on);

CREATE INDEX idx_volunteers_deleted ON volunteers(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE INDEX idx_volunteers_live_gender ON volunteers(gender, number) WHERE deleted_at IS NULL;

CREATE INDEX idx_volunteers_live_id_number ON volunteers(id_number, number) WHERE deleted_at IS NULL;

CREATE INDEX idx_volunteers_live_mobile ON volunteers(mobile, number) WHERE deleted_at IS NULL;

CREATE INDEX idx_volunteers_live_number ON volunteers(number) WHERE deleted_at IS NULL;

CREATE INDEX idx_volunteers_live_political ON volunteers(political_status, number) WHERE deleted_at IS NULL;

CREATE INDEX idx_volunteers_live_registered ON volunteers(registered_on)
    WHERE deleted_at IS NULL;

CREATE INDEX idx_volunteers_live_status ON volunteers(status, number) WHERE deleted_at IS NULL;

CREATE INDEX idx_volunteers_name ON volunteers(name);

CREATE INDEX idx_vs_hours ON volunteer_search(total_tenths, number, live);

CREATE INDEX idx_vs_live_community ON volunteer_search(community, number) WHERE live = 1;

CREATE INDEX idx_vs_live_pinyin ON volunteer_search(pinyin, number) WHERE live = 1;

CREATE VIEW participations (id, activity_id, volunteer_id, hours_tenths, evaluation,
                            remark, created_at, updated_at, origin, deleted_at) AS
SELECT CAST(CASE typeof(r.id) WHEN 'blob' THEN lower(hex(substr(r.id, 1, 4)) || '-' || hex(substr(r.id, 5, 2)) || '-' || hex(substr(r.id, 7, 2)) || '-' || hex(substr(r.id, 9, 2)) || '-' || hex(substr(r.id, 11))) ELSE r.id END AS TEXT), a.id, v.id, r.hours_tenths, r.evaluation, r.remark, CAST(CASE typeof(r.created_at) WHEN 'integer' THEN strftime('%Y-%m-%dT%H:%M:%S', r.created_at / 1000, 'unixepoch') || printf('.%03dZ', r.created_at % 1000) ELSE r.created_at END AS TEXT), CAST(CASE typeof(r.updated_at) WHEN 'integer' THEN strftime('%Y-%m-%dT%H:%M:%S', r.updated_at / 1000, 'unixepoch') || printf('.%03dZ', r.updated_at % 1000) ELSE r.updated_at END AS TEXT), CAST(CASE typeof(r.origin) WHEN 'integer' THEN (SELECT id FROM stations WHERE key = r.origin) ELSE r.origin END AS TEXT),
       r.deleted_at
FROM participation_rows r JOIN activities a ON a.key = r.activity_ref
JOIN volunteers v ON v.key = r.volunteer_ref;

CREATE TRIGGER trg_activity_counted AFTER UPDATE OF status, deleted_at ON activities
WHEN old.counted IS NOT new.counted
BEGIN
    UPDATE volunteer_search SET total_tenths = (
        SELECT coalesce(sum(p.hours_tenths), 0)
        FROM participation_rows p JOIN activities a ON a.key = p.activity_ref
        WHERE p.volunteer_ref = volunteer_search.volunteer_key AND p.deleted_at IS NULL
          AND a.counted)
    WHERE volunteer_key IN (SELECT volunteer_ref FROM participation_rows
                            WHERE activity_ref = new.key);
END;

CREATE TRIGGER trg_facts_delete AFTER DELETE ON activities
BEGIN
    DELETE FROM activity_facts WHERE date = old.date AND activity_key = old.key;
END;

CREATE TRIGGER trg_facts_insert AFTER INSERT ON activities
WHEN new.deleted_at IS NULL
BEGIN
    INSERT INTO activity_facts (date, activity_key, category, status, served_count,
                                organizer_id, team_id, key_date, participations, hours_tenths,
                                counted)
    SELECT new.date, new.key, new.category, new.status, new.served_count, new.organizer_id,
           new.team_id, new.key_date, count(*), coalesce(sum(hours_tenths), 0), new.counted
    FROM participation_rows WHERE activity_ref = new.key AND deleted_at IS NULL;
END;

CREATE TRIGGER trg_facts_update
AFTER UPDATE OF date, category, status, served_count, organizer_id, team_id, key_date, deleted_at
ON activities
WHEN old.date IS NOT new.date OR old.category IS NOT new.category
  OR old.status IS NOT new.status OR old.served_count IS NOT new.served_count
  OR old.organizer_id IS NOT new.organizer_id OR old.team_id IS NOT new.team_id
  OR old.key_date IS NOT new.key_date OR old.deleted_at IS NOT new.deleted_at
BEGIN
    DELETE FROM activity_facts WHERE date = old.date AND activity_key = old.key;
    INSERT INTO activity_facts (date, activity_key, category, status, served_count,
                                organizer_id, team_id, key_date, participations, hours_tenths,
                                counted)
    SELECT new.date, new.key, new.category, new.status, new.served_count, new.organizer_id,
           new.team_id, new.key_date, count(*), coalesce(sum(hours_tenths), 0), new.counted
    FROM participation_rows WHERE activity_ref = new.key AND deleted_at IS NULL
      AND new.deleted_at IS NULL
    HAVING new.deleted_at IS NULL;
END;

CREATE TRIGGER trg_months_fixed BEFORE UPDATE OF month, volunteer_key ON volunteer_months
WHEN old.month IS NOT new.month OR old.volunteer_key IS NOT new.volunteer_key
BEGIN
    SELECT RAISE(ABORT, '每月服务统计的月份和志愿者不能更改');
END;

CREATE TRIGGER trg_participation_delete AFTER DELETE ON participation_rows
BEGIN
    UPDATE volunteer_search SET total_tenths = (
        SELECT coalesce(sum(p.hours_tenths), 0)
        FROM participation_rows p JOIN activities a ON a.key = p.activity_ref
        WHERE p.volunteer_ref = old.volunteer_ref AND p.deleted_at IS NULL AND a.counted)
    WHERE volunteer_key = old.volunteer_ref;
END;

CREATE TRIGGER trg_participation_insert AFTER INSERT ON participation_rows
WHEN new.deleted_at IS NULL
BEGIN
    UPDATE volunteer_search SET total_tenths = total_tenths + new.hours_tenths
    WHERE volunteer_key = new.volunteer_ref
      AND EXISTS (SELECT 1 FROM activities a WHERE a.key = new.activity_ref AND a.counted);
END;

CREATE TRIGGER trg_participation_update
AFTER UPDATE OF hours_tenths, deleted_at, volunteer_ref, activity_ref ON participation_rows
BEGIN
    UPDATE volunteer_search SET total_tenths = (
        SELECT coalesce(sum(p.hours_tenths), 0)
        FROM participation_rows p JOIN activities a ON a.key = p.activity_ref
        WHERE p.volunteer_ref = volunteer_search.volunteer_key AND p.deleted_at IS NULL
          AND a.counted)
    WHERE volunteer_key IN (old.volunteer_ref, new.volunteer_ref);
END;

CREATE TRIGGER trg_participations_delete INSTEAD OF DELETE ON participations
BEGIN
    DELETE FROM participation_rows WHERE id = CASE WHEN old.id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' THEN unhex(replace(old.id, '-', '')) ELSE CAST(old.id AS TEXT) END;
END;

CREATE TRIGGER trg_participations_insert INSTEAD OF INSERT ON participations
BEGIN
    INSERT OR IGNORE INTO stations (id) VALUES (new.origin);
    INSERT INTO participation_rows (id, activity_ref, volunteer_ref, hours_tenths, evaluation,
                                    remark, created_at, updated_at, origin, deleted_at)
    VALUES (CASE WHEN new.id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' THEN unhex(replace(new.id, '-', '')) ELSE CAST(new.id AS TEXT) END, (SELECT key FROM activities WHERE id = new.activity_id),
            (SELECT key FROM volunteers WHERE id = new.volunteer_id), new.hours_tenths,
            coalesce(new.evaluation, ''), coalesce(new.remark, ''), CASE WHEN new.created_at >= '1970' AND strftime('%Y-%m-%dT%H:%M:%fZ', new.created_at) IS new.created_at THEN CAST(round(unixepoch(new.created_at, 'subsec') * 1000) AS INTEGER) ELSE CAST(new.created_at AS TEXT) END,
            CASE WHEN new.updated_at >= '1970' AND strftime('%Y-%m-%dT%H:%M:%fZ', new.updated_at) IS new.updated_at THEN CAST(round(unixepoch(new.updated_at, 'subsec') * 1000) AS INTEGER) ELSE CAST(new.updated_at AS TEXT) END, coalesce((SELECT key FROM stations WHERE id = new.origin), CAST(new.origin AS TEXT)), new.deleted_at);
END;

CREATE TRIGGER trg_participations_update INSTEAD OF UPDATE ON participations
BEGIN
    -- Each part only when it changed: an index holding a column set is written again even
    -- when its value stays, and the counting triggers follow hours, removal and references.
    UPDATE participation_rows SET hours_tenths = new.hours_tenths, deleted_at = new.deleted_at
    WHERE id = CASE WHEN old.id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' THEN unhex(replace(old.id, '-', '')) ELSE CAST(old.id AS TEXT) END
      AND (new.hours_tenths IS NOT old.hours_tenths OR new.deleted_at IS NOT old.deleted_at);
    UPDATE participation_rows SET
        activity_ref = (SELECT key FROM activities WHERE id = new.activity_id),
        volunteer_ref = (SELECT key FROM volunteers WHERE id = new.volunteer_id)
    WHERE id = CASE WHEN old.id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' THEN unhex(replace(old.id, '-', '')) ELSE CAST(old.id AS TEXT) END
      AND (new.activity_id IS NOT old.activity_id OR new.volunteer_id IS NOT old.volunteer_id);
    INSERT OR IGNORE INTO stations (id) SELECT new.origin WHERE new.origin IS NOT old.origin;
    UPDATE participation_rows SET evaluation = new.evaluation, remark = new.remark,
        created_at = CASE WHEN new.created_at >= '1970' AND strftime('%Y-%m-%dT%H:%M:%fZ', new.created_at) IS new.created_at THEN CAST(round(unixepoch(new.created_at, 'subsec') * 1000) AS INTEGER) ELSE CAST(new.created_at AS TEXT) END, updated_at = CASE WHEN new.updated_at >= '1970' AND strftime('%Y-%m-%dT%H:%M:%fZ', new.updated_at) IS new.updated_at THEN CAST(round(unixepoch(new.updated_at, 'subsec') * 1000) AS INTEGER) ELSE CAST(new.updated_at AS TEXT) END, origin = coalesce((SELECT key FROM stations WHERE id = new.origin), CAST(new.origin AS TEXT))
    WHERE id = CASE WHEN old.id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' THEN unhex(replace(old.id, '-', '')) ELSE CAST(old.id AS TEXT) END;
    UPDATE participation_rows SET id = CASE WHEN new.id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' THEN unhex(replace(new.id, '-', '')) ELSE CAST(new.id AS TEXT) END WHERE id = CASE WHEN old.id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' THEN unhex(replace(old.id, '-', '')) ELSE CAST(old.id AS TEXT) END AND new.id IS NOT old.id;
END;

CREATE TRIGGER trg_spans_delete AFTER DELETE ON volunteer_months
BEGIN
    DELETE FROM volunteer_years WHERE year = (old.month / 100)
      AND hours_tenths = (SELECT coalesce(sum(hours_tenths), 0) FROM volunteer_months WHERE volunteer_key = old.volunteer_key AND month IN ((old.month - (old.month % 100 - 1) % 12) + 0, (old.month - (old.month % 100 - 1) % 12) + 1, (old.month - (old.month % 100 - 1) % 12) + 2, (old.month - (old.month % 100 - 1) % 12) + 3, (old.month - (old.month % 100 - 1) % 12) + 4, (old.month - (old.month % 100 - 1) % 12) + 5, (old.month - (old.month % 100 - 1) % 12) + 6, (old.month - (old.month % 100 - 1) % 12) + 7, (old.month - (old.month % 100 - 1) % 12) + 8, (old.month - (old.month % 100 - 1) % 12) + 9, (old.month - (old.month % 100 - 1) % 12) + 10, (old.month - (old.month % 100 - 1) % 12) + 11)) - (-old.hours_tenths)
      AND volunteer_key = old.volunteer_key;
    INSERT OR REPLACE INTO volunteer_years (year, volunteer_key, participations, hours_tenths)
    SELECT (old.month / 100), old.volunteer_key, sum(participations), sum(hours_tenths) FROM volunteer_months WHERE volunteer_key = old.volunteer_key AND month IN ((old.month - (old.month % 100 - 1) % 12) + 0, (old.month - (old.month % 100 - 1) % 12) + 1, (old.month - (old.month % 100 - 1) % 12) + 2, (old.month - (old.month % 100 - 1) % 12) + 3, (old.month - (old.month % 100 - 1) % 12) + 4, (old.month - (old.month % 100 - 1) % 12) + 5, (old.month - (old.month % 100 - 1) % 12) + 6, (old.month - (old.month % 100 - 1) % 12) + 7, (old.month - (old.month % 100 - 1) % 12) + 8, (old.month - (old.month % 100 - 1) % 12) + 9, (old.month - (old.month % 100 - 1) % 12) + 10, (old.month - (old.month % 100 - 1) % 12) + 11)
    HAVING sum(participations) > 0;
    DELETE FROM volunteer_spans WHERE span = (old.month / 100 * 10 + (old.month % 100 + 2) / 3)
      AND hours_tenths = (SELECT coalesce(sum(hours_tenths), 0) FROM volunteer_months WHERE volunteer_key = old.volunteer_key AND month IN ((old.month - (old.month % 100 - 1) % 3) + 0, (old.month - (old.month % 100 - 1) % 3) + 1, (old.month - (old.month % 100 - 1) % 3) + 2)) - (-old.hours_tenths)
      AND volunteer_key = old.volunteer_key;
    INSERT OR REPLACE INTO volunteer_spans (span, volunteer_key, participations, hours_tenths)
    SELECT (old.month / 100 * 10 + (old.month % 100 + 2) / 3), old.volunteer_key, sum(participations), sum(hours_tenths) FROM volunteer_months WHERE volunteer_key = old.volunteer_key AND month IN ((old.month - (old.month % 100 - 1) % 3) + 0, (old.month - (old.month % 100 - 1) % 3) + 1, (old.month - (old.month % 100 - 1) % 3) + 2)
    HAVING sum(participations) > 0;
    DELETE FROM volunteer_spans WHERE span = (old.month / 100 * 10 + 4 + (old.month % 100 + 5) / 6)
      AND hours_tenths = (SELECT coalesce(sum(hours_tenths), 0) FROM volunteer_months WHERE volunteer_key = old.volunteer_key AND month IN ((old.month - (old.month % 100 - 1) % 6) + 0, (old.month - (old.month % 100 - 1) % 6) + 1, (old.month - (old.month % 100 - 1) % 6) + 2, (old.month - (old.month % 100 - 1) % 6) + 3, (old.month - (old.month % 100 - 1) % 6) + 4, (old.month - (old.month % 100 - 1) % 6) + 5)) - (-old.hours_tenths)
      AND volunteer_key = old.volunteer_key;
    INSERT OR REPLACE INTO volunteer_spans (span, volunteer_key, participations, hours_tenths)
    SELECT (old.month / 100 * 10 + 4 + (old.month % 100 + 5) / 6), old.volunteer_key, sum(participations), sum(hours_tenths) FROM volunteer_months WHERE volunteer_key = old.volunteer_key AND month IN ((old.month - (old.month % 100 - 1) % 6) + 0, (old.month - (old.month % 100 - 1) % 6) + 1, (old.month - (old.month % 100 - 1) % 6) + 2, (old.month - (old.month % 100 - 1) % 6) + 3, (old.month - (old.month % 100 - 1) % 6) + 4, (old.month - (old.month % 100 - 1) % 6) + 5)
    HAVING sum(participations) > 0;
END;

CREATE TRIGGER trg_spans_insert AFTER INSERT ON volunteer_months
BEGIN
    DELETE FROM volunteer_years WHERE year = (new.month / 100)
      AND hours_tenths = (SELECT coalesce(sum(hours_tenths), 0) FROM volunteer_months WHERE volunteer_key = new.volunteer_key AND month IN ((new.month - (new.month % 100 - 1) % 12) + 0, (new.month - (new.month % 100 - 1) % 12) + 1, (new.month - (new.month % 100 - 1) % 12) + 2, (new.month - (new.month % 100 - 1) % 12) + 3, (new.month - (new.month % 100 - 1) % 12) + 4, (new.month - (new.month % 100 - 1) % 12) + 5, (new.month - (new.month % 100 - 1) % 12) + 6, (new.month - (new.month % 100 - 1) % 12) + 7, (new.month - (new.month % 100 - 1) % 12) + 8, (new.month - (new.month % 100 - 1) % 12) + 9, (new.month - (new.month % 100 - 1) % 12) + 10, (new.month - (new.month % 100 - 1) % 12) + 11)) - (new.hours_tenths)
      AND volunteer_key = new.volunteer_key;
    INSERT OR REPLACE INTO volunteer_years (year, volunteer_key, participations, hours_tenths)
    SELECT (new.month / 100), new.volunteer_key, sum(participations), sum(hours_tenths) FROM volunteer_months WHERE volunteer_key = new.volunteer_key AND month IN ((new.month - (new.month % 100 - 1) % 12) + 0, (new.month - (new.month % 100 - 1) % 12) + 1, (new.month - (new.month % 100 - 1) % 12) + 2, (new.month - (new.month % 100 - 1) % 12) + 3, (new.month - (new.month % 100 - 1) % 12) + 4, (new.month - (new.month % 100 - 1) % 12) + 5, (new.month - (new.month % 100 - 1) % 12) + 6, (new.month - (new.month % 100 - 1) % 12) + 7, (new.month - (new.month % 100 - 1) % 12) + 8, (new.month - (new.month % 100 - 1) % 12) + 9, (new.month - (new.month % 100 - 1) % 12) + 10, (new.month - (new.month % 100 - 1) % 12) + 11)
    HAVING sum(participations) > 0;
    DELETE FROM volunteer_spans WHERE span = (new.month / 100 * 10 + (new.month % 100 + 2) / 3)
      AND hours_tenths = (SELECT coalesce(sum(hours_tenths), 0) FROM volunteer_months WHERE volunteer_key = new.volunteer_key AND month IN ((new.month - (new.month % 100 - 1) % 3) + 0, (new.month - (new.month % 100 - 1) % 3) + 1, (new.month - (new.month % 100 - 1) % 3) + 2)) - (new.hours_tenths)
      AND volunteer_key = new.volunteer_key;
    INSERT OR REPLACE INTO volunteer_spans (span, volunteer_key, participations, hours_tenths)
    SELECT (new.month / 100 * 10 + (new.month % 100 + 2) / 3), new.volunteer_key, sum(participations), sum(hours_tenths) FROM volunteer_months WHERE volunteer_key = new.volunteer_key AND month IN ((new.month - (new.month % 100 - 1) % 3) + 0, (new.month - (new.month % 100 - 1) % 3) + 1, (new.month - (new.month % 100 - 1) % 3) + 2)
    HAVING sum(participations) > 0;
    DELETE FROM volunteer_spans WHERE span = (new.month / 100 * 10 + 4 + (new.month % 100 + 5) / 6)
      AND hours_tenths = (SELECT coalesce(sum(hours_tenths), 0) FROM volunteer_months WHERE volunteer_key = new.volunteer_key AND month IN ((new.month - (new.month % 100 - 1) % 6) + 0, (new.month - (new.month % 100 - 1) % 6) + 1, (new.month - (new.month % 100 - 1) % 6) + 2, (new.month - (new.month % 100 - 1) % 6) + 3, (new.month - (new.month % 100 - 1) % 6) + 4, (new.month - (new.month % 100 - 1) % 6) + 5)) - (new.hours_tenths)
      AND volunteer_key = new.volunteer_key;
    INSERT OR REPLACE INTO volunteer_spans (span, volunteer_key, participations, hours_tenths)
    SELECT (new.month / 100 * 10 + 4 + (new.month % 100 + 5) / 6), new.volunteer_key, sum(participations), sum(hours_tenths) FROM volunteer_months WHERE volunteer_key = new.volunteer_key AND month IN ((new.month - (new.month % 100 - 1) % 6) + 0, (new.month - (new.month % 100 - 1) % 6) + 1, (new.month - (new.month % 100 - 1) % 6) + 2, (new.month - (new.month % 100 - 1) % 6) + 3, (new.month - (new.month % 100 - 1) % 6) + 4, (new.month - (new.month % 100 - 1) % 6) + 5)
    HAVING sum(participations) > 0;
END;

CREATE TRIGGER trg_spans_update AFTER UPDATE OF participations, hours_tenths
ON volunteer_months
BEGIN
    DELETE FROM volunteer_years WHERE year = (new.month / 100)
      AND hours_tenths = (SELECT coalesce(sum(hours_tenths), 0) FROM volunteer_months WHERE volunteer_key = new.volunteer_key AND month IN ((new.month - (new.month % 100 - 1) % 12) + 0, (new.month - (new.month % 100 - 1) % 12) + 1, (new.month - (new.month % 100 - 1) % 12) + 2, (new.month - (new.month % 100 - 1) % 12) + 3, (new.month - (new.month % 100 - 1) % 12) + 4, (new.month - (new.month % 100 - 1) % 12) + 5, (new.month - (new.month % 100 - 1) % 12) + 6, (new.month - (new.month % 100 - 1) % 12) + 7, (new.month - (new.month % 100 - 1) % 12) + 8, (new.month - (new.month % 100 - 1) % 12) + 9, (new.month - (new.month % 100 - 1) % 12) + 10, (new.month - (new.month % 100 - 1) % 12) + 11)) - (new.hours_tenths - old.hours_tenths)
      AND volunteer_key = new.volunteer_key;
    INSERT OR REPLACE INTO volunteer_years (year, volunteer_key, participations, hours_tenths)
    SELECT (new.month / 100), new.volunteer_key, sum(participations), sum(hours_tenths) FROM volunteer_months WHERE volunteer_key = new.volunteer_key AND month IN ((new.month - (new.month % 100 - 1) % 12) + 0, (new.month - (new.month % 100 - 1) % 12) + 1, (new.month - (new.month % 100 - 1) % 12) + 2, (new.month - (new.month % 100 - 1) % 12) + 3, (new.month - (new.month % 100 - 1) % 12) + 4, (new.month - (new.month % 100 - 1) % 12) + 5, (new.month - (new.month % 100 - 1) % 12) + 6, (new.month - (new.month % 100 - 1) % 12) + 7, (new.month - (new.month % 100 - 1) % 12) + 8, (new.month - (new.month % 100 - 1) % 12) + 9, (new.month - (new.month % 100 - 1) % 12) + 10, (new.month - (new.month % 100 - 1) % 12) + 11)
    HAVING sum(participations) > 0;
    DELETE FROM volunteer_spans WHERE span = (new.month / 100 * 10 + (new.month % 100 + 2) / 3)
      AND hours_tenths = (SELECT coalesce(sum(hours_tenths), 0) FROM volunteer_months WHERE volunteer_key = new.volunteer_key AND month IN ((new.month - (new.month % 100 - 1) % 3) + 0, (new.month - (new.month % 100 - 1) % 3) + 1, (new.month - (new.month % 100 - 1) % 3) + 2)) - (new.hours_tenths - old.hours_tenths)
      AND volunteer_key = new.volunteer_key;
    INSERT OR REPLACE INTO volunteer_spans (span, volunteer_key, participations, hours_tenths)
    SELECT (new.month / 100 * 10 + (new.month % 100 + 2) / 3), new.volunteer_key, sum(participations), sum(hours_tenths) FROM volunteer_months WHERE volunteer_key = new.volunteer_key AND month IN ((new.month - (new.month % 100 - 1) % 3) + 0, (new.month - (new.month % 100 - 1) % 3) + 1, (new.month - (new.month % 100 - 1) % 3) + 2)
    HAVING sum(participations) > 0;
    DELETE FROM volunteer_spans WHERE span = (new.month / 100 * 10 + 4 + (new.month % 100 + 5) / 6)
      AND hours_tenths = (SELECT coalesce(sum(hours_tenths), 0) FROM volunteer_months WHERE volunteer_key = new.volunteer_key AND month IN ((new.month - (new.month % 100 - 1) % 6) + 0, (new.month - (new.month % 100 - 1) % 6) + 1, (new.month - (new.month % 100 - 1) % 6) + 2, (new.month - (new.month % 100 - 1) % 6) + 3, (new.month - (new.month % 100 - 1) % 6) + 4, (new.month - (new.month % 100 - 1) % 6) + 5)) - (new.hours_tenths - old.hours_tenths)
      AND volunteer_key = new.volunteer_key;
    INSERT OR REPLACE INTO volunteer_spans (span, volunteer_key, participations, hours_tenths)
    SELECT (new.month / 100 * 10 + 4 + (new.month % 100 + 5) / 6), new.volunteer_key, sum(participations), sum(hours_tenths) FROM volunteer_months WHERE volunteer_key = new.volunteer_key AND month IN ((new.month - (new.month % 100 - 1) % 6) + 0, (new.month - (new.month % 100 - 1) % 6) + 1, (new.month - (new.month % 100 - 1) % 6) + 2, (new.month - (new.month % 100 - 1) % 6) + 3, (new.month - (new.month % 100 - 1) % 6) + 4, (new.month - (new.month % 100 - 1) % 6) + 5)
    HAVING sum(participations) > 0;
END;

CREATE TRIGGER trg_tombstone_activities AFTER DELETE ON activities
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'activities', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_attachments AFTER DELETE ON attachments
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'attachments', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_certificates AFTER DELETE ON certificates
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'certificates', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_complaints AFTER DELETE ON complaints
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'complaints', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_custom_key_dates AFTER DELETE ON custom_key_dates
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'custom_key_dates', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_honors AFTER DELETE ON honors
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'honors', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_info_reports AFTER DELETE ON info_reports
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'info_reports', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_need_activities AFTER DELETE ON need_activities
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'need_activities', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_needs AFTER DELETE ON needs
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'needs', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_participations AFTER DELETE ON participation_rows
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (CAST(CASE typeof(old.id) WHEN 'blob' THEN lower(hex(substr(old.id, 1, 4)) || '-' || hex(substr(old.id, 5, 2)) || '-' || hex(substr(old.id, 7, 2)) || '-' || hex(substr(old.id, 9, 2)) || '-' || hex(substr(old.id, 11))) ELSE old.id END AS TEXT), 'participations', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_platform_entries AFTER DELETE ON platform_entries
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'platform_entries', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_platform_templates AFTER DELETE ON platform_templates
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'platform_templates', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_submissions AFTER DELETE ON submissions
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'submissions', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_summary_narratives AFTER DELETE ON summary_narratives
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'summary_narratives', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_team_members AFTER DELETE ON team_members
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'team_members', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_teams AFTER DELETE ON teams
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'teams', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_training_attendance AFTER DELETE ON training_attendance
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'training_attendance', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_trainings AFTER DELETE ON trainings
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'trainings', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_unit_contacts AFTER DELETE ON unit_contacts
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'unit_contacts', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_units AFTER DELETE ON units
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'units', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_tombstone_volunteers AFTER DELETE ON volunteers
BEGIN
    INSERT OR REPLACE INTO exchange_tombstones (id, tbl, purged_at)
    VALUES (old.id, 'volunteers', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER trg_totals_activity AFTER UPDATE OF date, status, deleted_at ON activities
WHEN old.date IS NOT new.date OR old.counted IS NOT new.counted
BEGIN
    UPDATE volunteer_months SET
        participations = participations - 1,
        hours_tenths = hours_tenths - (SELECT p.hours_tenths FROM participation_rows p
            WHERE p.activity_ref = old.key AND p.volunteer_ref = volunteer_months.volunteer_key)
    WHERE old.counted
      AND month = (substr(old.date, 1, 4) * 100 + substr(old.date, 6, 2))
      AND volunteer_key IN (SELECT volunteer_ref FROM participation_rows
                            WHERE activity_ref = old.key AND deleted_at IS NULL);
    INSERT INTO volunteer_months
    SELECT (substr(new.date, 1, 4) * 100 + substr(new.date, 6, 2)), p.volunteer_ref, 1, p.hours_tenths
    FROM participation_rows p WHERE p.activity_ref = new.key AND p.deleted_at IS NULL
      AND new.counted
    ON CONFLICT (month, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

CREATE TRIGGER trg_totals_delete AFTER DELETE ON participation_rows
WHEN old.deleted_at IS NULL
BEGIN
    UPDATE activity_facts SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE activity_key = old.activity_ref;
    UPDATE volunteer_months SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE volunteer_key = old.volunteer_ref
      AND month = (SELECT (substr(a.date, 1, 4) * 100 + substr(a.date, 6, 2)) FROM activities a WHERE a.key = old.activity_ref
                   AND a.counted);
END;

CREATE TRIGGER trg_totals_insert AFTER INSERT ON participation_rows
WHEN new.deleted_at IS NULL
BEGIN
    UPDATE activity_facts SET participations = participations + 1,
        hours_tenths = hours_tenths + new.hours_tenths
    WHERE activity_key = new.activity_ref;
    INSERT INTO volunteer_months
    SELECT (substr(a.date, 1, 4) * 100 + substr(a.date, 6, 2)), new.volunteer_ref, 1, new.hours_tenths
    FROM activities a WHERE a.key = new.activity_ref AND a.counted
    ON CONFLICT (month, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

CREATE TRIGGER trg_totals_update
AFTER UPDATE OF hours_tenths, deleted_at, volunteer_ref, activity_ref ON participation_rows
BEGIN
    UPDATE activity_facts SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE activity_key = old.activity_ref AND old.deleted_at IS NULL;
    UPDATE volunteer_months SET participations = participations - 1,
        hours_tenths = hours_tenths - old.hours_tenths
    WHERE old.deleted_at IS NULL AND volunteer_key = old.volunteer_ref
      AND month = (SELECT (substr(a.date, 1, 4) * 100 + substr(a.date, 6, 2)) FROM activities a WHERE a.key = old.activity_ref
                   AND a.counted);
    UPDATE activity_facts SET participations = participations + 1,
        hours_tenths = hours_tenths + new.hours_tenths
    WHERE activity_key = new.activity_ref AND new.deleted_at IS NULL;
    INSERT INTO volunteer_months
    SELECT (substr(a.date, 1, 4) * 100 + substr(a.date, 6, 2)), new.volunteer_ref, 1, new.hours_tenths
    FROM activities a WHERE a.key = new.activity_ref AND a.counted AND new.deleted_at IS NULL
    ON CONFLICT (month, volunteer_key) DO UPDATE SET participations = participations + 1,
        hours_tenths = hours_tenths + excluded.hours_tenths;
END;

CREATE TRIGGER trg_unit_name AFTER UPDATE OF name ON units
BEGIN
    UPDATE volunteer_search SET community = new.name
    WHERE volunteer_key IN (SELECT key FROM volunteers WHERE community_id = new.id);
END;

CREATE TRIGGER trg_volunteer_live AFTER UPDATE OF deleted_at ON volunteers
BEGIN
    UPDATE volunteer_search SET live = (new.deleted_at IS NULL) WHERE volunteer_key = new.key;
END;

