-- Schema version 1: every entity of the domain.
-- Every record: UUID key, created_at, updated_at, origin (station id), deleted_at (soft delete).
-- Timestamps are UTC RFC 3339 text with milliseconds; dates are YYYY-MM-DD text.

CREATE TABLE settings (
    id TEXT PRIMARY KEY NOT NULL,
    key TEXT NOT NULL UNIQUE,
    value TEXT NOT NULL,
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

CREATE TABLE volunteers (
    id TEXT PRIMARY KEY NOT NULL,
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
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
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

CREATE TABLE team_members (
    id TEXT PRIMARY KEY NOT NULL,
    team_id TEXT NOT NULL REFERENCES teams(id),
    volunteer_id TEXT NOT NULL REFERENCES volunteers(id),
    joined_on TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT,
    UNIQUE (team_id, volunteer_id)
);

CREATE TABLE activities (
    id TEXT PRIMARY KEY NOT NULL,
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
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT
);

CREATE TABLE participations (
    id TEXT PRIMARY KEY NOT NULL,
    activity_id TEXT NOT NULL REFERENCES activities(id),
    volunteer_id TEXT NOT NULL REFERENCES volunteers(id),
    hours_tenths INTEGER NOT NULL CHECK (hours_tenths >= 0),
    evaluation TEXT NOT NULL DEFAULT '',
    remark TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT,
    UNIQUE (activity_id, volunteer_id)
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
);

CREATE TABLE training_attendance (
    id TEXT PRIMARY KEY NOT NULL,
    training_id TEXT NOT NULL REFERENCES trainings(id),
    volunteer_id TEXT NOT NULL REFERENCES volunteers(id),
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT,
    UNIQUE (training_id, volunteer_id)
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

CREATE TABLE summary_narratives (
    id TEXT PRIMARY KEY NOT NULL,
    period TEXT NOT NULL,
    section TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, origin TEXT NOT NULL, deleted_at TEXT,
    UNIQUE (period, section)
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
);
