-- migration v1-ledger
-- migration v1-sis
-- migration v2-iready
-- migration v3-services
-- migration v4-eligibility
-- migration v5-source-health
-- migration v6-deliveries
-- migration v7-claims
-- migration v8-remittance
-- migration v9-seen-files
-- migration v10-job-leases
-- migration v11-claim-acknowledgments
-- migration v12-remittance-sets
-- migration v13-district-rules
-- migration v14-claim-review
-- migration v15-console-audit
-- migration v16-alerts
-- migration v17-practitioners
-- migration v18-job-replay
-- migration v19-alert-close
-- migration v20-quality-score
-- migration v21-remittance-remarks
-- table acknowledgments
CREATE TABLE acknowledgments (
    job_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    payer TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('999', 'TA1')),
    batch_id INTEGER,
    set_control TEXT,
    result TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (job_id, seq)
) STRICT;
-- table alert_notifications
CREATE TABLE alert_notifications (
    id INTEGER PRIMARY KEY,
    alert_id INTEGER NOT NULL REFERENCES alerts(id),
    event TEXT NOT NULL CHECK (event IN ('opened', 'closed', 'reminder')),
    channel TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    sent_at TEXT
) STRICT;
-- table alerts
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    condition TEXT NOT NULL,
    source TEXT NOT NULL,
    subject TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    reminded_at TEXT,
    last_notified_at TEXT,
    detail TEXT NOT NULL
, closed_by TEXT, close_reason TEXT, held INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1))) STRICT;
-- table attendance
CREATE TABLE attendance (
    district TEXT NOT NULL,
    student_id TEXT NOT NULL,
    date TEXT NOT NULL,
    school INTEGER,
    all_day TEXT,
    daily_pct TEXT,
    period_1 TEXT,
    period_2 TEXT,
    period_3 TEXT,
    period_4 TEXT,
    period_5 TEXT,
    period_6 TEXT,
    job_id INTEGER NOT NULL,
    last_change INTEGER NOT NULL, modified_at TEXT,
    -- Date before student: a district has far fewer school days than students, so
    -- files sorted by date or by student both insert into a few hot B-tree pages.
    PRIMARY KEY (district, date, student_id)
) STRICT, WITHOUT ROWID;
-- table audit
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    job_id INTEGER REFERENCES jobs(id),
    action TEXT NOT NULL,
    detail TEXT NOT NULL
, actor TEXT, target TEXT) STRICT;
-- table billed_services
CREATE TABLE billed_services (
    district TEXT NOT NULL,
    service_date TEXT NOT NULL,
    student_id TEXT NOT NULL,
    rendering_npi TEXT NOT NULL,
    billing_code TEXT NOT NULL,
    start_time TEXT NOT NULL,
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    PRIMARY KEY (district, service_date, student_id, rendering_npi, billing_code, start_time)
) STRICT, WITHOUT ROWID;
-- table claim_acknowledgments
CREATE TABLE claim_acknowledgments (
    job_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    payer TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('claim', 'line', 'information-receiver', 'billing-provider')),
    pcn TEXT,
    claim_id INTEGER,
    payer_claim_number TEXT,
    category TEXT NOT NULL,
    status TEXT NOT NULL,
    entity TEXT NOT NULL,
    action TEXT NOT NULL,
    charge_cents INTEGER,
    status_date TEXT NOT NULL,
    message TEXT NOT NULL,
    segment INTEGER NOT NULL,
    PRIMARY KEY (job_id, seq)
) STRICT;
-- table claim_batches
CREATE TABLE "claim_batches" (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    payer TEXT NOT NULL,
    format TEXT NOT NULL,
    interchange_control INTEGER NOT NULL,
    file TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN (
        'writing', 'awaiting-review', 'built', 'submitted', 'accepted', 'partially-accepted', 'rejected',
        'discarded')),
    claims INTEGER NOT NULL,
    lines INTEGER NOT NULL,
    total_cents INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    sha256 TEXT,
    bytes INTEGER,
    acknowledged_at TEXT,
    acknowledgment TEXT,
    released_by TEXT,
    released_at TEXT,
    discarded_by TEXT,
    discarded_at TEXT,
    UNIQUE (payer, interchange_control)
) STRICT;
-- table claim_lines
CREATE TABLE claim_lines (
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    line INTEGER NOT NULL,
    district TEXT NOT NULL,
    service_date TEXT NOT NULL,
    student_id TEXT NOT NULL,
    rendering_npi TEXT NOT NULL,
    billing_code TEXT NOT NULL,
    start_time TEXT NOT NULL,
    code TEXT NOT NULL,
    modifiers TEXT NOT NULL,
    units INTEGER NOT NULL,
    charge_cents INTEGER NOT NULL,
    pointers TEXT NOT NULL,
    paid_cents INTEGER,
    PRIMARY KEY (claim_id, line)
) STRICT, WITHOUT ROWID;
-- table claims
CREATE TABLE "claims" (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id INTEGER NOT NULL REFERENCES claim_batches(id),
    payer TEXT NOT NULL,
    pcn TEXT NOT NULL UNIQUE,
    set_control TEXT NOT NULL,
    frequency TEXT NOT NULL CHECK (frequency IN ('1', '7', '8')),
    corrects INTEGER REFERENCES claims(id),
    district TEXT NOT NULL,
    student_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    last_name TEXT NOT NULL,
    first_name TEXT NOT NULL,
    birthdate TEXT,
    sex TEXT NOT NULL,
    address TEXT,
    city TEXT,
    state TEXT,
    zip TEXT,
    rendering_npi TEXT NOT NULL,
    rendering_name TEXT NOT NULL,
    place_of_service TEXT NOT NULL,
    diagnoses TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    total_cents INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN (
        'built', 'submitted', 'accepted', 'rejected', 'accepted-by-payer', 'rejected-by-payer', 'paid',
        'partial', 'denied', 'reversed', 'replaced', 'voided')),
    correction TEXT CHECK (correction IN ('replace', 'void')),
    payer_claim_number TEXT,
    paid_cents INTEGER,
    status_at TEXT NOT NULL
) STRICT;
-- table control_numbers
CREATE TABLE control_numbers (
    payer TEXT PRIMARY KEY,
    last_interchange INTEGER NOT NULL
) STRICT;
-- table deliveries
CREATE TABLE deliveries (
    delivery TEXT NOT NULL,
    file TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    destination TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    delivered_at TEXT NOT NULL,
    found_on_destination INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (delivery, file, sha256)
) STRICT;
-- table eligibility_members
CREATE TABLE eligibility_members (
    district TEXT NOT NULL,
    member_id TEXT NOT NULL,
    cin TEXT,
    last_name TEXT,
    first_name TEXT,
    birthdate TEXT,
    eligibility_start TEXT NOT NULL,
    eligibility_end TEXT,
    aid_code TEXT,
    plan_code TEXT,
    county_code TEXT,
    job_id INTEGER NOT NULL,
    last_change INTEGER NOT NULL,
    PRIMARY KEY (district, member_id, eligibility_start)
) STRICT, WITHOUT ROWID;
-- table iready_diagnostics
CREATE TABLE iready_diagnostics (
    district TEXT NOT NULL,
    student_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    academic_year TEXT NOT NULL,
    year_status TEXT,
    completion_date TEXT NOT NULL,
    start_date TEXT,
    school TEXT,
    grade TEXT,
    overall_scale_score INTEGER,
    overall_placement TEXT,
    overall_relative_placement TEXT,
    percentile INTEGER,
    grouping TEXT,
    norming_window TEXT,
    season TEXT,
    baseline TEXT,
    most_recent TEXT,
    duration_min INTEGER,
    diagnostic_number INTEGER,
    phonological_awareness_score INTEGER,
    phonological_awareness_placement TEXT,
    phonological_awareness_relative_placement TEXT,
    phonics_score INTEGER,
    phonics_placement TEXT,
    phonics_relative_placement TEXT,
    high_frequency_words_score INTEGER,
    high_frequency_words_placement TEXT,
    high_frequency_words_relative_placement TEXT,
    vocabulary_score INTEGER,
    vocabulary_placement TEXT,
    vocabulary_relative_placement TEXT,
    comprehension_overall_score INTEGER,
    comprehension_overall_placement TEXT,
    comprehension_overall_relative_placement TEXT,
    comprehension_literature_score INTEGER,
    comprehension_literature_placement TEXT,
    comprehension_literature_relative_placement TEXT,
    comprehension_informational_score INTEGER,
    comprehension_informational_placement TEXT,
    comprehension_informational_relative_placement TEXT,
    number_operations_score INTEGER,
    number_operations_placement TEXT,
    number_operations_relative_placement TEXT,
    algebra_score INTEGER,
    algebra_placement TEXT,
    algebra_relative_placement TEXT,
    measurement_data_score INTEGER,
    measurement_data_placement TEXT,
    measurement_data_relative_placement TEXT,
    geometry_score INTEGER,
    geometry_placement TEXT,
    geometry_relative_placement TEXT,
    job_id INTEGER NOT NULL,
    last_change INTEGER NOT NULL, typical_growth INTEGER, stretch_growth INTEGER, scale_score_gain INTEGER, progress_typical INTEGER, progress_stretch INTEGER,
    PRIMARY KEY (district, subject, completion_date, student_id)
) STRICT, WITHOUT ROWID;
-- table job_exceptions
CREATE TABLE job_exceptions (
    job_id INTEGER NOT NULL REFERENCES jobs(id),
    row INTEGER NOT NULL,
    column_name TEXT,
    field TEXT,
    rule_id TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('error','warning')),
    message TEXT NOT NULL,
    value TEXT
) STRICT;
-- table jobs
CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    original_name TEXT NOT NULL,
    origin TEXT NOT NULL,
    origin_cleared INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    kind TEXT,
    kind_forced INTEGER NOT NULL DEFAULT 0,
    mapping_version INTEGER,
    state TEXT NOT NULL CHECK (state IN
        ('staged','processing','retry_wait','done','rejected','duplicate','dead')),
    duplicate_of INTEGER REFERENCES jobs(id),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error TEXT,
    encoding TEXT,
    rows_read INTEGER NOT NULL DEFAULT 0,
    inserted INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0,
    file_path TEXT NOT NULL,
    receipt_path TEXT,
    report_path TEXT,
    duration_ms INTEGER,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
, lease_owner TEXT, lease_expires_at TEXT, stale INTEGER NOT NULL DEFAULT 0, generation INTEGER NOT NULL DEFAULT 0, supersedes INTEGER REFERENCES jobs(id), superseded_by INTEGER REFERENCES jobs(id), removed INTEGER NOT NULL DEFAULT 0, quality_score INTEGER CHECK (quality_score BETWEEN 0 AND 100), quality_rules TEXT) STRICT;
-- table practitioners
CREATE TABLE practitioners (
    district TEXT NOT NULL,
    npi TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    name TEXT NOT NULL,
    practitioner_type TEXT NOT NULL,
    license TEXT NOT NULL,
    job_id INTEGER NOT NULL,
    last_change INTEGER NOT NULL,
    PRIMARY KEY (district, npi, valid_from)
) STRICT, WITHOUT ROWID;
-- table remittance_claims
CREATE TABLE remittance_claims (
    job_id INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    payer TEXT NOT NULL,
    pcn TEXT NOT NULL,
    claim_id INTEGER,
    status_code TEXT NOT NULL,
    classification TEXT NOT NULL,
    charge_cents INTEGER NOT NULL,
    paid_cents INTEGER NOT NULL,
    patient_responsibility_cents INTEGER NOT NULL,
    payer_claim_number TEXT,
    adjustments TEXT NOT NULL, set_ordinal INTEGER, remarks TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (job_id, seq)
) STRICT;
-- table remittances
CREATE TABLE "remittances" (
    job_id INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    interchange_control TEXT NOT NULL,
    group_control TEXT NOT NULL,
    set_control TEXT NOT NULL,
    payer TEXT NOT NULL,
    trace TEXT NOT NULL,
    payment_cents INTEGER NOT NULL,
    payment_method TEXT NOT NULL,
    payment_date TEXT NOT NULL,
    claims INTEGER NOT NULL,
    balance_issues INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('applied', 'held', 'released')),
    PRIMARY KEY (job_id, ordinal)
) STRICT;
-- table seen_files
CREATE TABLE seen_files (
    source TEXT NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    modified INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (source, name)
) STRICT, WITHOUT ROWID;
-- table services
CREATE TABLE services (
    district TEXT NOT NULL,
    student_id TEXT NOT NULL,
    service_date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT,
    minutes INTEGER,
    billing_code TEXT NOT NULL,
    modifiers TEXT,
    units INTEGER,
    place_of_service TEXT,
    rendering_npi TEXT NOT NULL,
    rendering_name TEXT,
    referring_npi TEXT,
    supervising_npi TEXT,
    diagnosis_codes TEXT,
    service_type TEXT,
    consent INTEGER,
    service_ref TEXT,
    job_id INTEGER NOT NULL,
    last_change INTEGER NOT NULL,
    PRIMARY KEY (district, service_date, student_id, rendering_npi, billing_code, start_time)
) STRICT, WITHOUT ROWID;
-- table source_health
CREATE TABLE source_health (
    source TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('ok', 'backoff', 'open', 'needs-operator')),
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    next_attempt_at TEXT,
    last_success_at TEXT,
    updated_at TEXT NOT NULL
) STRICT;
-- table sqlite_sequence
CREATE TABLE sqlite_sequence(name,seq);
-- table student_eligibility
CREATE TABLE student_eligibility (
    district TEXT NOT NULL,
    student_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    eligibility_start TEXT NOT NULL,
    eligibility_end TEXT,
    aid_code TEXT,
    plan_code TEXT,
    matched_by TEXT NOT NULL CHECK (matched_by IN ('cin', 'name-birthdate')),
    job_id INTEGER NOT NULL,
    PRIMARY KEY (district, student_id, member_id, eligibility_start)
) STRICT, WITHOUT ROWID;
-- table students
CREATE TABLE students (
    district TEXT NOT NULL,
    student_id TEXT NOT NULL,
    student_number INTEGER,
    school INTEGER,
    ssid TEXT,
    cin TEXT,
    last_name TEXT,
    first_name TEXT,
    middle_name TEXT,
    birthdate TEXT,
    grade INTEGER,
    sex TEXT,
    status TEXT,
    job_id INTEGER NOT NULL,
    last_change INTEGER NOT NULL, address TEXT, city TEXT, state TEXT, zip TEXT,
    PRIMARY KEY (district, student_id)
) STRICT, WITHOUT ROWID;
-- index alert_notifications_pending
CREATE INDEX alert_notifications_pending ON alert_notifications(next_attempt_at) WHERE sent_at IS NULL;
-- index alerts_open_key
CREATE UNIQUE INDEX alerts_open_key ON alerts(key) WHERE state = 'open';
-- index billed_by_claim
CREATE INDEX billed_by_claim ON billed_services(claim_id);
-- index claim_acknowledgments_by_claim
CREATE INDEX claim_acknowledgments_by_claim ON claim_acknowledgments(claim_id);
-- index claims_by_batch
CREATE INDEX claims_by_batch ON claims(batch_id, set_control);
-- index claims_by_payer_number
CREATE INDEX claims_by_payer_number ON claims(payer, payer_claim_number);
-- index iready_by_student
CREATE INDEX iready_by_student ON iready_diagnostics(district, student_id, subject, academic_year);
-- index job_exceptions_job
CREATE INDEX job_exceptions_job ON job_exceptions(job_id, row);
-- index jobs_identity
CREATE UNIQUE INDEX jobs_identity ON jobs(source, sha256, generation) WHERE state <> 'duplicate';
-- index jobs_source_quality
CREATE INDEX jobs_source_quality ON jobs(source, id) WHERE quality_score IS NOT NULL;
-- index jobs_state
CREATE INDEX jobs_state ON jobs(state, next_attempt_at);
-- index remittance_claims_by_claim
CREATE INDEX remittance_claims_by_claim ON remittance_claims(claim_id);
-- index remittances_by_trace
CREATE INDEX remittances_by_trace ON remittances(payer, trace);
